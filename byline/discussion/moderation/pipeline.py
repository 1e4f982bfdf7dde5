"""The moderation pipeline: an ordered list of rules, each answering publish, hold or reject.

Rules are configured in ``DISCUSSION_MODERATION_RULES`` as dotted paths, each optionally with
options (``("byline.discussion.moderation.rules.Links", {"max_links": 3})``). Every new or edited
comment passes through them in order: the first rejection ends the run, holds are collected
(the comment waits for a moderator, and its author is told the first reason), and a comment
that nobody holds or rejects is published.
"""

from __future__ import annotations

import datetime as dt
import html
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.utils import timezone
from django.utils.module_loading import import_string

from byline.discussion import markup
from byline.discussion.moderation import links, words

if TYPE_CHECKING:
    from byline.discussion.identity import Reader
    from byline.discussion.models import Comment, Thread
    from byline.discussion.threads.services import Guest

Action = Literal["publish", "hold", "reject", "shadow"]


@dataclass(frozen=True)
class Verdict:
    """One rule's answer. ``message`` is for the author: why it is held, or why it is refused."""

    action: Action
    message: str = ""
    rule: str = ""

    @classmethod
    def publish(cls) -> Verdict:
        return cls("publish")

    @classmethod
    def hold(cls, reason: str) -> Verdict:
        return cls("hold", reason)

    @classmethod
    def reject(cls, message: str) -> Verdict:
        return cls("reject", message)

    @classmethod
    def shadow(cls, note: str = "") -> Verdict:
        """Store the comment where only its author sees it (a shadow ban); ``note`` is for staff."""
        return cls("shadow", note)


PUBLISH = Verdict.publish()


@dataclass(frozen=True)
class FormEvidence:
    """What the comment form tells about how it was filled in.

    ``age_seconds`` is the time since the form was started, from its signed timestamp; None when
    the timestamp is missing or forged. ``stamped`` is False when the form carried no timestamp
    at all, as a form on a page shared by the page cache does until the browser asks for one.
    ``honeypot`` is the field people never see.
    """

    honeypot: str = ""
    age_seconds: float | None = None
    stamped: bool = True


@dataclass
class Submission:
    """Everything the rules look at: one new comment, or a new text for an existing one."""

    thread: Thread
    reader: Reader
    body: str
    body_html: str
    guest: Guest | None = None
    ip_address: str | None = None
    form: FormEvidence | None = None
    parent: Comment | None = None
    comment: Comment | None = None
    now: dt.datetime = field(default_factory=timezone.now)
    # Filled in by the rules that compute them, for the moderator's queue.
    spam_score: float | None = None

    @property
    def is_edit(self) -> bool:
        return self.comment is not None

    @property
    def user(self):
        return self.reader.user

    @property
    def email(self) -> str:
        if self.reader.user is not None:
            return (self.reader.user.email or "").strip().lower()
        if self.comment is not None:
            return self.comment.guest_email.strip().lower()
        return self.guest.email.strip().lower() if self.guest else ""

    @property
    def author_name(self) -> str:
        if self.reader.user is not None:
            return self.reader.user.public_name
        if self.comment is not None:
            return self.comment.guest_name
        return self.guest.name if self.guest else ""

    @cached_property
    def text(self) -> str:
        """The comment as plain text, what a reader reads."""
        return html.unescape(markup.plain_text(self.body_html))

    @cached_property
    def normalised(self) -> str:
        """The text folded for matching: no case, no accents, single spaces."""
        return words.normalise(f"{self.text}\n{self.author_name}")

    @cached_property
    def links(self) -> list[str]:
        return links.extract(self.body_html, self.text)


@dataclass(frozen=True)
class Decision:
    """The pipeline's answer: what to do with the comment, why, and every hold on the way."""

    action: Action
    rule: str = ""
    message: str = ""
    holds: tuple[Verdict, ...] = ()
    spam_score: float | None = None

    @property
    def reason(self) -> str:
        """The reasons for a hold, joined for the moderator."""
        return " ".join(hold.message for hold in self.holds)[:300]


class Rule:
    """One check of the pipeline. Subclasses set ``code`` and implement ``check``.

    Options given in settings become attributes, but only those the class declares, so a typo
    in settings fails at start-up instead of silently doing nothing.
    """

    code: ClassVar[str] = "rule"
    #: A short description for moderators' filters and for the documentation.
    label: ClassVar[str] = "Rule"
    #: Whether the rule looks at edits too (a repeat-post check would not).
    checks_edits: ClassVar[bool] = True

    def __init__(self, **options: Any) -> None:
        for name, value in options.items():
            if name.startswith("_") or not hasattr(type(self), name):
                raise ImproperlyConfigured(f"{type(self).__name__} has no option {name!r}.")
            setattr(self, name, value)

    def check(self, submission: Submission) -> Verdict:
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<{type(self).__name__}>"


class Pipeline:
    def __init__(self, rules: list[Rule]) -> None:
        self.rules = rules

    def run(self, submission: Submission) -> Decision:
        holds: list[Verdict] = []
        shadow: Verdict | None = None
        for rule in self.rules:
            if submission.is_edit and not rule.checks_edits:
                continue
            verdict = rule.check(submission)
            if verdict.action == "publish":
                continue
            verdict = Verdict(verdict.action, verdict.message, verdict.rule or rule.code)
            if verdict.action == "reject":
                return Decision(
                    "reject", verdict.rule, verdict.message, tuple(holds), submission.spam_score
                )
            if verdict.action == "shadow":
                shadow = shadow or verdict
            else:
                holds.append(verdict)
        if shadow is not None:
            # Holds are recorded for staff, but a shadow-banned author must not learn of them.
            return Decision(
                "shadow", shadow.rule, shadow.message, tuple(holds), submission.spam_score
            )
        if holds:
            first = holds[0]
            return Decision("hold", first.rule, first.message, tuple(holds), submission.spam_score)
        return Decision("publish", spam_score=submission.spam_score)


def build(config: list) -> Pipeline:
    """Build a pipeline from settings entries: a dotted path, or a (path, options) pair."""
    rules = []
    for entry in config:
        path, options = (entry, {}) if isinstance(entry, str) else entry
        try:
            rule_class = import_string(path)
        except ImportError as error:
            raise ImproperlyConfigured(f"Unknown moderation rule {path!r}: {error}") from error
        rules.append(rule_class(**options))
    return Pipeline(rules)


_pipeline: Pipeline | None = None


def current() -> Pipeline:
    """The configured pipeline, built once per process (and again when settings change in tests)."""
    global _pipeline
    if _pipeline is None:
        _pipeline = build(settings.DISCUSSION_MODERATION_RULES)
    return _pipeline


def _forget_pipeline(*, setting: str, **kwargs) -> None:
    global _pipeline
    if setting.startswith("DISCUSSION_"):
        _pipeline = None


setting_changed.connect(_forget_pipeline, dispatch_uid="byline-moderation-pipeline")


_bypass = threading.local()


@contextmanager
def bypassed() -> Iterator[None]:
    """Publish without the pipeline inside this block: for trusted bulk writers (the demo
    seeding, importers of another system's already moderated comments), never for requests."""
    previous = getattr(_bypass, "active", False)
    _bypass.active = True
    try:
        yield
    finally:
        _bypass.active = previous


def moderate(submission: Submission) -> Decision:
    if getattr(_bypass, "active", False):
        return Decision("publish")
    return current().run(submission)
