"""Every status change of a comment moves the counts, the outbox, the purge and the digest once."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from byline.accounts.tests.factories import UserFactory
from byline.discussion.models import Comment, NotificationEvent, Thread, position_step
from byline.discussion.moderation import Decision, digest
from byline.discussion.threads import purging, status

pytestmark = pytest.mark.django_db

PUBLISHED, PENDING, HIDDEN, REMOVED, SHADOWED = (
    Comment.Status.PUBLISHED,
    Comment.Status.PENDING,
    Comment.Status.HIDDEN,
    Comment.Status.REMOVED,
    Comment.Status.SHADOWED,
)

# Each way a stored comment's status changes, and the status it leaves the comment in.
CHANGES: dict[str, tuple[Callable[[Comment, object], None], str]] = {
    "publish": (lambda comment, moderator: status.publish(comment), PUBLISHED),
    "approve": (lambda comment, moderator: status.approve(comment, moderator), PUBLISHED),
    "hold": (lambda comment, moderator: status.hold(comment, rule="r", reason="Why."), PENDING),
    "shadow": (
        lambda comment, moderator: status.shadow(comment, rule="r", reason="Why."),
        SHADOWED,
    ),
    "reject": (lambda comment, moderator: status.reject(comment, moderator), HIDDEN),
    "spam": (lambda comment, moderator: status.reject(comment, moderator, spam=True), HIDDEN),
    "remove": (lambda comment, moderator: status.remove(comment), REMOVED),
}


@pytest.fixture
def side_effects(monkeypatch) -> dict[str, list]:
    """What the status module asked of the page cache and the moderators' digest."""
    calls: dict[str, list] = {"purges": [], "digests": []}
    monkeypatch.setattr(
        purging,
        "purge_thread",
        lambda thread, *, comment=None, count=True: calls["purges"].append((comment.pk, count)),
    )
    monkeypatch.setattr(digest, "schedule", lambda: calls["digests"].append(True))
    return calls


def write(thread: Thread, state: str, parent: Comment | None = None, **fields) -> Comment:
    """A comment row in ``state``, written directly: no counts, no outbox, no purge."""
    comment = Comment.objects.create(
        thread=thread,
        parent=parent,
        root=(parent.root or parent) if parent else None,
        depth=parent.depth + 1 if parent else 0,
        body="Words.",
        body_html="<p>Words.</p>",
        guest_name="Ada",
        status=state,
        **fields,
    )
    comment.position = (parent.position if parent else "") + position_step(comment.pk)
    comment.save(update_fields=["position"])
    return comment


def branch(article, middle_status: str, **middle) -> tuple[Thread, Comment, Comment, Comment]:
    """A published root, a reply in ``middle_status`` and a published reply to that reply,
    with the counts they would have had."""
    thread = Thread.objects.for_page(article)
    middle_counts = middle_status == PUBLISHED
    root = write(thread, PUBLISHED, reply_count=1 + middle_counts)
    middle = write(thread, middle_status, root, reply_count=1, **middle)
    leaf = write(thread, PUBLISHED, middle)
    Thread.objects.filter(pk=thread.pk).update(comment_count=2 + middle_counts)
    return thread, root, middle, leaf


def counts(*rows) -> list[int]:
    """The thread's comment count, then each comment's reply count, as stored."""
    thread, *comments = rows
    thread.refresh_from_db()
    for comment in comments:
        comment.refresh_from_db()
    return [thread.comment_count, *(comment.reply_count for comment in comments)]


STATUSES = [PUBLISHED, PENDING, HIDDEN, REMOVED, SHADOWED]


@pytest.mark.parametrize("change", CHANGES)
@pytest.mark.parametrize("was", STATUSES)
def test_every_change_from_every_status(article, side_effects, was, change):
    """Counts, outbox and purge move only when the comment starts or stops being published;
    the digest is scheduled only when it joins the queue; the row says the new status."""
    thread, root, middle, leaf = branch(article, was)
    before = counts(thread, root, middle, leaf)
    apply, becomes = CHANGES[change]

    with transaction.atomic():
        apply(middle, UserFactory())

    starts, stops = becomes == PUBLISHED != was, was == PUBLISHED != becomes
    delta = int(starts) - int(stops)
    assert counts(thread, root, middle, leaf) == [
        before[0] + delta,
        before[1] + delta,
        before[2],
        before[3],
    ]
    assert Comment.objects.get(pk=middle.pk).status == becomes
    assert list(NotificationEvent.objects.values_list("comment_id", flat=True)) == (
        [middle.pk] if starts else []
    )
    assert side_effects["purges"] == ([(middle.pk, True)] if starts or stops else [])
    assert side_effects["digests"] == ([True] if becomes == PENDING != was else [])


def test_a_moderators_decision_is_stamped_and_saved_with_the_callers_fields(article):
    """A rejection keeps why the comment was held; an approval clears it and the spam mark."""
    _, _, middle, _ = branch(article, PENDING, moderation_rule="links", report_count=3)
    moderator = UserFactory()
    middle.report_count = 0  # What the caller changed, as closing the reports does.

    status.reject(middle, moderator, spam=True, also_save=["report_count"])

    stored = Comment.objects.get(pk=middle.pk)
    assert (stored.is_spam, stored.moderated_by, stored.report_count) == (True, moderator, 0)
    assert stored.moderation_rule == "links"
    status.approve(stored, moderator)
    stored.refresh_from_db()
    assert (stored.is_spam, stored.moderation_rule, stored.status) == (False, "", PUBLISHED)


def test_removing_clears_the_text_and_dates_the_removal(article):
    _, _, middle, _ = branch(article, PUBLISHED)

    status.remove(middle)

    stored = Comment.objects.get(pk=middle.pk)
    assert (stored.body, stored.body_html, stored.is_placeholder) == ("", "", True)
    assert stored.removed_at is not None


@pytest.mark.parametrize(
    ("action", "replying_to", "expected"),
    [
        ("publish", None, PUBLISHED),
        ("hold", None, PENDING),
        ("shadow", None, SHADOWED),
        ("publish", PUBLISHED, PUBLISHED),
        ("hold", PUBLISHED, PENDING),
        ("publish", SHADOWED, SHADOWED),
        ("hold", SHADOWED, SHADOWED),
    ],
)
def test_a_new_comments_first_status_follows_the_pipeline_and_a_shadowed_parent(
    article, action, replying_to, expected
):
    thread = Thread.objects.for_page(article)
    parent = write(thread, replying_to) if replying_to else None
    decision = Decision(action=action, rule="links" if action != "publish" else "")

    fields = status.first_status(decision, replying_to=parent)

    assert fields["status"] == expected
    assert fields["moderation_rule"] == ("" if action == "publish" else "links")


@pytest.mark.parametrize("first", [PUBLISHED, PENDING, SHADOWED])
def test_a_posted_comment_counts_and_notifies_only_when_published(article, side_effects, first):
    thread = Thread.objects.for_page(article)
    root = write(thread, PUBLISHED)
    Thread.objects.filter(pk=thread.pk).update(comment_count=1)
    reply = write(thread, first, root)

    status.posted(reply)

    published = first == PUBLISHED
    assert counts(thread, root) == [1 + published, int(published)]
    assert NotificationEvent.objects.filter(comment=reply).exists() == published
    assert side_effects["purges"] == ([(reply.pk, True)] if published else [])
    assert side_effects["digests"] == ([True] if first == PENDING else [])


# A small tree, as (parent index or None) per comment: two roots, a chain three deep, a sibling.
TREE = [None, 0, 1, 2, 0, None, 5]

transitions = st.lists(
    st.tuples(st.integers(0, len(TREE) - 1), st.sampled_from(sorted(CHANGES))), max_size=25
)
first_statuses = st.lists(
    st.sampled_from([PUBLISHED, PENDING, SHADOWED]), min_size=len(TREE), max_size=len(TREE)
)


@hypothesis_settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(firsts=first_statuses, steps=transitions)
def test_any_sequence_of_changes_keeps_every_count_equal_to_what_is_published(
    article, side_effects, firsts, steps
):
    """The thread counts its published comments and each comment its published descendants,
    whatever was posted and however moderators and authors changed it since."""
    with transaction.atomic():
        moderator = UserFactory()
        thread = Thread.objects.for_page(article)
        comments: list[Comment] = []
        for parent, first in zip(TREE, firsts, strict=True):
            comments.append(write(thread, first, None if parent is None else comments[parent]))
            status.posted(comments[-1])
        for index, change in steps:
            comment = Comment.objects.get(pk=comments[index].pk)
            CHANGES[change][0](comment, moderator)

        stored = list(Comment.objects.filter(thread=thread))
        published = [c for c in stored if c.status == PUBLISHED]
        thread.refresh_from_db()
        assert thread.comment_count == len(published)
        for comment in stored:
            below = [
                c for c in published if c.position.startswith(comment.position) and c != comment
            ]
            assert comment.reply_count == len(below), comment.position
        # Each example starts from an empty thread.
        transaction.set_rollback(True)
