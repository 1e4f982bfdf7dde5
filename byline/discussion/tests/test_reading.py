"""Reading a thread: keyset pages in every sort, first replies, permalinks, and constant cost."""

from __future__ import annotations

import pytest
from django.test import Client

from byline.discussion.identity import Reader
from byline.discussion.models import Comment, Sort, Vote
from byline.discussion.tests.factories import bulk_thread, post
from byline.discussion.tests.test_views import guest_form
from byline.discussion.threads import reading, services
from byline.newsroom.tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


def all_pages(article, sort: str) -> list[list[int]]:
    pages, cursor = [], None
    while True:
        view = reading.thread_view(page=article, reader=Reader(), sort=sort, cursor=cursor)
        pages.append([root.pk for root in view.roots])
        if not view.next_cursor:
            return pages
        cursor = view.next_cursor


def test_newest_and_oldest_pages_cover_every_root_once_in_order(article, settings):
    settings.DISCUSSION_PAGE_SIZE = 3
    roots = [post(article, f"Comment {n}").pk for n in range(8)]

    newest = all_pages(article, Sort.NEWEST)
    oldest = all_pages(article, Sort.OLDEST)

    assert newest == [roots[7:4:-1], roots[4:1:-1], roots[1::-1]]
    assert [pk for page in oldest for pk in page] == roots


def test_most_voted_orders_by_score_then_newest(article, settings):
    settings.DISCUSSION_PAGE_SIZE = 2
    low, high, middle, tied = (post(article, f"Comment {n}", token=f"a{n}") for n in range(4))
    for n, (comment, votes) in enumerate([(high, 3), (middle, 2), (tied, 2)]):
        for v in range(votes):
            services.cast_vote(
                comment_id=comment.pk, reader=Reader(guest_token=f"v{n}{v}"), value=Vote.UP
            )

    assert all_pages(article, Sort.MOST_VOTED) == [[high.pk, tied.pk], [middle.pk, low.pk]]


def test_roots_show_their_first_replies_in_conversation_order(article, settings):
    settings.DISCUSSION_REPLIES_SHOWN = 3
    root = post(article)
    first = post(article, parent=root)
    nested = post(article, parent=first)
    second = post(article, parent=root)
    post(article, parent=root)

    view = reading.thread_view(page=article, reader=Reader())

    shown = view.roots[0]
    assert [reply.pk for reply in shown.replies] == [first.pk, nested.pk, second.pk]
    assert shown.more_replies == 1


def test_more_replies_continue_where_the_first_ones_stopped(article, settings):
    settings.DISCUSSION_REPLIES_SHOWN = 2
    root = post(article)
    replies = [post(article, f"Reply {n}", parent=root).pk for n in range(5)]
    shown = reading.thread_view(page=article, reader=Reader()).roots[0]

    rest, more = reading.replies_page(
        root=root, reader=Reader(), after=shown.last_shown_position, limit=2
    )
    last, no_more = reading.replies_page(
        root=root, reader=Reader(), after=rest[-1].position, limit=2
    )

    assert [r.pk for r in shown.replies] + [r.pk for r in rest] + [r.pk for r in last] == replies
    assert (more, no_more) == (True, False)


def test_a_permalink_opens_the_thread_at_a_comment_far_down(article, settings):
    settings.DISCUSSION_PAGE_SIZE = 5
    roots = [post(article, f"Comment {n}") for n in range(30)]
    target_root = roots[3]
    replies = [post(article, f"Reply {n}", parent=target_root) for n in range(8)]

    view = reading.thread_view(page=article, reader=Reader(), focus=replies[6])

    assert view.roots[0].pk == target_root.pk
    assert replies[6].pk in [reply.pk for reply in view.roots[0].replies]
    assert view.focus_id == replies[6].pk


def test_removed_comments_stay_as_placeholders_only_while_they_have_replies(article):
    keeper = post(article, token="a")
    post(article, parent=keeper, token="b")
    lonely = post(article, token="a")
    for comment in (keeper, lonely):
        services.delete_comment(comment_id=comment.pk, reader=Reader(guest_token="a"))

    view = reading.thread_view(page=article, reader=Reader())

    assert [(root.pk, root.is_placeholder) for root in view.roots] == [(keeper.pk, True)]


def test_pending_and_hidden_comments_are_not_shown(article):
    shown = post(article)
    for status in (Comment.Status.PENDING, Comment.Status.HIDDEN):
        Comment.objects.filter(pk=post(article).pk).update(status=status)

    assert [root.pk for root in reading.thread_view(page=article, reader=Reader()).roots] == [
        shown.pk
    ]


def test_the_readers_own_votes_and_edit_rights_are_marked(article):
    mine = post(article, token="me")
    theirs = post(article, token="them")
    me = Reader(guest_token="me")
    services.cast_vote(comment_id=theirs.pk, reader=me, value=Vote.DOWN)

    roots = {root.pk: root for root in reading.thread_view(page=article, reader=me).roots}

    assert (roots[mine.pk].can_edit, roots[mine.pk].my_vote) == (True, 0)
    assert (roots[theirs.pk].can_edit, roots[theirs.pk].my_vote) == (False, -1)


@pytest.mark.parametrize(
    "cursor", ["", "abc", "1.2.3", "-5", "99999999999999999999999", "0", "1.x"]
)
def test_malformed_cursors_read_as_the_first_page(article, cursor):
    first = post(article)

    for sort in Sort.values:
        view = reading.thread_view(page=article, reader=Reader(), sort=sort, cursor=cursor)
        assert [root.pk for root in view.roots] == [first.pk]


def queries_for(client: Client, url: str, django_assert_max_num_queries, **headers) -> int:
    client.get(url, headers=headers)  # warm caches and renditions
    with django_assert_max_num_queries(60) as captured:
        assert client.get(url, headers=headers).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("sort", Sort.values)
def test_article_page_queries_do_not_grow_with_the_thread(sort, django_assert_max_num_queries):
    """A 2,000-comment thread costs the article page the same queries as a 20-comment one."""
    small, large = ArticlePageFactory(), ArticlePageFactory()
    bulk_thread(small, roots=15, replies_per_root=1)
    thread = bulk_thread(large, roots=1500, replies_per_root=1)
    assert thread.comment_count == 3000 or Comment.objects.filter(thread=thread).count() == 3000
    client = Client()

    small_count = queries_for(client, f"{small.url}?sort={sort}", django_assert_max_num_queries)
    large_count = queries_for(client, f"{large.url}?sort={sort}", django_assert_max_num_queries)
    deep_cursor = Comment.objects.filter(thread=thread, parent=None).order_by("id")[700]
    cursor = reading.encode_cursor(deep_cursor, sort)
    next_page = queries_for(
        client,
        f"/comments/on/{large.pk}/?sort={sort}&after={cursor}",
        django_assert_max_num_queries,
        **{"Byline-Fragment": "1"},
    )

    assert large_count == small_count
    assert next_page <= small_count


@pytest.mark.parametrize("cards", ["drawn", "shared"])
def test_a_personal_article_page_costs_the_same_queries_at_20_and_2000_comments(
    django_assert_max_num_queries, request, cards
):
    """A reader with a cookie gets the page rendered for them (their votes, their own comments'
    controls): that costs the same queries whatever the size of the thread, whether each card is
    drawn or comes from the shared fragments (the page cache on, see threads/cards.py)."""
    from byline.accounts.tests.factories import UserFactory

    if cards == "shared":
        request.getfixturevalue("page_cache")

    small, large = ArticlePageFactory(), ArticlePageFactory()
    bulk_thread(small, roots=10, replies_per_root=1)
    bulk_thread(large, roots=1000, replies_per_root=1)
    guest, member = Client(), Client()
    member.force_login(UserFactory())
    for client in (guest, member):
        counts = []
        for article in (small, large):
            # Their own comment and a vote in each thread: state of theirs for the page to draw.
            posted = client.post(f"/comments/on/{article.pk}/post/", guest_form(body="Mine."))
            assert posted.status_code == 302, posted.content[:500]
            voted = Comment.objects.filter(thread__page=article).order_by("-id")[1]
            assert client.post(f"/comments/{voted.pk}/vote/", {"value": "up"}).status_code < 400
            counts.append(queries_for(client, article.url, django_assert_max_num_queries))
            mine = Comment.objects.filter(thread__page=article).latest("id")
            assert f"/comments/{mine.pk}/edit/" in client.get(article.url).content.decode()

        assert counts[0] == counts[1], client
    assert Comment.objects.filter(thread__page=large).count() == 2002


def test_a_permalinked_root_is_shown_with_all_of_its_replies(article, settings):
    settings.DISCUSSION_REPLIES_SHOWN = 2
    root = post(article, "The root")
    replies = [post(article, f"Reply {n}", parent=root) for n in range(2)]
    replies.insert(1, post(article, "Nested", parent=replies[0]))
    replies += [post(article, f"Late {n}", parent=root) for n in range(2)]

    shown = reading.thread_view(page=article, reader=Reader(), focus=root).roots[0]

    assert [reply.pk for reply in shown.replies] == [reply.pk for reply in replies]
    assert shown.more_replies == 0
