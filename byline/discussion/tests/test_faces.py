"""Faces and roles in the thread: badges, the pinned comment, editor's picks and mutes."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.models import ModelLogEntry, PageViewRestriction

from byline.accounts.tests.factories import UserFactory
from byline.discussion.errors import DiscussionError
from byline.discussion.identity import Reader
from byline.discussion.models import Comment, Mute, Thread
from byline.discussion.moderation import actions, featuring
from byline.discussion.tests.factories import post
from byline.discussion.threads import muting, reading, roles, services

pytestmark = pytest.mark.django_db


def in_group(name: str, **fields):
    user = UserFactory(is_staff=True, **fields)
    user.groups.add(Group.objects.get(name=name))
    return user


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# Badges


def credit(article, user) -> None:
    """Link the article's credited author to ``user``'s account (the author snippet's User)."""
    author = article.authors.first().author
    author.user = user
    author.save()


def test_the_articles_author_a_moderator_and_staff_get_badges_and_readers_none(article):
    writer = UserFactory()
    credit(article, writer)
    moderator, staff, reader = in_group("Moderators"), UserFactory(is_staff=True), UserFactory()
    comments = [
        post(article, f"By {n}", as_user=user)
        for n, user in enumerate((writer, moderator, staff, reader))
    ]
    guest = post(article, "A guest's view")

    roles.attach_roles([*comments, guest], article.pk)

    assert [c.roles for c in comments] == [("Author",), ("Moderator",), ("Staff",), ()]
    assert guest.roles == ()


def test_an_author_of_another_article_is_no_author_here(article):
    from byline.newsroom.tests.factories import ArticlePageFactory

    other = ArticlePageFactory()
    writer = UserFactory()
    credit(other, writer)
    comment = post(article, as_user=writer)

    roles.attach_roles([comment], article.pk)

    assert comment.roles == ()


def test_badges_are_words_beside_the_name_in_the_thread(client, article):
    moderator = in_group("Moderators")
    comment = post(article, "Moderator here", as_user=moderator)

    badge = soup(client.get(article.url)).select_one(f"#comment-{comment.pk} .comment__badge")

    assert badge.get_text(" ", strip=True) == "Role: Moderator"


# Pins and picks


def test_a_pinned_comment_leads_the_first_page_of_every_sort_and_no_other_page(article, settings):
    settings.DISCUSSION_PAGE_SIZE = 2
    first, *others = (post(article, f"Comment {n}") for n in range(4))
    featuring.feature(comment_id=first.pk, change="pin", editor=in_group("Editors"))

    for sort in ("newest", "oldest", "votes"):
        view = reading.thread_view(page=article, reader=Reader(), sort=sort)
        later = reading.thread_view(
            page=article, reader=Reader(), sort=sort, cursor=view.next_cursor
        )
        assert view.pinned.pk == first.pk
        assert first.pk not in [root.pk for root in view.roots + later.roots]
        assert view.next_cursor is not None and later.pinned is None
        assert {root.pk for root in view.roots + later.roots} == {other.pk for other in others}


def test_pinning_a_second_comment_replaces_the_first(article):
    editor = in_group("Editors")
    one, two = post(article, "One"), post(article, "Two")

    featuring.feature(comment_id=one.pk, change="pin", editor=editor)
    featuring.feature(comment_id=two.pk, change="pin", editor=editor)

    assert Thread.objects.get(page=article).pinned_comment_id == two.pk


def test_unpinning_puts_the_comment_back_in_its_place(article):
    editor = in_group("Editors")
    one = post(article, "One")
    featuring.feature(comment_id=one.pk, change="pin", editor=editor)

    featuring.feature(comment_id=one.pk, change="unpin", editor=editor)

    view = reading.thread_view(page=article, reader=Reader())
    assert view.pinned is None
    assert [root.pk for root in view.roots] == [one.pk]


def test_a_pinned_comment_taken_down_disappears_with_its_pick(article):
    editor, moderator = in_group("Editors"), in_group("Moderators")
    comment = post(article, "Pinned then removed")
    featuring.feature(comment_id=comment.pk, change="pin", editor=editor)
    featuring.feature(comment_id=comment.pk, change="pick", editor=editor)

    actions.decide(comment_ids=[comment.pk], decision="reject", moderator=moderator)

    view = reading.thread_view(page=article, reader=Reader())
    assert view.pinned is None
    assert Thread.objects.get(page=article).pinned_comment_id is None
    assert Comment.objects.get(pk=comment.pk).picked_at is None


def test_a_pinned_comment_its_author_deletes_disappears(article):
    comment = post(article, "Mine")
    featuring.feature(comment_id=comment.pk, change="pin", editor=in_group("Editors"))

    services.delete_comment(comment_id=comment.pk, reader=Reader(guest_token="guest-token-maya"))

    assert reading.thread_view(page=article, reader=Reader()).pinned is None


@pytest.mark.parametrize("change", ["pin", "pick"])
def test_only_published_roots_are_pinned_or_picked(article, change):
    editor = in_group("Editors")
    root = post(article, "Root")
    reply = post(article, "Reply", parent=root)
    Comment.objects.filter(pk=root.pk).update(status=Comment.Status.PENDING)

    for target in (root, reply):
        with pytest.raises(DiscussionError):
            featuring.feature(comment_id=target.pk, change=change, editor=editor)
    assert Thread.objects.get(page=article).pinned_comment_id is None
    assert not Comment.objects.filter(picked_at__isnull=False).exists()


def test_the_picks_filter_pages_through_picked_comments_in_the_sort_asked(article, settings):
    settings.DISCUSSION_PAGE_SIZE = 2
    editor = in_group("Editors")
    comments = [post(article, f"Comment {n}") for n in range(5)]
    for comment in comments[1:4]:
        featuring.feature(comment_id=comment.pk, change="pick", editor=editor)

    first = reading.thread_view(page=article, reader=Reader(), sort="oldest", picks=True)
    second = reading.thread_view(
        page=article, reader=Reader(), sort="oldest", picks=True, cursor=first.next_cursor
    )

    assert [c.pk for c in first.roots + second.roots] == [c.pk for c in comments[1:4]]
    assert second.next_cursor is None
    assert "picks=1" in first.inline_query


def test_the_picks_link_keeps_the_sort_and_the_next_page_keeps_the_filter(
    client, article, settings
):
    settings.DISCUSSION_PAGE_SIZE = 1
    editor = in_group("Editors")
    for n in range(2):
        featuring.feature(comment_id=post(article, f"Pick {n}").pk, change="pick", editor=editor)
    post(article, "Not picked")

    page = soup(client.get(f"{article.url}?sort=votes&picks=1"))

    assert page.select_one(".discussion__picks a[aria-current]").get_text() == "Editor’s pick" + "s"
    more = page.select_one("[data-load-more]")
    assert "picks=1" in more["href"] and "sort=votes" in more["href"]
    assert [flag.get_text() for flag in page.select(".comment__flag--pick")] == ["Editor’s pick"]


def test_a_thread_without_picks_says_so(client, article):
    post(article, "Not picked")

    assert "No editor’s picks here yet." in soup(client.get(f"{article.url}?picks=1")).get_text()


def test_featuring_is_audited_and_purges_the_article(article, django_capture_on_commit_callbacks):
    editor = in_group("Editors")
    comment = post(article, "Featured")

    with django_capture_on_commit_callbacks() as callbacks:
        featuring.feature(comment_id=comment.pk, change="pick", editor=editor)

    assert callbacks, "the purge waits for the commit"
    entry = ModelLogEntry.objects.get(action=featuring.PICK)
    assert (entry.object_id, entry.user_id) == (str(comment.pk), editor.pk)


def test_picking_twice_logs_once(article):
    editor = in_group("Editors")
    comment = post(article)
    for _ in range(2):
        featuring.feature(comment_id=comment.pk, change="pick", editor=editor)

    assert ModelLogEntry.objects.filter(action=featuring.PICK).count() == 1


# Permissions


@pytest.mark.parametrize("change", ["pin", "unpin", "pick", "unpick", "nonsense", ""])
def test_a_reader_cannot_pin_or_pick_with_a_forged_post(article, change):
    comment = post(article)
    client = signed_in(UserFactory())

    response = client.post(f"/comments/{comment.pk}/feature/", {"change": change})

    assert response.status_code == 403
    assert Thread.objects.get(page=article).pinned_comment_id is None
    assert Comment.objects.get(pk=comment.pk).picked_at is None


def test_a_guest_cannot_pin(article):
    comment = post(article)

    response = Client().post(f"/comments/{comment.pk}/feature/", {"change": "pin"})

    assert response.status_code == 403
    assert Thread.objects.get(page=article).pinned_comment_id is None


def test_staff_without_the_permission_cannot_pin(article):
    comment = post(article)

    with pytest.raises(DiscussionError):
        featuring.feature(comment_id=comment.pk, change="pin", editor=UserFactory(is_staff=True))


def test_an_editor_pins_from_the_thread_without_javascript(article):
    comment = post(article)
    client = signed_in(in_group("Editors"))

    response = client.post(f"/comments/{comment.pk}/feature/", {"change": "pin"})

    assert response.status_code == 302
    assert response["Location"].endswith(f"#comment-{comment.pk}")
    page = soup(client.get(article.url))
    assert page.select_one(".comment-list > li")["id"] == f"comment-{comment.pk}"
    assert page.select_one(f"#comment-{comment.pk} .comment__flag--pinned").get_text() == "Pinned"
    assert page.select_one(f"#comment-{comment.pk} button[value=unpin]")


def test_an_editor_gets_a_message_for_a_comment_that_cannot_be_pinned(article):
    root = post(article)
    reply = post(article, parent=root)

    response = signed_in(in_group("Editors")).post(
        f"/comments/{reply.pk}/feature/", {"change": "pin"}
    )

    assert response.status_code == 400
    assert "starts a conversation" in response.content.decode()


@pytest.mark.parametrize("hidden", ["unpublished", "restricted"])
@pytest.mark.parametrize("change", ["pin", "pick"])
def test_a_comment_no_reader_can_reach_is_refused_like_an_unknown_one(article, hidden, change):
    comment = post(article)
    if hidden == "unpublished":
        article.unpublish()
    else:
        PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN)
    client = signed_in(in_group("Editors"))

    response = client.post(f"/comments/{comment.pk}/feature/", {"change": change})
    unknown = client.post("/comments/999999/feature/", {"change": change})

    assert response.status_code == unknown.status_code == 400
    assert "no longer available" in response.content.decode()
    comment.refresh_from_db()
    assert comment.picked_at is None and comment.thread.pinned_comment_id is None


def test_readers_see_no_pin_or_pick_buttons(article):
    post(article)

    page = soup(signed_in(UserFactory()).get(article.url))

    assert not page.select("button[value=pin], button[value=pick]")


# Mutes


def test_a_muted_account_holders_comments_fold_away_for_the_reader_alone(article):
    reader, loud = UserFactory(), UserFactory()
    comment = post(article, "Shouting", as_user=loud)
    muting.mute(reader=reader, muted_id=loud.pk)

    mine = soup(signed_in(reader).get(article.url))
    theirs = soup(signed_in(UserFactory()).get(article.url))

    folded = mine.select_one(f"#comment-{comment.pk} > details.comment__muted")
    assert folded is not None and "You muted" in folded.summary.get_text()
    assert folded.select_one(".comment__body").get_text(strip=True) == "Shouting"
    assert theirs.select_one(f"#comment-{comment.pk} > details") is None


def test_a_reader_mutes_and_unmutes_from_the_comment(article):
    reader, loud = UserFactory(), UserFactory()
    comment = post(article, "Shouting", as_user=loud)
    client = signed_in(reader)

    assert client.post(f"/comments/{comment.pk}/mute/", {"change": "mute"}).status_code == 302
    assert Mute.objects.filter(reader=reader, muted=loud).exists()
    assert client.post(f"/comments/{comment.pk}/mute/", {"change": "mute"}).status_code == 302
    assert Mute.objects.filter(reader=reader).count() == 1

    client.post(f"/comments/{comment.pk}/mute/", {"change": "unmute"})
    assert not Mute.objects.exists()


def test_nobody_mutes_themselves_or_a_guest(article):
    reader = UserFactory()
    own = post(article, "Mine", as_user=reader)
    guest_comment = post(article, "A guest")
    client = signed_in(reader)

    assert client.post(f"/comments/{own.pk}/mute/").status_code == 400
    assert client.post(f"/comments/{guest_comment.pk}/mute/").status_code == 400
    assert not Mute.objects.exists()
    with pytest.raises(DiscussionError):
        muting.mute(reader=reader, muted_id=reader.pk)


def test_a_guest_is_sent_to_sign_in_to_mute(article):
    comment = post(article, as_user=UserFactory())

    response = Client().post(f"/comments/{comment.pk}/mute/")

    assert response.status_code == 302 and "login" in response["Location"]
    assert not Mute.objects.exists()


def test_the_muted_page_lists_mutes_and_unmutes(article):
    reader, loud = UserFactory(), UserFactory(display_name="Loud Larry")
    muting.mute(reader=reader, muted_id=loud.pk)
    client = signed_in(reader)

    page = soup(client.get("/accounts/muted/"))
    assert "Loud Larry" in page.select_one(".mute-list").get_text()

    response = client.post("/accounts/muted/", {"muted": str(loud.pk)})
    assert response.status_code == 302
    assert not Mute.objects.exists()
    assert "You have not muted anyone." in soup(client.get("/accounts/muted/")).get_text()


@pytest.mark.parametrize("value", ["", "abc", "-1", "99999999999999999999", "١٢", "1 OR 1=1"])
def test_the_muted_page_shrugs_off_hostile_input(value):
    reader = UserFactory()

    response = signed_in(reader).post("/accounts/muted/", {"muted": value})

    assert response.status_code == 302


def test_the_muted_page_is_for_signed_in_readers():
    response = Client().get("/accounts/muted/")

    assert response.status_code == 302 and "login" in response["Location"]


def test_a_page_with_mutes_is_private_to_the_browser(article):
    reader, loud = UserFactory(), UserFactory()
    post(article, "Shouting", as_user=loud)
    muting.mute(reader=reader, muted_id=loud.pk)
    client = signed_in(reader)

    page = client.get(article.url)
    fragment = client.get(
        f"/comments/on/{article.pk}/?sort=oldest", headers={"Byline-Fragment": "1"}
    )

    assert "private" in page["Cache-Control"]
    assert "private" in fragment["Cache-Control"]
    assert b"comment__muted" in fragment.content


def test_a_page_without_mutes_is_not_marked_private(article):
    post(article, "Shouting", as_user=UserFactory())

    response = signed_in(UserFactory()).get(article.url)

    assert "private" not in response.get("Cache-Control", "")


# Queries


def test_badges_pins_and_mutes_cost_the_same_queries_whatever_the_page_holds(
    article, django_assert_max_num_queries
):
    """Roles and mutes are one query each per page, however many commenters it shows."""
    from byline.newsroom.tests.factories import ArticlePageFactory

    reader, editor = UserFactory(), in_group("Editors")
    small, large = ArticlePageFactory(), ArticlePageFactory()
    for page, count in ((small, 2), (large, 12)):
        people = [UserFactory() for _ in range(count)]
        for n, person in enumerate(people):
            comment = post(page, f"Comment {n}", as_user=person)
            post(page, f"Reply {n}", parent=comment, as_user=in_group("Moderators"))
        featuring.feature(comment_id=comment.pk, change="pin", editor=editor)
        featuring.feature(comment_id=comment.pk, change="pick", editor=editor)
        muting.mute(reader=reader, muted_id=people[0].pk)
    client = signed_in(reader)

    def queries(url):
        client.get(url)
        with django_assert_max_num_queries(80) as captured:
            assert client.get(url).status_code == 200
        return len(captured.captured_queries)

    assert queries(large.url) == queries(small.url)
    assert queries(f"{large.url}?picks=1") == queries(f"{small.url}?picks=1")
