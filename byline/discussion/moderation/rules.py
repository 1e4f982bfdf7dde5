"""The rules of the moderation pipeline, each small enough to read in one sitting.

Each answers ``publish`` (nothing to say), ``hold(reason)`` (a moderator reads it first; the
reason is shown to the author) or ``reject(message)`` (nothing is written; the message is shown
with the form, what was typed kept). Add a rule by subclassing ``Rule`` and listing its dotted
path in ``DISCUSSION_MODERATION_RULES``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.module_loading import import_string

from byline import ratelimits
from byline.discussion.models import Ban, Comment
from byline.discussion.moderation import classifier, links, words
from byline.discussion.moderation.pipeline import PUBLISH, Rule, Submission, Verdict


class ClosedThread(Rule):
    """A closed thread, or one with comments turned off, takes no new comments."""

    code = "closed"
    label = "Closed thread"
    checks_edits = False

    def check(self, submission: Submission) -> Verdict:
        if submission.thread.is_open(submission.now):
            return PUBLISH
        return Verdict.reject(submission.thread.closed_reason())


class Banned(Rule):
    """A banned account, address or network is refused; a shadow ban stores comments unseen."""

    code = "banned"
    label = "Banned author"
    message = "You can't comment here at the moment."

    def check(self, submission: Submission) -> Verdict:
        bans = Ban.objects.matching(
            user_id=submission.user.pk if submission.user else None,
            email=submission.email,
            ip_address=submission.ip_address,
        )
        if not bans:
            return PUBLISH
        ban = bans[0]
        if ban.shadow:
            return Verdict.shadow(f"Shadow ban on {ban.target}.")
        if ban.expires_at is not None:
            until = date_format(timezone.localtime(ban.expires_at), "j F Y")
            return Verdict.reject(f"{self.message} You can comment again after {until}.")
        return Verdict.reject(self.message)


class Honeypot(Rule):
    """A field people never see: only a script fills it in."""

    code = "honeypot"
    label = "Honeypot field filled in"
    message = "Your comment could not be posted."

    def check(self, submission: Submission) -> Verdict:
        if submission.form is not None and submission.form.honeypot:
            return Verdict.reject(self.message)
        return PUBLISH


UNSTAMPED_MESSAGE = (
    "One more step to keep out automated posts: read your comment over, then post it again."
)


class TimeTrap(Rule):
    """A form posted seconds after it was started was not written by a person; a form with a
    forged timestamp was not served by us; a day-old form is stale.

    A page the page cache shares holds no timestamp (one would be the same for every reader for
    minutes): the browser fetches one when the reader starts on the form, and a form that comes
    without one is offered again with a timestamp of its own.
    """

    code = "time_trap"
    label = "Form filled too fast or forged"
    min_seconds: float | None = None  # DISCUSSION_MIN_FILL_SECONDS
    max_age_hours: float = 48

    def check(self, submission: Submission) -> Verdict:
        form = submission.form
        if form is None:
            return PUBLISH
        minimum = _option(self.min_seconds, "DISCUSSION_MIN_FILL_SECONDS")
        if not form.stamped:
            # A form from a shared page whose browser ran no script: nothing tells when it was
            # started, so it comes back with a timestamp of its own (see forms.StartedInput).
            return PUBLISH if minimum <= 0 else Verdict.reject(UNSTAMPED_MESSAGE)
        if form.age_seconds is None or form.age_seconds > self.max_age_hours * 3600:
            return Verdict.reject(
                "This form has expired. Reload the page and post again; your text is kept below."
            )
        if form.age_seconds < minimum:
            return Verdict.reject("That was quick! Read your comment over, then post it again.")
        return PUBLISH


class RateLimit(Rule):
    """Too many comments from one IP range, one email address or one account in a while."""

    code = "rate_limit"
    label = "Posting too often"
    checks_edits = False
    # {"ip_range": "20/10m", "email": "6/10m", "account": "10/10m"}; DISCUSSION_RATE_LIMITS.
    limits: dict[str, str | None] | None = None
    ipv4_prefix: int = 24
    ipv6_prefix: int = 56

    def check(self, submission: Submission) -> Verdict:
        limits = _option(self.limits, "DISCUSSION_RATE_LIMITS")
        network = ratelimits.network_of(
            submission.ip_address, ipv4_prefix=self.ipv4_prefix, ipv6_prefix=self.ipv6_prefix
        )
        keys = [
            ("ip_range", network),
            ("email", submission.email),
            ("account", str(submission.user.pk) if submission.user else ""),
        ]
        for scope, key in keys:
            rate = limits.get(scope)
            if key and rate and not ratelimits.hit(scope, key, ratelimits.Rate.parse(rate)):
                return Verdict.reject(
                    "You're posting faster than we allow. Wait a few minutes, then try again;"
                    " your text is kept below."
                )
        return PUBLISH


class Length(Rule):
    """Comments have a minimum and a maximum length, in characters of text."""

    code = "length"
    label = "Too short or too long"
    min_length: int = 2
    max_length: int | None = None

    def check(self, submission: Submission) -> Verdict:
        length = len(submission.text.strip())
        limit = self.max_length or settings.DISCUSSION_MAX_LENGTH
        if length < self.min_length:
            return Verdict.reject(f"Comments need at least {self.min_length} characters.")
        if len(submission.body) > limit:
            return Verdict.reject(
                f"Comments can be at most {limit:,} characters; this one has {len(submission.body):,}."
            )
        return PUBLISH


class RepeatPost(Rule):
    """The same text again from the same author (or the same address) within a while."""

    code = "repeat"
    label = "Repeated comment"
    checks_edits = False
    minutes: int | None = None  # DISCUSSION_REPEAT_MINUTES

    def check(self, submission: Submission) -> Verdict:
        minutes = _option(self.minutes, "DISCUSSION_REPEAT_MINUTES")
        if not minutes:
            return PUBLISH
        since = submission.now - dt.timedelta(minutes=minutes)
        same_author = Q(ip_address=submission.ip_address) if submission.ip_address else Q()
        if submission.user is not None:
            same_author |= Q(author_id=submission.user.pk)
        else:
            if submission.reader.guest_key:
                same_author |= Q(author__isnull=True, guest_key=submission.reader.guest_key)
            if submission.email:
                same_author |= Q(author__isnull=True, guest_email__iexact=submission.email)
        if not same_author:
            return PUBLISH
        repeated = (
            Comment.objects.filter(same_author, created_at__gte=since, body=submission.body)
            .exclude(status=Comment.Status.REMOVED)
            .exists()
        )
        if repeated:
            return Verdict.reject("You've already posted this comment.")
        return PUBLISH


class _WordList(Rule):
    words: list[str] = []
    file: str | None = None

    def found(self, submission: Submission) -> str | None:
        return words.matcher(self.words, self.file).search(submission.normalised)


class BannedWords(_WordList):
    """Words and phrases that are never published, in the comment or the name."""

    code = "banned_words"
    label = "Banned words"

    def check(self, submission: Submission) -> Verdict:
        if word := self.found(submission):
            return Verdict.reject(
                f"Your comment contains language we don't publish (“{word}”). Please rephrase it."
            )
        return PUBLISH


class SuspectWords(_WordList):
    """Words and phrases that a moderator should see before readers do."""

    code = "suspect_words"
    label = "Suspect words"

    def check(self, submission: Submission) -> Verdict:
        if word := self.found(submission):
            return Verdict.hold(
                f"It mentions “{word}”, so a moderator will read it before it appears."
            )
        return PUBLISH


class Links(Rule):
    """Links to blocked domains are refused; more than a few links wait for a moderator."""

    code = "links"
    label = "Links"
    max_links: int | None = None  # DISCUSSION_MAX_LINKS
    blocked_domains: list[str] | None = None  # DISCUSSION_BLOCKED_DOMAINS

    def check(self, submission: Submission) -> Verdict:
        found = submission.links
        blocked = _option(self.blocked_domains, "DISCUSSION_BLOCKED_DOMAINS")
        max_links = _option(self.max_links, "DISCUSSION_MAX_LINKS")
        for link in found:
            host = links.host_of(link)
            if host and any(links.is_within(host, domain) for domain in blocked):
                return Verdict.reject(f"Links to {host} aren't allowed here.")
        if len(found) > max_links:
            return Verdict.hold(
                f"It has {len(found)} links; comments with more than {max_links}"
                " are read by a moderator before they appear."
            )
        return PUBLISH


class FirstPosts(Rule):
    """New authors wait for a moderator until enough of their comments have been published."""

    code = "first_post"
    label = "New author"
    checks_edits = False
    approved_needed: int | None = None  # DISCUSSION_FIRST_POST_HOLD

    def check(self, submission: Submission) -> Verdict:
        needed = _option(self.approved_needed, "DISCUSSION_FIRST_POST_HOLD")
        if needed <= 0:
            return PUBLISH
        user = submission.user
        if user is not None and user.has_perm("discussion.moderate_comment"):
            return PUBLISH
        published = Comment.objects.filter(status=Comment.Status.PUBLISHED)
        if user is not None:
            published = published.filter(author_id=user.pk)
        elif submission.reader.guest_key and submission.email:
            # A guest is known by their address and their browser together, so nobody gains
            # someone else's standing by typing their address.
            published = published.filter(
                author__isnull=True,
                guest_email__iexact=submission.email,
                guest_key=submission.reader.guest_key,
            )
        else:
            published = published.none()
        # Counting stops at the number needed: a regular's thousandth comment costs no more.
        if published[:needed].count() >= needed:
            return PUBLISH
        return Verdict.hold(
            "New commenters' first comments are read by a moderator before they appear."
        )


class Premoderation(Rule):
    """Every comment waits for a moderator: on one article, or on the whole site."""

    code = "premoderation"
    label = "Pre-moderated discussion"
    checks_edits = False

    def check(self, submission: Submission) -> Verdict:
        if settings.DISCUSSION_PREMODERATE_ALL or submission.thread.premoderated:
            return Verdict.hold(
                "Every comment on this discussion is read by a moderator before it appears."
            )
        return PUBLISH


class SpamScore(Rule):
    """The local classifier's opinion, learnt from moderators' decisions.

    Until it has learnt from ``min_documents`` spam and as many ham comments it says nothing.
    """

    code = "spam_score"
    label = "Looks like spam"
    hold_above: float = 0.8
    reject_above: float | None = 0.995
    min_documents: int = 20

    def check(self, submission: Submission) -> Verdict:
        features = classifier.tokens(submission.text, submission.links)
        score = classifier.score(features, min_documents=self.min_documents)
        submission.spam_score = score
        if score is None:
            return PUBLISH
        if self.reject_above is not None and score >= self.reject_above:
            return Verdict.reject(
                "Your comment looks like spam to our filter, so it was not posted."
            )
        if score >= self.hold_above:
            return Verdict.hold("Our spam filter wants a moderator to read it before it appears.")
        return PUBLISH


class ExternalSpamService(Rule):
    """A hook for an outside spam service (Akismet and the like), off unless configured.

    ``checker`` is the dotted path of a callable taking the Submission and returning True for
    spam, False for ham or None for "don't know". Spam is held, not refused, because an outside
    service can be wrong or down; a failing checker publishes (the other rules still apply).
    """

    code = "external_spam"
    label = "Spam service"
    checker: str = ""

    def __init__(self, **options) -> None:
        super().__init__(**options)
        if not self.checker:
            raise ImproperlyConfigured("ExternalSpamService needs a 'checker' option.")
        self._checker: Callable[[Submission], bool | None] = import_string(self.checker)

    def check(self, submission: Submission) -> Verdict:
        try:
            is_spam = self._checker(submission)
        except Exception:
            # An outside service must never break posting.
            return PUBLISH
        if is_spam:
            return Verdict.hold("Our spam filter wants a moderator to read it before it appears.")
        return PUBLISH


def _option(value, setting: str):
    """A rule's option, or the setting that gives its default (read when checking, so that a
    changed setting takes effect at once)."""
    return getattr(settings, setting) if value is None else value
