"""Erasing a reader: threads stay whole, counts stay right, nothing of theirs is left, nobody
else's data goes, and a failure leaves everything as it was."""

from __future__ import annotations

from unittest import mock

import pytest
from django.db.models import Sum

from byline.accounts.models import User
from byline.discussion.errors import DiscussionError
from byline.discussion.models import (
    Comment,
    Delivery,
    Report,
    Subscriber,
    Thread,
    Vote,
)
from byline.discussion.models.comments import ERASED_TEXT
from byline.discussion.privacy import erasure
from byline.discussion.privacy.subjects import DataSubject
from byline.discussion.tests.privacy.world import MAYA_GUEST_ADDRESS, build
from byline.mail.models import OutgoingEmail

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(article):
    return build(article)


def published_count(thread_id: int) -> int:
    return Comment.objects.filter(thread_id=thread_id, status=Comment.Status.PUBLISHED).count()


def assert_counts_consistent(thread_id: int) -> None:
    """The thread's count, every comment's reply count and score agree with the rows."""
    thread = Thread.objects.get(pk=thread_id)
    assert thread.comment_count == published_count(thread_id)
    for comment in Comment.objects.filter(thread_id=thread_id):
        replies = Comment.objects.filter(
            position__startswith=comment.position, status=Comment.Status.PUBLISHED
        ).exclude(pk=comment.pk)
        assert comment.reply_count == replies.count(), comment
        votes = Vote.objects.filter(comment=comment)
        assert comment.score == (votes.aggregate(total=Sum("value"))["total"] or 0)
        assert comment.upvotes == votes.filter(value=1).count()
        assert comment.downvotes == votes.filter(value=-1).count()


def test_removing_keeps_a_comment_with_replies_as_a_placeholder_and_deletes_the_rest(world):
    thread_id = world.maya_root.thread_id
    erasure.erase(DataSubject.of_user(world.maya), comments=erasure.REMOVE)
    root = Comment.objects.get(pk=world.maya_root.pk)
    assert root.status == Comment.Status.REMOVED
    assert root.body == ERASED_TEXT and root.body_html == ""
    assert (root.author_id, root.guest_email, root.guest_key, root.ip_address) == (
        None,
        "",
        "",
        None,
    )
    assert root.placeholder_text == "Removed at the author's request."
    assert Comment.objects.filter(pk=world.bob_reply.pk, parent=root).exists()
    assert not Comment.objects.filter(pk=world.maya_leaf.pk).exists()
    assert not User.objects.filter(pk=world.maya.pk).exists()
    assert_counts_consistent(thread_id)
    # The placeholder is still shown, because Bob's reply hangs under it.
    assert Comment.objects.visible().filter(pk=root.pk).exists()


def test_keeping_anonymises_every_comment_and_keeps_its_words(world):
    erasure.erase(DataSubject.of_user(world.maya), comments=erasure.KEEP)
    root = Comment.objects.get(pk=world.maya_root.pk)
    leaf = Comment.objects.get(pk=world.maya_leaf.pk)
    for comment in (root, leaf):
        assert comment.status == Comment.Status.PUBLISHED
        assert comment.author_id is None and comment.author_name == "A former reader"
        assert (comment.guest_email, comment.guest_key, comment.ip_address) == ("", "", None)
    assert leaf.body == "Maya's lonely aside."
    assert_counts_consistent(root.thread_id)


def test_a_reply_chain_of_the_readers_own_goes_whole(article):
    from byline.accounts.tests.factories import UserFactory
    from byline.discussion.tests.factories import post

    maya = UserFactory(username="maya")
    root = post(article, "First.", as_user=maya)
    reply = post(article, "Second.", parent=root, as_user=maya)
    post(article, "Third.", parent=reply, as_user=maya)
    erasure.erase(DataSubject.of_user(maya))
    assert not Comment.objects.exists()
    assert Thread.objects.get(pk=root.thread_id).comment_count == 0


def test_votes_go_and_the_scores_follow(world):
    erasure.erase(DataSubject.of_user(world.maya))
    assert not Vote.objects.filter(voter_key=f"u:{world.maya.pk}").exists()
    assert Comment.objects.get(pk=world.bob_root.pk).score == 0
    # Bob's vote on Maya's kept placeholder is Bob's: it stays.
    assert Vote.objects.filter(voter_key=f"u:{world.bob.pk}").count() == 1
    assert_counts_consistent(world.bob_root.thread_id)


def test_reports_stay_without_who_filed_them(world):
    erasure.erase(DataSubject.of_user(world.maya))
    report = Report.objects.get(note="Maya's report note")
    assert report.reporter_key.startswith("x:") and report.ip_address is None
    assert not Report.objects.filter(reporter_key=f"u:{world.maya.pk}").exists()


def test_subscriptions_deliveries_and_emails_go_and_bobs_stay(world):
    erasure.erase(DataSubject.of_user(world.maya))
    assert list(Subscriber.objects.values_list("address", flat=True)) == [
        MAYA_GUEST_ADDRESS, "bob@example.org",
    ] or set(Subscriber.objects.values_list("address", flat=True)) == {
        MAYA_GUEST_ADDRESS, "bob@example.org",
    }  # fmt: skip
    assert not Delivery.objects.filter(subscriber__address="maya@example.org").exists()
    assert list(OutgoingEmail.objects.values_list("subject", flat=True)) == ["Bob's welcome"]
    assert User.objects.filter(pk=world.bob.pk).exists()
    assert Comment.objects.filter(author=world.bob).count() == 2


def test_a_guest_erasure_takes_the_address_and_its_browsers_votes_and_leaves_accounts(world):
    erasure.erase(DataSubject.of_address(MAYA_GUEST_ADDRESS))
    assert not Comment.objects.filter(pk=world.maya_guest.pk).exists()
    assert not Vote.objects.filter(comment=world.bob_reply).exists()
    assert Comment.objects.get(pk=world.bob_reply.pk).downvotes == 0
    assert not Subscriber.objects.filter(address=MAYA_GUEST_ADDRESS).exists()
    assert User.objects.filter(pk=world.maya.pk).exists()
    assert Comment.objects.filter(author=world.maya).count() == 2


def test_cached_pages_of_the_thread_are_purged(world, django_capture_on_commit_callbacks):
    with (
        mock.patch("byline.discussion.threads.purging.purge_paths") as purge,
        django_capture_on_commit_callbacks(execute=True),
    ):
        erasure.erase(DataSubject.of_user(world.maya), comments=erasure.KEEP)
    purged = {path for call in purge.call_args_list for path in call.args[0]}
    assert world.maya_root.thread.page.url in purged


def test_a_failure_half_way_leaves_every_row_as_it_was(world):
    before = (Comment.objects.count(), Vote.objects.count(), Subscriber.objects.count())
    with (
        mock.patch.object(User, "delete", side_effect=RuntimeError("disk full")),
        pytest.raises(RuntimeError),
    ):
        erasure.erase(DataSubject.of_user(world.maya))
    assert (Comment.objects.count(), Vote.objects.count(), Subscriber.objects.count()) == before
    assert Comment.objects.get(pk=world.maya_root.pk).author_id == world.maya.pk
    assert_counts_consistent(world.maya_root.thread_id)


def test_staff_accounts_are_not_erased_here(world):
    world.maya.is_staff = True
    world.maya.save()
    with pytest.raises(DiscussionError):
        erasure.erase(DataSubject.of_user(world.maya))
    assert User.objects.filter(pk=world.maya.pk).exists()


def test_an_unknown_choice_is_refused(world):
    with pytest.raises(DiscussionError):
        erasure.erase(DataSubject.of_user(world.maya), comments="<script>")


def test_moderators_log_entries_keep_the_comment_but_not_the_name(world):
    from wagtail.models import ModelLogEntry

    entry = ModelLogEntry.objects.filter(object_id=str(world.bob_root.pk)).first()
    assert entry is not None  # Maya's report was logged
    leaf_entry = ModelLogEntry.objects.get(object_id=str(world.maya_leaf.pk))
    assert "Maya" in leaf_entry.label
    erasure.erase(DataSubject.of_user(world.maya))
    leaf_entry.refresh_from_db()
    assert leaf_entry.label == f"Comment {world.maya_leaf.pk}"


def test_an_account_deleted_without_an_erasure_leaves_its_comments_signed_a_former_reader(world):
    """Wagtail's Users admin deletes accounts outright: the comments stay, and the database's
    rule that every comment has an author or a name holds."""
    written = list(Comment.objects.filter(author=world.maya).values_list("pk", flat=True))
    assert written

    world.maya.delete()

    for comment in Comment.objects.filter(pk__in=written):
        assert comment.author_id is None
        assert comment.author_name == erasure.FORMER_READER


def test_erasing_an_account_deletes_emails_to_its_unproven_addresses_but_not_their_subscribers(
    article,
):
    from allauth.account.models import EmailAddress
    from django.core.mail import EmailMessage
    from django.db import transaction

    from byline.accounts.tests.factories import UserFactory
    from byline.discussion.tests.factories import follower
    from byline.mail import outbox

    unproven = UserFactory(username="nina", email="Nina@Example.org", verified_email="")
    EmailAddress.objects.filter(user=unproven).update(verified=False)
    EmailAddress.objects.create(user=unproven, email="nina.other@example.org", verified=False)
    follower(article, "nina@example.org")
    with transaction.atomic():
        outbox.post(EmailMessage("Confirm", "code", to=["nina@example.org"]))
        outbox.post(EmailMessage("Confirm other", "code", to=["Nina <nina.other@example.org>"]))
        outbox.post(EmailMessage("Someone else's", "code", to=["carol@example.org"]))
    done = erasure.erase(DataSubject.of_user(unproven))
    assert list(OutgoingEmail.objects.values_list("subject", flat=True)) == ["Someone else's"]
    assert done.counts["emails"] == 2
    assert not EmailAddress.objects.filter(email__icontains="nina").exists()
    # Nobody proved the address is the account's: whoever follows with it keeps following.
    assert Subscriber.objects.filter(address="nina@example.org").exists()


def test_erasing_an_account_drops_its_name_from_the_audit_entries_of_its_bans(world):
    from django.contrib.auth.models import Permission
    from wagtail.models import ModelLogEntry

    from byline.accounts.tests.factories import UserFactory
    from byline.discussion.moderation import bans

    moderator = UserFactory(username="mod")
    moderator.user_permissions.add(Permission.objects.get(codename="moderate_comment"))
    ban = bans.ban_reader(moderator=moderator, user_id=world.maya.pk, reason="Trolling")
    other = bans.ban_reader(moderator=moderator, user_id=world.bob.pk)
    erasure.erase(DataSubject.of_user(world.maya))
    entry = ModelLogEntry.objects.get(action=bans.BAN, object_id=str(ban.pk))
    assert entry.label == f"Ban {ban.pk}"
    assert "target" not in entry.data and "Maya" not in str(entry.data)
    assert entry.data["reason"] == "Trolling"
    kept = ModelLogEntry.objects.get(action=bans.BAN, object_id=str(other.pk))
    assert kept.label == "Ban on Bob Stone" and kept.data["target"] == "Bob Stone"
