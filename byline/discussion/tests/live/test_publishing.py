"""One live event per change readers can see, recorded on commit; none for what they cannot."""

from __future__ import annotations

import pytest
from django.db import transaction

from byline.accounts.tests.factories import UserFactory
from byline.discussion.identity import Reader
from byline.discussion.live import stores
from byline.discussion.models import Ban, Comment, Thread, Vote
from byline.discussion.moderation import actions
from byline.discussion.tests.factories import guest, post
from byline.discussion.threads import services, status

pytestmark = pytest.mark.django_db


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run an action as if its transaction committed (the on-commit callbacks run)."""

    def commit(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return commit


@pytest.fixture
def events_of(live_store):
    def events_of(thread: Thread) -> list[tuple[str, dict]]:
        return [(event.type, event.data) for event in live_store.since(thread.pk, stores.ORIGIN)]

    return events_of


def thread_of(article) -> Thread:
    return Thread.objects.for_page(article)


def test_a_published_comment_and_a_reply_are_announced_with_parent_and_count(
    article, commit, events_of
):
    root = commit(post, article, "First.")
    reply = commit(post, article, "Second.", parent=root, token="other")

    thread = root.thread_id
    assert events_of(root.thread) == [
        ("comment", {"thread": thread, "comment": root.pk, "parent": None, "count": 1}),
        ("comment", {"thread": thread, "comment": reply.pk, "parent": root.pk, "count": 2}),
    ]


def test_a_rolled_back_change_records_nothing(article, commit, events_of):
    class Abandoned(Exception):
        pass

    def post_then_fail():
        with transaction.atomic():
            post(article, "Never seen.")
            raise Abandoned

    with pytest.raises(Abandoned):
        commit(post_then_fail)

    assert events_of(thread_of(article)) == []


@pytest.mark.parametrize(
    "take_down",
    [
        lambda comment, moderator: status.hold(comment, rule="r", reason="Why."),
        lambda comment, moderator: status.shadow(comment, rule="r", reason="Why."),
        lambda comment, moderator: status.reject(comment, moderator),
        lambda comment, moderator: status.reject(comment, moderator, spam=True),
        lambda comment, moderator: status.remove(comment),
    ],
    ids=["hold", "shadow", "reject", "spam", "remove"],
)
def test_a_published_comment_taken_down_is_a_remove_event_with_the_new_count(
    article, commit, events_of, take_down
):
    kept = commit(post, article, "Stays.")
    comment = commit(post, article, "Goes.", token="other")
    moderator = UserFactory(is_superuser=True)

    commit(take_down, comment, moderator)

    assert events_of(kept.thread)[-1] == (
        "remove",
        {"thread": kept.thread_id, "comment": comment.pk, "count": 1},
    )
    assert len(events_of(kept.thread)) == 3


def test_a_held_comment_has_no_event_until_a_moderator_approves_it(article, commit, events_of):
    thread = thread_of(article)
    Thread.objects.filter(pk=thread.pk).update(premoderated=True)
    held = commit(post, article, "Waiting.")
    assert held.status == Comment.Status.PENDING
    assert events_of(thread) == []

    moderator = UserFactory(is_superuser=True)
    commit(actions.decide, comment_ids=[held.pk], decision="approve", moderator=moderator)

    assert events_of(thread) == [
        ("comment", {"thread": thread.pk, "comment": held.pk, "parent": None, "count": 1}),
    ]


def test_a_shadowed_comment_never_has_an_event_not_even_for_its_author(article, commit, events_of):
    thread = thread_of(article)
    reader, identity = guest(token="shadowed")
    Ban.objects.create(kind=Ban.Kind.EMAIL, email=identity.email, shadow=True)

    shadowed = commit(
        services.post_comment, page=article, body="Only I see this.", reader=reader, guest=identity
    )
    commit(services.edit_comment, comment_id=shadowed.pk, reader=reader, body="Still only me.")
    # Its author's reply to it, and to a published comment, are shadowed too.
    published = commit(post, article, "Seen by all.", token="other")
    for parent in (shadowed, published):
        commit(
            services.post_comment,
            page=article, body="Replying.", reader=reader, guest=identity, parent_id=parent.pk,
        )  # fmt: skip

    assert set(Comment.objects.exclude(pk=published.pk).values_list("status", flat=True)) == {
        Comment.Status.SHADOWED
    }
    assert [data["comment"] for _, data in events_of(thread)] == [published.pk]


def test_an_edit_is_announced_only_while_the_comment_is_published(
    article, commit, events_of, settings
):
    reader, _ = guest(token="author")
    published = commit(post, article, "First try.", token="author")
    commit(services.edit_comment, comment_id=published.pk, reader=reader, body="Second try.")
    thread = published.thread
    assert events_of(thread)[-1] == ("edit", {"thread": thread.pk, "comment": published.pk})

    Thread.objects.filter(pk=thread.pk).update(premoderated=True)
    held = commit(post, article, "Held.", token="author")
    commit(services.edit_comment, comment_id=held.pk, reader=reader, body="Held, edited.")

    assert [event for event in events_of(thread) if event[1]["comment"] == held.pk] == []


def test_votes_are_announced_with_both_counts(article, commit, events_of):
    comment = commit(post, article, "Vote on me.", token="author")

    commit(services.cast_vote, comment_id=comment.pk, reader=Reader(guest_token="a"), value=Vote.UP)
    commit(
        services.cast_vote, comment_id=comment.pk, reader=Reader(guest_token="b"), value=Vote.DOWN
    )
    commit(services.withdraw_vote, Vote.objects.get(comment=comment, value=Vote.UP))

    votes = [data for kind, data in events_of(comment.thread) if kind == "votes"]
    base = {"thread": comment.thread_id, "comment": comment.pk}
    assert votes == [
        {**base, "up": 1, "down": 0},
        {**base, "up": 1, "down": 1},
        {**base, "up": 0, "down": 1},
    ]


def test_no_event_carries_html_or_who_wrote_it(article, commit, events_of):
    root = commit(post, article, "<b>Bold</b> words from Maya.")
    commit(post, article, "A reply.", parent=root, token="other")
    commit(status.remove, root)

    allowed = {"thread", "comment", "parent", "count", "up", "down"}
    for _, data in events_of(root.thread):
        assert set(data) <= allowed
        assert all(isinstance(value, int | None) for value in data.values())


def test_a_page_made_now_can_start_its_stream_after_the_latest_event(article, commit, live_store):
    first = commit(post, article, "Before the page.")
    head = live_store.head_id()
    second = commit(post, article, "After the page.", token="other")

    missed = live_store.since(first.thread_id, live_store.position(head))

    assert [event.data["comment"] for event in missed] == [second.pk]


def test_the_stream_url_follows_the_setting(settings):
    from byline.discussion.live.events import stream_url

    settings.LIVE_EVENTS_URL = "/live"

    assert stream_url(12) == "/live/threads/12/events"


@pytest.mark.parametrize(
    ("url", "connect_to"),
    [("http://127.0.0.1:8001", ["'self'", "http://127.0.0.1:8001"]), ("/live", ["'self'"])],
)
def test_a_live_server_on_another_origin_is_allowed_to_the_pages_scripts(url, connect_to):
    from byline.tests.test_settings import settings_seen_by

    seen = settings_seen_by("byline.settings.dev", ["SECURE_CSP"], LIVE_EVENTS_URL=url)

    assert seen["SECURE_CSP"]["connect-src"] == connect_to


def test_counts_are_read_when_the_event_is_sent_not_when_it_was_decided(
    article, live_store, django_capture_on_commit_callbacks
):
    """Two changes whose transactions overlap: the event sent last carries the counts as they
    stand then, never those its own transaction saw before the other committed."""
    first = post(article, "One.")
    with django_capture_on_commit_callbacks(execute=False) as pending:
        second = post(article, "Two.", token="other")
    # The second's event was decided when the thread counted two; the first's purge and event
    # go out after (its transaction is the one that commits last).
    Thread.objects.filter(pk=first.thread_id).update(comment_count=7)
    for callback in pending:
        callback()

    sent = [event.data for event in live_store.since(first.thread_id, stores.ORIGIN)]
    assert sent == [{"thread": first.thread_id, "comment": second.pk, "parent": None, "count": 7}]


def test_nothing_is_recorded_without_a_live_server(article, commit, live_store, settings):
    settings.LIVE_EVENTS_URL = ""
    comment = commit(post, article, "No one listens.")

    assert live_store.since(comment.thread_id, stores.ORIGIN) == []
