"""The discussion over HTTP: every form works without JavaScript, and fragments for the script."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from byline.accounts.tests.factories import UserFactory
from byline.discussion.identity import GUEST_COOKIE
from byline.discussion.live import stores
from byline.discussion.models import Comment, Report, Thread
from byline.discussion.tests.factories import post, trap_fields
from byline.discussion.tests.xss_payloads import XSS_PAYLOADS
from byline.discussion.threads import reading

pytestmark = pytest.mark.django_db
FRAGMENT = {"Byline-Fragment": "1"}


def guest_form(**fields) -> dict[str, str]:
    return {
        "name": "Maya Reader",
        "email": "maya@example.org",
        "body": "I doubt the source.",
        **trap_fields(),
        **fields,
    }


def post_url(article) -> str:
    return f"/comments/on/{article.pk}/post/"


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


class TestPostingWithoutJavaScript:
    def test_the_article_renders_its_thread_and_form(self, client, article):
        post(article, "The first word.")

        page = soup(client.get(article.url))

        assert page.select_one("#comments-heading").get_text(strip=True) == "1 comment"
        assert page.select_one(".comment__body").get_text(strip=True) == "The first word."
        assert page.select_one("form#respond")["action"] == f"{post_url(article)}#respond"

    def test_a_guest_posts_and_lands_on_the_new_comment(self, client, article):
        response = client.post(post_url(article), guest_form())

        comment = Comment.objects.get()
        assert response.status_code == 302
        assert response["Location"] == f"{article.url}?comment={comment.pk}#comment-{comment.pk}"
        assert GUEST_COOKIE in response.cookies
        page = soup(client.get(response["Location"]))
        assert page.select_one(f"#comment-{comment.pk} .comment__action[href$='/edit/']")

    def test_errors_sit_next_to_their_fields_and_keep_what_was_typed(self, client, article):
        response = client.post(post_url(article), guest_form(email="not-an-address", name="  "))

        assert response.status_code == 400
        page = soup(response)
        assert "valid email" in page.select_one("#id_email_error").get_text()
        assert page.select_one("#id_name_error")
        assert page.select_one("#id_email")["aria-invalid"] == "true"
        assert page.select_one("#id_body").get_text(strip=True) == "I doubt the source."
        assert Comment.objects.count() == 0

    def test_a_service_refusal_is_shown_on_the_form(self, client, article):
        removed = post(article)
        Comment.objects.filter(pk=removed.pk).update(status=Comment.Status.REMOVED)

        response = client.post(post_url(article), guest_form(parent=str(removed.pk)))

        assert response.status_code == 400
        assert "has been deleted" in soup(response).select_one(".form-errors").get_text()
        assert Comment.objects.count() == 1

    def test_a_closed_thread_says_so_instead_of_offering_a_form(self, client, article):
        Thread.objects.for_page(article)
        Thread.objects.filter(page=article).update(closed_at="2020-01-01T00:00Z")

        response = client.post(post_url(article), guest_form())

        assert response.status_code == 400
        page = soup(response)
        assert "closed to new comments" in page.select_one(".discussion__closed").get_text()
        assert page.select_one("form#respond") is None

    def test_reply_links_set_up_the_form_for_a_reply(self, client, article):
        comment = post(article, "Original")

        page = soup(client.get(f"{article.url}?reply_to={comment.pk}"))

        assert page.select_one("input[name=parent]")["value"] == str(comment.pk)
        assert "Reply to Maya Reader" in page.select_one(".comment-form__title").get_text()

    def test_a_signed_in_reader_posts_without_name_or_email(self, client, article):
        user = UserFactory(display_name="Ada")
        client.force_login(user)

        client.post(post_url(article), {"body": "Signed in.", **trap_fields()})

        assert Comment.objects.get().author == user

    def test_unknown_pages_and_pages_without_discussion_are_404(self, client, article):
        assert client.post("/comments/on/999999/post/", guest_form()).status_code == 404
        assert (
            client.post(f"/comments/on/{article.get_parent().pk}/post/", guest_form()).status_code
            == 404
        )
        assert (
            client.post("/comments/on/99999999999999999999/post/", guest_form()).status_code == 404
        )


class TestFragments:
    def test_posting_returns_the_rendered_comment(self, client, article):
        response = client.post(post_url(article), guest_form(body="**Bold**"), headers=FRAGMENT)

        assert response.status_code == 201
        assert soup(response).select_one(".comment__body strong").get_text() == "Bold"

    def test_errors_return_the_form_with_messages(self, client, article):
        response = client.post(post_url(article), guest_form(body=""), headers=FRAGMENT)

        assert response.status_code == 400
        assert soup(response).select_one("#id_body_error")

    def test_load_more_returns_the_next_page(self, client, article, settings):
        settings.DISCUSSION_PAGE_SIZE = 2
        comments = [post(article, f"Comment {n}") for n in range(3)]
        first = soup(client.get(article.url)).select_one("[data-load-more]")["data-load-more"]

        response = client.get(first, headers=FRAGMENT)

        ids = [int(li["data-comment-id"]) for li in soup(response).select(".comment-list > li")]
        assert ids == [comments[0].pk]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("Maya\nReader", "Maya Reader"), ("Maya\u202eredaeR", "MayaredaeR"), ("Ma\u200bya", "Maya")],
)
def test_a_guest_name_is_stored_as_one_line_of_visible_text(client, article, typed, stored):
    client.post(post_url(article), guest_form(name=typed))

    assert Comment.objects.get().guest_name == stored


class TestVotingEditingDeleting:
    def test_voting_without_javascript_redirects_back_to_the_comment(self, client, article):
        comment = post(article, token="someone-else")

        response = client.post(f"/comments/{comment.pk}/vote/", {"value": "up"})

        assert response.status_code == 302 and f"#comment-{comment.pk}" in response["Location"]
        assert Comment.objects.get(pk=comment.pk).score == 1

    def test_voting_with_the_script_returns_the_new_score(self, client, article):
        comment = post(article, token="someone-else")

        response = client.post(f"/comments/{comment.pk}/vote/", {"value": "down"}, headers=FRAGMENT)

        assert soup(response).select_one(".votes__score").get_text(strip=True) == "-1"
        assert soup(response).select_one(".votes__button--down")["aria-pressed"] == "true"

    def test_five_cookieless_votes_from_one_address_count_once(self, article):
        comment = post(article, token="someone-else")

        for _ in range(5):
            Client().post(f"/comments/{comment.pk}/vote/", {"value": "up"})

        assert Comment.objects.get(pk=comment.pk).score == 1

    def test_votes_are_rate_limited_per_address(self, article, settings):
        cache.clear()
        settings.DISCUSSION_VOTE_RATE = "2/m"
        comments = [post(article, f"Opinion {n}", token="someone-else") for n in range(3)]

        answers = [
            Client().post(f"/comments/{comment.pk}/vote/", {"value": "up"}) for comment in comments
        ]

        assert [answer.status_code for answer in answers] == [302, 302, 403]
        assert "many votes" in answers[-1].content.decode()
        assert [Comment.objects.get(pk=c.pk).score for c in comments] == [1, 1, 0]
        cache.clear()

    @pytest.mark.parametrize("value", ["sideways", "", "1"])
    def test_nonsense_votes_are_refused_clearly(self, client, article, value):
        comment = post(article)

        response = client.post(f"/comments/{comment.pk}/vote/", {"value": value})

        assert response.status_code == 403
        assert "up, down or nothing" in response.content.decode()

    def test_the_author_edits_and_deletes_in_their_browser(self, client, article):
        client.post(post_url(article), guest_form(body="Frist"))
        comment = Comment.objects.get()

        assert client.get(f"/comments/{comment.pk}/edit/").status_code == 200
        client.post(f"/comments/{comment.pk}/edit/", {"body": "First"})
        assert Comment.objects.get().body == "First"
        client.post(f"/comments/{comment.pk}/delete/")
        assert Comment.objects.get().status == Comment.Status.REMOVED

    def test_another_browser_cannot_edit_or_delete(self, article):
        author = Client()
        author.post(post_url(article), guest_form(body="Mine"))
        comment = Comment.objects.get()
        stranger = Client()

        assert stranger.get(f"/comments/{comment.pk}/edit/").status_code == 403
        assert (
            stranger.post(f"/comments/{comment.pk}/edit/", {"body": "Hijacked"}).status_code == 403
        )
        assert stranger.post(f"/comments/{comment.pk}/delete/").status_code == 403
        assert Comment.objects.get().body == "Mine"

    def test_a_forged_guest_cookie_owns_nothing(self, article):
        author = Client()
        author.post(post_url(article), guest_form(body="Mine"))
        comment = Comment.objects.get()
        forger = Client()
        forger.cookies[GUEST_COOKIE] = author.cookies[GUEST_COOKIE].value + "x"

        assert forger.post(f"/comments/{comment.pk}/delete/").status_code == 403


def test_permalinks_redirect_into_the_article(client, article):
    comment = post(article)

    response = client.get(f"/comments/{comment.pk}/")

    assert response["Location"] == f"{article.url}?comment={comment.pk}#comment-{comment.pk}"


def test_every_form_needs_a_csrf_token(article):
    strict = Client(enforce_csrf_checks=True)
    comment = post(article)

    for url, data in [
        (post_url(article), guest_form()),
        (f"/comments/{comment.pk}/vote/", {"value": "up"}),
        (f"/comments/{comment.pk}/edit/", {"body": "x"}),
        (f"/comments/{comment.pk}/delete/", {}),
    ]:
        assert strict.post(url, data).status_code == 403, url
    assert Comment.objects.get().score == 0


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_hostile_names_and_bodies_never_reach_the_page_as_markup(client, article, payload):
    client.post(post_url(article), guest_form(name=payload[:80], body=payload))

    page = client.get(article.url).content.decode()
    thread = page[page.index('id="comments"') :]
    assert "<script>alert" not in thread and "onerror=alert" not in thread.replace(
        "&lt;", ""
    ).replace("onerror=alert(1)&gt;", "")
    for node in soup(client.get(article.url)).select("#comments *"):
        assert not any(attribute.startswith("on") for attribute in node.attrs), node


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    name=st.text(max_size=120),
    email=st.text(max_size=60),
    body=st.text(max_size=300),
    parent=st.one_of(st.just(""), st.text(max_size=25), st.integers(-5, 10**25).map(str)),
)
def test_no_input_gives_a_server_error(client, article, name, email, body, parent):
    before = Comment.objects.count()

    response = client.post(
        post_url(article),
        {"name": name, "email": email, "body": body, "parent": parent, **trap_fields()},
    )

    assert response.status_code in (302, 400)
    assert Comment.objects.count() == before + (response.status_code == 302)


class TestWhatTheScriptLoads:
    """Comments that arrive by "Load more" or a new sort offer what the first page offers."""

    def fragments(self, client, article, first_page_ids):
        after = f"/comments/on/{article.pk}/?sort=newest&after={first_page_ids[-1]}"
        for url in (after, f"/comments/on/{article.pk}/?sort=votes"):
            yield soup(client.get(url, headers=FRAGMENT))

    def test_loaded_comments_have_a_reply_link(self, client, article, settings):
        settings.DISCUSSION_PAGE_SIZE = 2
        comments = [post(article, f"Comment {n}", token=f"reader-{n}") for n in range(3)]

        for fragment in self.fragments(client, article, [c.pk for c in comments[:0:-1]]):
            cards = fragment.select(".comment-list > li")
            assert cards
            for card in cards:
                reply = card.select_one("[data-reply-to]")
                assert reply is not None and reply["data-reply-to"] == card["data-comment-id"]

    def test_loaded_comments_of_a_closed_thread_offer_no_reply(self, client, article, settings):
        settings.DISCUSSION_PAGE_SIZE = 2
        comments = [post(article, f"Comment {n}", token=f"reader-{n}") for n in range(3)]
        Thread.objects.filter(page=article).update(closed_at="2020-01-01T00:00Z")

        for fragment in self.fragments(client, article, [c.pk for c in comments[:0:-1]]):
            assert fragment.select(".comment-list > li")
            assert not fragment.select("[data-reply-to]")


def test_show_more_replies_without_javascript_shows_them(client, article, settings):
    settings.DISCUSSION_REPLIES_SHOWN = 2
    root = post(article, "The root")
    replies = [post(article, f"Reply {n}", parent=root, token=f"reader-{n}") for n in range(5)]
    link = soup(client.get(article.url)).select_one(f"#comment-{root.pk} .comment__more-replies a")

    page = soup(client.get(link["href"], follow=True))

    shown = [int(li["data-comment-id"]) for li in page.select(f"#comment-{root.pk} .replies > li")]
    assert shown == [reply.pk for reply in replies]
    assert page.select_one(f"#comment-{root.pk} .comment__more-replies") is None


def test_a_refused_post_takes_the_reader_back_to_the_form(client, article):
    """Without JavaScript the answer to a refused post is the whole article: the form's address
    carries the form's anchor, so the browser lands on the form and its message."""
    response = client.post(post_url(article), guest_form(email="not-an-address"))

    form = soup(response).select_one("form#respond")
    assert form["action"] == f"{post_url(article)}#respond"
    assert form.select_one("#id_email_error")


class TestCommentsOfAnUnpublishedArticle:
    """Once an article is withdrawn, nothing of its discussion answers or accepts anything."""

    @pytest.fixture
    def withdrawn(self, article):
        root = post(article, "Before the article was withdrawn", token="author")
        post(article, "A reply", parent=root, token="replier")
        article.unpublish()
        return root

    def test_its_replies_reports_and_permalinks_are_not_found(self, client, withdrawn):
        for url in (
            f"/comments/{withdrawn.pk}/replies/?after=",
            f"/comments/{withdrawn.pk}/report/",
            f"/comments/{withdrawn.pk}/",
        ):
            assert client.get(url, headers=FRAGMENT).status_code == 404, url
            assert client.get(url).status_code == 404, url

    def test_votes_and_reports_are_refused(self, client, withdrawn):
        vote = client.post(f"/comments/{withdrawn.pk}/vote/", {"value": "up"})
        report = client.post(f"/comments/{withdrawn.pk}/report/", {"reason": "spam"})

        assert (vote.status_code, report.status_code) == (403, 404)
        assert Comment.objects.get(pk=withdrawn.pk).score == 0
        assert not Report.objects.exists()


class TestTheLiveClient:
    def test_the_thread_names_its_stream_its_starting_point_and_the_comment_address(
        self, client, article, settings
    ):
        settings.LIVE_EVENTS_URL = "https://live.example.org"
        comment = post(article)

        page = soup(client.get(article.url))

        thread = page.select_one("#comments")
        assert thread["data-live-url"] == (
            f"https://live.example.org/threads/{comment.thread_id}/events"
        )
        assert thread["data-live-since"].replace("-", "").isdigit()
        assert thread["data-comment-url"] == "/comments/{id}/alone/"

    def test_a_comment_committed_while_the_page_is_made_comes_by_the_stream(
        self, client, article, settings, monkeypatch, django_capture_on_commit_callbacks
    ):
        """The page's starting point is read before its comments: one that commits in between
        is on the page or after the starting point, never lost between the two."""
        settings.LIVE_EVENTS_URL = "/live"
        first = post(article, "Already there.")
        late = []
        thread_view = reading.thread_view

        def a_comment_commits_first(**kwargs):
            with django_capture_on_commit_callbacks(execute=True):
                late.append(post(article, "Committed meanwhile.", token="late"))
            return thread_view(**kwargs)

        monkeypatch.setattr(reading, "thread_view", a_comment_commits_first)
        since = soup(client.get(article.url)).select_one("#comments")["data-live-since"]

        store = stores.current()
        announced = store.since(first.thread_id, store.position(since))
        assert late[0].pk in [event.data["comment"] for event in announced]

    @pytest.mark.parametrize("first_comment", [False, True])
    def test_no_live_server_or_no_thread_yet_means_no_stream(
        self, client, article, settings, first_comment
    ):
        settings.LIVE_EVENTS_URL = "" if first_comment else "/live"
        if first_comment:
            post(article)

        page = soup(client.get(article.url))

        assert not page.select_one("#comments").has_attr("data-live-url")
