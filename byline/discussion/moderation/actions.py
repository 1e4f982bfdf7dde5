"""Moderators' decisions and readers' reports: every change of a comment's moderation state.

Each decision is atomic, takes its rows under a lock, changes the comment's status through
``threads.status`` (which keeps the counters, the outbox and the cached pages right), teaches the
spam classifier (approve = ham, spam = spam), resolves open reports and writes one entry per
comment to Wagtail's audit log, shared by a bulk action through one log context.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.log_actions import LogContext, log

from byline import ratelimits
from byline.discussion import markup
from byline.discussion.errors import DiscussionError, RateLimited
from byline.discussion.identity import Reader
from byline.discussion.models import Comment, Report
from byline.discussion.moderation import classifier, links
from byline.discussion.threads import status

# Audit log actions, registered with Wagtail in wagtail_hooks.
APPROVE = "byline_discussion.approve"
REJECT = "byline_discussion.reject"
SPAM = "byline_discussion.spam"
HIDE = "byline_discussion.hide"
AUTO_HIDE = "byline_discussion.auto_hide"
REPORT = "byline_discussion.report"

LOG_ACTIONS = {
    APPROVE: ("Approve comment", "Approved the comment"),
    REJECT: ("Reject comment", "Rejected the comment"),
    SPAM: ("Mark comment as spam", "Marked the comment as spam"),
    HIDE: ("Hide comment", "Took the published comment down"),
    AUTO_HIDE: ("Hide reported comment", "Hidden after readers' reports, for review"),
    REPORT: ("Report comment", "A reader reported the comment"),
}

DECISIONS = ("approve", "reject", "spam")


@dataclass(frozen=True)
class Outcome:
    changed: int
    unchanged: int


def decide(*, comment_ids: Iterable[int], decision: str, moderator) -> Outcome:
    """Apply ``decision`` ("approve", "reject" or "spam") to every comment in ``comment_ids``."""
    if decision not in DECISIONS:
        raise DiscussionError(f"A decision is one of {', '.join(DECISIONS)}.")
    if not moderator.has_perm("discussion.moderate_comment"):
        raise DiscussionError("Only moderators can decide on comments.")
    ids = sorted({int(pk) for pk in comment_ids})
    changed = 0
    lessons: list[tuple[Comment, str]] = []
    with transaction.atomic(), LogContext(user=moderator):
        comments = list(
            Comment.objects.select_for_update().filter(pk__in=ids).exclude(status=Comment.Status.REMOVED).order_by("pk")
        )  # fmt: skip
        for comment in comments:
            handler = {"approve": _approve, "reject": _reject, "spam": _spam}[decision]
            if handler(comment, moderator):
                changed += 1
            lesson = {"approve": "ham", "spam": "spam"}.get(decision)
            if lesson and comment.trained_as != lesson:
                lessons.append((comment, lesson))
        _teach(lessons)
    return Outcome(changed=changed, unchanged=len(ids) - changed)


def _approve(comment: Comment, moderator) -> bool:
    was, reports = comment.status, _resolve_reports(comment)
    status.approve(comment, moderator, also_save=["report_count"])
    log(comment, APPROVE, data={"from": was, "reports": reports})
    return was != Comment.Status.PUBLISHED or reports > 0


def _reject(comment: Comment, moderator, *, spam: bool = False) -> bool:
    was, reports, was_spam = comment.status, _resolve_reports(comment), comment.is_spam
    status.reject(comment, moderator, spam=spam, also_save=["report_count"])
    action = SPAM if spam else HIDE if was == Comment.Status.PUBLISHED else REJECT
    log(comment, action, data={"from": was, "reports": reports})
    return was != Comment.Status.HIDDEN or spam != was_spam


def _spam(comment: Comment, moderator) -> bool:
    return _reject(comment, moderator, spam=True)


def _resolve_reports(comment: Comment) -> int:
    """Close the comment's open reports; return how many there were."""
    resolved = Report.objects.filter(comment=comment, resolved_at__isnull=True).update(
        resolved_at=timezone.now()
    )
    comment.report_count = 0
    return resolved


def _teach(lessons: list[tuple[Comment, str]]) -> None:
    """Teach the classifier each comment's new label, taking back what it learnt before."""
    if not lessons:
        return
    forget, learn = [], []
    for comment, label in lessons:
        features = _features(comment)
        if comment.trained_as:
            forget.append((features, comment.trained_as))
        learn.append((features, label))
    classifier.forget(forget)
    classifier.learn(learn)
    for label in ("spam", "ham"):
        Comment.objects.filter(pk__in=[c.pk for c, lesson in lessons if lesson == label]).update(
            trained_as=label
        )


def _features(comment: Comment) -> set[str]:
    text = html.unescape(markup.plain_text(comment.body_html))
    return classifier.tokens(text, links.extract(comment.body_html, text))


def distinct_reporters(comment: Comment) -> int:
    """How many people the comment's open reports come from.

    A browser without our cookie is a new guest each time, so keys alone would let one person
    file any number of reports: reports from one address range (ratelimits.network_of) count
    once, whatever accounts or guest keys they carry. A report with no known address counts by
    its key.
    """
    reports = Report.objects.filter(comment=comment, resolved_at__isnull=True)
    return len(
        {
            ratelimits.network_of(ip_address) or reporter_key
            for reporter_key, ip_address in reports.values_list("reporter_key", "ip_address")
        }
    )


def report_comment(
    *, comment_id: int, reader: Reader, reason: str, note: str = "", ip_address: str | None = None
) -> Comment:
    """Record a reader's report; enough reports from different readers hide the comment.

    One report per reader per comment (a second one changes nothing); the threshold counts
    distinct reporters (``distinct_reporters``), not reports. The hidden comment waits
    in the queue with its reports until a moderator approves or rejects it.
    """
    if reason not in Report.Reason.values:
        raise DiscussionError("Choose why you are reporting this comment.", field="reason")
    reporter_key = reader.voter_key
    if reporter_key is None:
        raise DiscussionError("Your browser did not keep our cookie; enable cookies to report.")
    network = ratelimits.network_of(ip_address)
    rate = ratelimits.Rate.parse(settings.DISCUSSION_REPORT_RATE) if network else None
    if rate is not None and not ratelimits.hit("report", network, rate):
        raise RateLimited(
            "You've sent many reports in a short time. Please try again later.",
            retry_after=rate.seconds,
        )
    with transaction.atomic():
        comment = (
            Comment.objects.select_for_update()
            .on_public_pages()
            .filter(pk=comment_id, status=Comment.Status.PUBLISHED)
            .first()
        )
        if comment is None:
            raise DiscussionError("That comment is no longer available.")
        if reader.owns(comment):
            raise DiscussionError("You can't report your own comment.")
        try:
            with transaction.atomic():
                Report.objects.create(
                    comment=comment, reporter_key=reporter_key, reason=reason,
                    note=note.strip()[:500], ip_address=ip_address or None,
                )  # fmt: skip
        except IntegrityError:
            return comment  # Reported already: nothing more to count.
        comment.report_count = distinct_reporters(comment)
        comment.save(update_fields=["report_count"])
        log(comment, REPORT, data={"reason": reason})
        threshold = settings.DISCUSSION_REPORT_THRESHOLD
        if threshold and comment.report_count >= threshold:
            held = f"Hidden after {comment.report_count} readers reported it; a moderator will review it."
            status.hold(comment, rule="reports", reason=held)
            log(comment, AUTO_HIDE, data={"reports": comment.report_count})
    return comment
