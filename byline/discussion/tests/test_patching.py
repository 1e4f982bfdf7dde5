"""A guest whose browser runs the page's script gets the page every reader gets, and the script
asks for what is theirs on it (``views.yours``, ``pagecache.shared.is_patchable_request``): the
page so patched shows them what the page drawn for them shows, and nothing of theirs ever
reaches another reader."""

from __future__ import annotations

import re

import pytest
from django.db import connection, transaction
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from byline.accounts.tests.factories import UserFactory
from byline.discussion.identity import PATCHED_PAGES_KEPT, Reader, patch_cookie_value, remember
from byline.discussion.models import Comment, Vote
from byline.discussion.tests.factories import bulk_thread, post
from byline.discussion.threads import services, status

pytestmark = pytest.mark.django_db

PATCH_COOKIE = "byline_patch"
GUESTS = ("guest-one", "guest-two")


def guest_browser(token: str, *, script: bool = True) -> Client:
    """A browser holding the guest cookies of ``token``; with ``script``, the patch cookie as
    the page's script leaves it."""
    client = Client()
    client.cookies = remember(HttpResponse(), Reader(guest_token=token)).cookies
    assert client.cookies[PATCH_COOKIE].value == "site"
    if script:
        client.cookies[PATCH_COOKIE] = "script"
    return client


def shown_ids(page: str) -> list[str]:
    return re.findall(r'data-comment-id="(\d+)"', page)


def yours(client: Client, article, page: str, *, first: bool = True) -> str:
    url = reverse("discussion:yours", args=[article.pk])
    response = client.get(url, {"ids": ",".join(shown_ids(page)), "first": "1" if first else ""})
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    return response.content.decode()


def cards(page: str) -> dict[str, str]:
    """Each comment's card (its article element) and whether it is marked the reader's own."""
    found = {}
    for match in re.finditer(r'<li class="comment[^"]*"\s+id="comment-(\d+)"([^>]*)>', page):
        start = page.index("<article", match.end())
        card = page[start : page.index("</article>", start)]
        found[match.group(1)] = (card, "data-own" in match.group(2))
    return found


@pytest.fixture
def thread(page_cache, article):
    """Four roots by two guests and a member, one with replies."""
    member = UserFactory(display_name="Member")
    first = post(article, "First.", token="guest-one")
    second = post(article, "Second.", token="guest-two")
    post(article, "A reply.", parent=second, token="guest-one")
    post(article, "The member's.", as_user=member)
    post(article, "Another reply.", parent=first, as_user=member)
    return article


def test_a_guest_with_the_script_gets_the_shared_page_and_without_it_their_own(thread):
    anonymous = Client()
    shared = anonymous.get(thread.url)
    assert shared["X-Page-Cache"] == "miss"

    patched = guest_browser("guest-one").get(thread.url)
    drawn = guest_browser("guest-one", script=False).get(thread.url)

    assert patched["X-Page-Cache"] == "hit"
    assert patched.content == shared.content
    assert "private" in patched["Cache-Control"] and "X-Accel-Expires" not in patched
    assert "X-Page-Cache" not in drawn
    assert "/edit/" in drawn.content.decode() and "/edit/" not in patched.content.decode()


@pytest.mark.parametrize("cookie", ["sessionid", "messages"])
def test_a_session_or_a_message_still_gets_a_page_drawn_for_the_reader(thread, cookie):
    Client().get(thread.url)
    browser = guest_browser("guest-one")
    browser.cookies[cookie] = "anything"

    assert "X-Page-Cache" not in browser.get(thread.url)


def test_after_a_purge_the_guest_gets_the_page_drawn_for_every_reader(
    thread, django_capture_on_commit_callbacks
):
    """Once an address has served a patchable page, a guest's miss is drawn as a browser
    without cookies gets it, and stored: nothing of the guest's is in it, for them or for the
    next reader."""
    assert Client().get(thread.url)["X-Page-Cache"] == "miss"
    with django_capture_on_commit_callbacks(execute=True):
        held = post(thread, "Only mine for now.", token="guest-one")
        status.hold(held, rule="test", reason="A moderator will look.")
        post(thread, "Published, and purging the page.", token="guest-two")

    own = guest_browser("guest-one").get(thread.url)
    next_reader = Client().get(thread.url)

    assert own["X-Page-Cache"] == "miss" and next_reader["X-Page-Cache"] == "hit"
    assert own.content == next_reader.content
    assert "Published, and purging the page." in own.content.decode()
    assert "Only mine for now." not in own.content.decode()
    assert "data-own" not in own.content.decode()


def test_any_other_request_of_the_guest_is_drawn_for_them_once(thread):
    """The home page shows no thread, and the thread never served before: the guest gets each
    drawn for them, and nothing is drawn or stored for anyone else on the way."""
    for path in ("/", thread.url):
        own = guest_browser("guest-one").get(path)

        assert own.status_code == 200 and "X-Page-Cache" not in own
        assert Client().get(path)["X-Page-Cache"] == "miss"


def test_the_shared_page_names_where_to_ask_and_a_drawn_page_does_not(thread):
    ask = f'data-yours-url="{reverse("discussion:yours", args=[thread.pk])}"'
    assert ask in Client().get(thread.url).content.decode()
    assert ask not in guest_browser("guest-one", script=False).get(thread.url).content.decode()


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    reader=st.sampled_from(GUESTS),
    votes=st.lists(st.sampled_from([0, Vote.UP, Vote.DOWN]), min_size=5, max_size=5),
    held=st.lists(st.sampled_from(["none", "pending", "shadowed"]), min_size=2, max_size=2),
    sort=st.sampled_from(["newest", "oldest", "votes"]),
)
def test_the_patched_page_shows_what_the_page_drawn_for_the_guest_shows(
    page_cache, thread, reader, votes, held, sort
):
    """For any votes and held comments of theirs: every card of the page drawn for the guest is
    the shared page's card, or the one their script is sent; the script is sent exactly the
    cards that differ, and the comments only they see."""
    # Each example rolls back, and with it the purges its changes would make after commit.
    page_cache.clear()
    with transaction.atomic():
        who = Reader(guest_token=reader)
        comments = list(Comment.objects.filter(thread__page=thread).order_by("pk"))
        for comment, vote in zip(comments, votes, strict=True):
            if vote and not who.owns(comment):
                services.cast_vote(comment_id=comment.pk, reader=who, value=vote)
        parents = [None, comments[1]]
        for kind, parent in zip(held, parents, strict=True):
            if kind != "none":
                mine = post(thread, f"Held {kind}.", parent=parent, token=reader)
                Comment.objects.filter(pk=mine.pk).update(status=kind)
        url = f"{thread.url}?sort={sort}"
        shared = Client().get(url).content.decode()
        drawn = cards(guest_browser(reader, script=False).get(url).content.decode())
        sent = cards(yours(guest_browser(reader), thread, shared))
        shared_cards = cards(shared)

        assert set(drawn) == set(shared_cards) | set(sent)
        for comment_id, card in drawn.items():
            expected = sent.get(comment_id, shared_cards.get(comment_id))
            assert card == expected, comment_id
        assert {i for i in sent if i in shared_cards} == {
            i for i in shared_cards if shared_cards[i] != drawn[i]
        }
        transaction.set_rollback(True)


def test_nothing_of_another_guest_is_sent(thread):
    other = Reader(guest_token="guest-two")
    theirs = post(thread, "Guest two's held one.", token="guest-two")
    status.hold(theirs, rule="test", reason="A moderator will look.")
    voted = Comment.objects.filter(thread__page=thread, body="The member's.").get()
    services.cast_vote(comment_id=voted.pk, reader=other, value=Vote.UP)
    shared = Client().get(thread.url).content.decode()

    answer = yours(guest_browser("guest-one"), thread, shared + f'data-comment-id="{theirs.pk}"')

    assert "Guest two's held one." not in answer
    assert f'id="comment-{voted.pk}"' not in answer
    assert 'aria-pressed="true"' not in answer


@pytest.mark.parametrize(
    "ids",
    ["", "abc", "1,,2,-3", "٣,²", "9" * 40, ",".join(["1"] * 5000), "<script>alert(1)</script>"],
)
def test_any_list_of_ids_is_read_or_ignored(thread, ids):
    url = reverse("discussion:yours", args=[thread.pk])
    response = guest_browser("guest-one").get(url, {"ids": ids, "first": "1"})

    assert response.status_code == 200
    assert "<script>" not in response.content.decode()


def test_a_browser_without_a_guest_or_with_an_account_is_told_there_is_nothing(thread):
    url = reverse("discussion:yours", args=[thread.pk])
    member = Client()
    member.force_login(UserFactory())

    assert Client().get(url, {"ids": "1"}).status_code == 204
    assert member.get(url, {"ids": "1"}).status_code == 204
    assert Client().get(reverse("discussion:yours", args=[99999999])).status_code == 404


def test_the_guest_s_name_and_email_come_with_the_answer(thread):
    browser = guest_browser("guest-one")
    browser.cookies.update(
        remember(
            HttpResponse(), Reader(guest_token="guest-one"), {"name": "Ann <b>", "email": "a@x.org"}
        ).cookies
    )
    browser.cookies[PATCH_COOKIE] = "script"

    answer = yours(browser, thread, "")

    assert 'data-name="Ann &lt;b&gt;"' in answer and 'data-email="a@x.org"' in answer


def test_the_answer_costs_the_same_queries_whatever_the_thread_s_size(page_cache, article):
    # Held, so that it is placed on the first page however many comments come after it.
    mine = post(article, "Mine.", token="guest-one")
    status.hold(mine, rule="test", reason="A moderator will look.")
    browser = guest_browser("guest-one")

    def queries_of_an_answer() -> int:
        shared = Client().get(article.url).content.decode()
        yours(browser, article, shared)  # what is loaded once per process (the site, types)
        with CaptureQueriesContext(connection) as queries:
            answer = yours(browser, article, shared)
        assert f'id="comment-{mine.pk}"' in answer
        return len(queries)

    bulk_thread(article, roots=20, replies_per_root=2)
    small = queries_of_an_answer()
    bulk_thread(article, roots=400, replies_per_root=2)

    assert queries_of_an_answer() == small


def test_the_patch_cookie_names_the_articles_a_guest_posted_or_voted_on_keeping_the_mark():
    assert patch_cookie_value("", None) == "site"
    assert patch_cookie_value("", 5) == "site.5"
    assert patch_cookie_value("script.3.5", 3) == "script.5.3"
    pages = ".".join(str(page) for page in range(PATCHED_PAGES_KEPT))
    assert patch_cookie_value(f"script.{pages}", 9999).split(".")[1:3] == ["1", "2"]


@given(sent=st.text(), page_id=st.none() | st.integers(1, 10**12))
@example(sent="<script>.x.9", page_id=4)
@example(sent="é.1", page_id=None)
def test_any_patch_cookie_sent_gives_a_well_formed_one(sent, page_id):
    value = patch_cookie_value(sent, page_id)

    assert re.fullmatch(r"[A-Za-z]+(\.[0-9]+)*", value)
    assert len(value.split(".")) <= PATCHED_PAGES_KEPT + 1
    if page_id is not None:
        assert value.endswith(f".{page_id}")


def test_posting_and_voting_name_the_article_in_the_patch_cookie(thread):
    browser = guest_browser("guest-one")
    comment = Comment.objects.filter(thread__page=thread, body="The member's.").get()

    voted = browser.post(reverse("discussion:vote", args=[comment.pk]), {"value": "up"})

    assert voted.cookies[PATCH_COOKIE].value == f"script.{thread.pk}"


def test_on_an_article_without_comments_yet_the_answer_is_the_name_and_email(page_cache, article):
    browser = guest_browser("guest-one")
    browser.cookies.update(
        remember(HttpResponse(), Reader(guest_token="guest-one"), {"name": "Ann"}).cookies
    )

    answer = yours(browser, article, "")

    assert 'data-name="Ann"' in answer and "<li" not in answer
