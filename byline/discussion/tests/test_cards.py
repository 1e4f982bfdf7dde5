"""Shared comment cards (``threads.cards``): a personal page drawn from them is the page drawn
without them, for every kind of reader, whatever other readers left in the cache; and a change to a
comment shows on the next page."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import Permission
from django.db import transaction
from django.http import HttpResponse
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from byline.accounts.profiles import profile_changed
from byline.accounts.tests.factories import UserFactory
from byline.discussion.identity import Reader, remember
from byline.discussion.models import Comment, Mute, Thread, Vote
from byline.discussion.models.comments import ERASED_TEXT
from byline.discussion.tests.factories import inline_article, post, post_on
from byline.discussion.threads import cards, purging, reading, services, status

pytestmark = pytest.mark.django_db

# What differs between any two renders: each form's CSRF token (masked afresh for every response)
# and the comment form's signed "started" time.
TOKENS = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"|value="[0-9]+:[\w-]+"')
GUESTS = ("guest-one", "guest-two", "guest-without-comments")
MEMBERS = ("member", "other-member", "editor")


def guest_client(token: str) -> Client:
    """A browser holding the guest cookie of ``token``, signed as the site signs it."""
    client = Client()
    client.cookies = remember(HttpResponse(), Reader(guest_token=token)).cookies
    return client


def page_of(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    assert "X-Page-Cache" not in response, "a personal page never comes from the page cache"
    return TOKENS.sub("(token)", response.content.decode())


def without_cards(client: Client, url: str, django_settings) -> str:
    django_settings.PAGE_CACHE_ENABLED = False
    try:
        return page_of(client, url)
    finally:
        django_settings.PAGE_CACHE_ENABLED = True


def card_of(page: str, comment: Comment) -> str:
    start = page.index(f'id="comment-{comment.pk}"')
    return page[start : page.index("</article>", start)]


class World:
    """An article with a thread written by three guests and three members (one an editor)."""

    def __init__(self) -> None:
        self.article = inline_article()
        self.users = {name: UserFactory(display_name=name.title()) for name in MEMBERS}
        editor = self.users["editor"]
        editor.user_permissions.add(Permission.objects.get(codename="feature_comment"))
        one, two = GUESTS[:2]
        c0 = post(self.article, "The *first* word.", token=one)
        c1 = post(self.article, "A member speaks.", as_user=self.users["member"])
        c2 = post(self.article, "An answer.", parent=c0, as_user=self.users["other-member"])
        c3 = post(self.article, "A deeper answer.", parent=c2, token=two)
        c4 = post(self.article, "The editor's view.", as_user=editor)
        c5 = post_on(self.article, body="Who said so?", token=two)
        c6 = post(self.article, "Another answer.", parent=c1, token=one)
        c7 = post(self.article, "Late to this.", as_user=self.users["other-member"])
        self.comments = [c0, c1, c2, c3, c4, c5, c6, c7]
        self.roots = [c for c in self.comments if c.parent_id is None]
        self.clients = {token: guest_client(token) for token in GUESTS}
        for name, user in self.users.items():
            self.clients[name] = Client()
            self.clients[name].force_login(user)

    def reader(self, name: str) -> Reader:
        if name in self.users:
            return Reader(user=self.users[name])
        return Reader(guest_token=name)


@pytest.fixture
def world(page_cache) -> World:
    return World()


STATUSES = st.sampled_from(
    [Comment.Status.PUBLISHED] * 4
    + [
        Comment.Status.PENDING,
        Comment.Status.REMOVED,
        Comment.Status.SHADOWED,
        Comment.Status.HIDDEN,
    ]
)
COMMENTS = 8


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    readers=st.lists(st.sampled_from(GUESTS + MEMBERS), min_size=2, max_size=2, unique=True),
    statuses=st.lists(STATUSES, min_size=COMMENTS, max_size=COMMENTS),
    scores=st.lists(st.integers(-3, 9), min_size=COMMENTS, max_size=COMMENTS),
    votes=st.lists(
        st.sampled_from([0, 0, Vote.UP, Vote.DOWN]), min_size=COMMENTS, max_size=COMMENTS
    ),
    picked=st.lists(st.booleans(), min_size=COMMENTS, max_size=COMMENTS),
    muted=st.sets(st.sampled_from(MEMBERS)),
    pinned=st.none() | st.integers(0, 4),
    focus=st.none() | st.integers(0, COMMENTS - 1),
    closed=st.booleans(),
    sort=st.sampled_from(["newest", "oldest", "votes"]),
)
def test_a_page_drawn_from_shared_cards_is_the_page_drawn_without_them(
    world, settings, readers, statuses, scores, votes, picked, muted, pinned, focus, closed, sort
):
    """For any reader and any state of theirs and of the thread, the personal page is the same
    with shared cards as without; the cache keeps what earlier examples (other readers, other
    states) left in it, so nothing drawn for one of them may show to another."""
    reader = readers[0]
    with transaction.atomic():
        who = world.reader(reader)
        for comment, state, score, vote, pick in zip(
            world.comments, statuses, scores, votes, picked, strict=True
        ):
            Comment.objects.filter(pk=comment.pk).update(
                status=state, score=score, picked_at=timezone.now() if pick else None
            )
            if vote and not who.owns(comment):
                Vote.objects.create(comment=comment, voter_key=who.voter_key, value=vote)
        if who.user is not None:
            for name in muted - {reader}:
                Mute.objects.create(reader=who.user, muted=world.users[name])
        Thread.objects.filter(page=world.article).update(
            pinned_comment=world.roots[pinned] if pinned is not None else None,
            closed_at=timezone.now() if closed else None,
        )
        url = f"{world.article.url}?sort={sort}"
        if focus is not None:
            url += f"&comment={world.comments[focus].pk}"
        # The reader, then another whose page may find the cards the first one's left.
        for name in readers:
            client = world.clients[name]
            assert page_of(client, url) == without_cards(client, url, settings), name
        transaction.set_rollback(True)


def test_what_one_reader_has_never_shows_to_another(world, settings):
    """A guest's vote, their own comment's controls and their held comment, and an editor's pin
    and pick buttons, stay theirs after their pages filled the cache."""
    author, editor = world.clients["guest-one"], world.clients["editor"]
    voted = world.comments[1]
    services.cast_vote(comment_id=voted.pk, reader=world.reader("guest-one"), value=Vote.UP)
    held = post(world.article, "Wait for me.", token="guest-one")
    status.hold(held, rule="test", reason="A moderator will look.")
    url = world.article.url
    own_page = page_of(author, url)
    page_of(editor, url)
    assert 'aria-pressed="true"' in own_page and "Only you can see" in own_page

    for name in ("guest-two", "guest-without-comments", "member"):
        page = page_of(world.clients[name], url)
        assert page == without_cards(world.clients[name], url, settings)
        assert 'aria-pressed="true"' not in page
        assert f"/comments/{world.comments[0].pk}/edit/" not in page
        assert f'id="comment-{held.pk}"' not in page and "Only you can see" not in page
        assert "/feature/" not in page


def test_readers_of_a_kind_share_the_cards_they_have_nothing_of_their_own_on(world, monkeypatch):
    """The second guest's page draws only the cards of their own comments and votes."""
    drawn = []
    draw = cards.draw
    monkeypatch.setattr(cards, "draw", lambda template, comment, **kw: drawn.append(comment.pk) or draw(template, comment, **kw))  # fmt: skip
    page_of(world.clients["guest-without-comments"], world.article.url)
    first = len(drawn)
    drawn.clear()

    page_of(world.clients["guest-two"], world.article.url)

    assert first == len(world.comments)
    assert drawn == []


def test_changes_show_on_the_next_personal_page(world, django_capture_on_commit_callbacks):
    """An edit, another reader's vote, a new name, a moderator's decision and a change only a purge
    of the comment tells (an erased placeholder) each show on the next page drawn from cards."""
    reader = world.clients["guest-without-comments"]
    url = world.article.url
    edited, voted, renamed, hidden = (world.comments[i] for i in (0, 2, 4, 7))
    before = page_of(reader, url)
    assert "The <em>first</em> word." in card_of(before, edited)

    with django_capture_on_commit_callbacks(execute=True):
        services.edit_comment(
            comment_id=edited.pk, reader=world.reader("guest-one"), body="Changed."
        )
        services.cast_vote(comment_id=voted.pk, reader=world.reader("member"), value=Vote.UP)
        world.users["editor"].display_name = "Ed Itor"
        world.users["editor"].save()
        profile_changed.send(sender=type(world.users["editor"]), user=world.users["editor"])
        status.reject(Comment.objects.get(pk=hidden.pk), world.users["editor"])
    after = page_of(reader, url)

    assert "Changed." in card_of(after, edited) and "(edited)" in card_of(after, edited)
    assert 'aria-label="Score 1"' in card_of(after, voted)
    assert "Ed Itor" in card_of(after, renamed)
    assert f'id="comment-{hidden.pk}"' not in after


def test_a_change_told_only_by_a_purge_of_the_comment_shows(
    world, django_capture_on_commit_callbacks
):
    """What a card's key does not name (an erased body behind a placeholder) changes with the
    purge of the comment alone, the one every change to its drawing makes."""
    reader = world.clients["guest-without-comments"]
    root = world.comments[0]
    Comment.objects.filter(pk=root.pk).update(status=Comment.Status.REMOVED)
    assert "deleted" in card_of(page_of(reader, world.article.url), root).lower()
    Comment.objects.filter(pk=root.pk).update(body=ERASED_TEXT)

    with django_capture_on_commit_callbacks(execute=True):
        purging.purge_comments([root.pk])

    assert "Removed at the author" in card_of(page_of(reader, world.article.url), root)


def test_the_next_page_of_the_thread_is_drawn_from_the_same_cards(world, settings):
    """The next page ("Load more") for a reader with a cookie: the same as without shared cards."""
    settings.DISCUSSION_PAGE_SIZE = 2
    reader = world.clients["guest-two"]
    services.cast_vote(comment_id=world.comments[1].pk, reader=world.reader("guest-two"), value=1)
    after = reading.encode_cursor(world.roots[-2], "newest")
    url = f"/comments/on/{world.article.pk}/?sort=newest&after={after}"
    fragment = {"Byline-Fragment": "1"}

    shared = reader.get(url, headers=fragment).content
    settings.PAGE_CACHE_ENABLED = False
    drawn = reader.get(url, headers=fragment).content

    assert shared == drawn
    assert shared.count(b'class="comment__card"') >= 2 and b'aria-pressed="true"' in shared
