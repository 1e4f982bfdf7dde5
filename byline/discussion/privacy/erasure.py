"""Erasing one person's data: an account, or what a guest's proven address ties together.

One transaction: a failure anywhere leaves every row as it was. Threads stay whole:

- ``remove`` (the default): a comment with replies keeps its place, its text replaced by
  "Removed at the author's request." (``models.comments.ERASED_TEXT``) and its name, address
  and IP cleared; a comment without replies is deleted outright, deepest first, so a comment
  whose only replies were the person's own goes too. A published comment leaves through
  ``threads.status.remove`` first, so the thread's count, its ancestors' reply counts and the
  cached pages follow.
- ``keep`` (anonymise): every comment stays as written, signed "A former reader", with no
  account, address, browser key or IP.

Either way the person's votes go (the comments' scores follow), their reports stay for the
moderators but no longer say who filed them, and their subscriber rows (with subscriptions and
deliveries), emails to their addresses (and to the account's unproven ones) and archives are deleted, then the account itself.
Bans on an address or a network stay: they keep a banned person out after erasure too, which
is the site's legitimate interest (GDPR art. 17(3)); a ban on the account goes with it.
"""

from __future__ import annotations

import secrets
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q, QuerySet, Value
from django.db.models.functions import Concat
from wagtail.models import ModelLogEntry

from byline.discussion.errors import DiscussionError
from byline.discussion.models import Ban, Comment, Report, Thread, Vote
from byline.discussion.models.comments import ERASED_TEXT
from byline.discussion.privacy.subjects import DataSubject
from byline.discussion.threads import purging, services, status

if TYPE_CHECKING:
    from byline.accounts.models import User

FORMER_READER = "A former reader"
REMOVE, KEEP = "remove", "keep"
CHOICES = (REMOVE, KEEP)


@dataclass
class Erasure:
    """What an erasure did, by kind of row (for the audit log and the reader's answer)."""

    counts: Counter = field(default_factory=Counter)

    def as_dict(self) -> dict[str, int]:
        return dict(sorted(self.counts.items()))


def erase(subject: DataSubject, *, comments: str = REMOVE) -> Erasure:
    """Erase ``subject``'s data (see the module's docstring); ``comments`` is "remove" or "keep"."""
    if comments not in CHOICES:
        raise DiscussionError("Choose whether to remove your comments or keep them anonymised.")
    user = subject.user
    if user is not None and is_team(user):
        raise DiscussionError(
            "Accounts of the site's team are removed by an administrator, not erased here."
        )
    done = Erasure()
    with transaction.atomic():
        # Read first: the guest comments that name the person's browsers are about to go.
        keys = subject.reader_keys()
        threads = _erase_comments(subject, keep=comments == KEEP, done=done)
        threads |= _erase_votes(subject.votes(keys), done)
        done.counts["reports anonymised"] = _anonymise_reports(subject.reports(keys))
        done.counts["deliveries"] = subject.deliveries().count()
        done.counts["subscribers"], _ = subject.subscribers().delete()
        done.counts["emails"], _ = subject.emails().delete()
        done.counts["emails"] += subject.account_emails().delete()[0]
        done.counts["archives"] = _delete_archives(subject)
        for thread in Thread.objects.filter(pk__in=threads).select_related("page"):
            purging.purge_thread(thread)
        if user is not None:
            # Every address the account gave, confirmed or not; their subscribers stay unless
            # proven (nobody showed an unproven address is this person's).
            done.counts["account addresses"], _ = EmailAddress.objects.filter(user=user).delete()
            _forget_ban_labels(user)
            user.delete()
            done.counts["accounts"] = 1
    return done


def team() -> Q:
    """Accounts that run the site rather than read it: staff and superusers, anyone in a group
    (Wagtail gives editors and moderators their rights through groups), and anyone allowed into
    the Wagtail admin or the moderation queue. The Readers list leaves them out; erasure refuses
    them."""
    rights = Permission.objects.filter(
        Q(content_type__app_label="wagtailadmin", codename="access_admin")
        | Q(content_type__app_label="discussion", codename="moderate_comment")
    )
    return (
        Q(is_staff=True)
        | Q(is_superuser=True)
        | Q(groups__isnull=False)
        | Q(user_permissions__in=rights)
    )


def is_team(user: User) -> bool:
    return get_user_model().objects.filter(pk=user.pk).filter(team()).exists()


def _anonymise_reports(reports: QuerySet[Report]) -> int:
    """Keep the reports for the moderators, without who filed them or from where. One report
    per reader per comment is a unique constraint: each gets a key nobody can be found by."""
    count = 0
    for report in reports.select_for_update():
        report.reporter_key, report.ip_address = f"x:{secrets.token_hex(16)}", None
        report.save(update_fields=["reporter_key", "ip_address"])
        count += 1
    return count


def _erase_comments(subject: DataSubject, *, keep: bool, done: Erasure) -> set[int]:
    """Anonymise or remove the person's comments, deepest first; the threads touched."""
    threads: set[int] = set()
    mine = list(subject.comments().select_for_update().order_by("-depth", "-pk"))
    ids = [comment.pk for comment in mine]  # a deleted comment forgets its own
    for comment in mine:
        threads.add(comment.thread_id)
        if keep and not comment.is_placeholder:
            _anonymise(comment)
            done.counts["comments anonymised"] += 1
            continue
        if comment.status != Comment.Status.REMOVED:
            status.remove(comment)
        if Comment.objects.filter(parent_id=comment.pk).exists():
            comment.body = ERASED_TEXT
            _anonymise(comment)
            done.counts["comments kept as placeholders"] += 1
        else:
            comment.delete()
            done.counts["comments deleted"] += 1
    _forget_log_labels(ids)
    # A comment kept anonymised is drawn with its new name: its cached fragment must go too.
    purging.purge_comments(ids)
    return threads


def _anonymise(comment: Comment) -> None:
    comment.author = None
    comment.guest_name, comment.guest_email, comment.guest_key = FORMER_READER, "", ""
    comment.ip_address = None
    comment.save(
        update_fields=["author", "guest_name", "guest_email", "guest_key", "ip_address", "body"]
    )


def _forget_log_labels(comment_ids: list[int]) -> None:
    """Moderators' audit entries name a comment by its author ("Comment 7 by Maya"): keep the
    entries, drop the name."""
    ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Comment),
        object_id__in=[str(pk) for pk in comment_ids],
    ).update(label=Concat(Value("Comment "), "object_id"))


def _forget_ban_labels(user: User) -> None:
    """The audit entries of the account's bans name it ("Ban on Maya", and the target in their
    data): the bans go with the account, the entries stay without the name."""
    ban_ids = [str(pk) for pk in Ban.objects.filter(user=user).values_list("pk", flat=True)]
    entries = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Ban), object_id__in=ban_ids
    )
    for entry in entries.select_for_update():
        entry.label = f"Ban {entry.object_id}"
        if isinstance(entry.data, dict):
            entry.data.pop("target", None)
        entry.save(update_fields=["label", "data"])


def _erase_votes(votes: QuerySet[Vote], done: Erasure) -> set[int]:
    """Take the person's votes back, each comment's counters with them; the threads touched."""
    threads: set[int] = set()
    for vote in votes.select_for_update().select_related("comment"):
        threads.add(vote.comment.thread_id)
        services.withdraw_vote(vote)
        done.counts["votes"] += 1
    return threads


def _delete_archives(subject: DataSubject) -> int:
    exports = list(subject.exports())
    files = [
        (export.archive.storage, export.archive.name or "") for export in exports if export.archive
    ]
    for export in exports:
        export.delete()

    def delete_files() -> None:
        # Once the rows are gone for good; a rollback keeps both.
        for storage, name in files:
            storage.delete(name)

    transaction.on_commit(delete_files)
    return len(exports)
