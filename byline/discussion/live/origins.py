"""Which web pages' origins may read the event streams from a browser (CORS).

Byline's own origin always may. Others may when the callable named by the setting
``LIVE_EVENTS_ORIGIN_CHECK`` says so: Byline names the embedding's list of sites an editor
allowed, which sits above the discussion, so the discussion only ever sees a dotted path. The
check is synchronous and may read the database, so it runs in one of the hub's threads, never
on the event loop; its answers are remembered for a short while, because a process lives for
weeks and an editor who removes a site expects its pages to lose the streams soon, while
thousands of readers of one allowed page should cost one look-up.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

# How long an answer holds, allowed or not: the delay before an editor's change reaches
# streams opened after it (those already open stay until the reader leaves).
ANSWER_SECONDS = 30.0
# A bound on what a client sending made-up origins can make the process remember.
KEPT_ANSWERS = 1000
# Longer than any origin a browser sends (scheme, host of at most 253 characters, port).
LONGEST_ORIGIN = 300

Check = Callable[[str], bool]
Runner = Callable[[Check, str], Awaitable[bool]]


def configured_check() -> Check | None:
    """The callable the setting names, or None when it names none."""
    path = getattr(settings, "LIVE_EVENTS_ORIGIN_CHECK", "")
    return import_string(path) if path else None


class Origins:
    """Answers whether a browser's ``Origin`` may read streams; ``run`` calls the check off
    the event loop (the hub's look-up thread)."""

    def __init__(self, own: str, check: Check | None, run: Runner) -> None:
        self.own = own
        self.check = check
        self.run = run
        self.answers: dict[str, tuple[float, asyncio.Future[bool]]] = {}

    async def allows(self, origin: str) -> bool:
        if origin == self.own:
            return True
        if self.check is None or not origin or origin == "null" or len(origin) > LONGEST_ORIGIN:
            return False
        now = time.monotonic()
        kept = self.answers.get(origin)
        if kept is None or kept[0] <= now:
            if len(self.answers) >= KEPT_ANSWERS:
                self.answers = {key: kept for key, kept in self.answers.items() if kept[0] > now}
                if len(self.answers) >= KEPT_ANSWERS:
                    self.answers.clear()
            # One look-up per origin however many streams open at once: they share its future.
            kept = (now + ANSWER_SECONDS, asyncio.ensure_future(self.run(self.check, origin)))
            self.answers[origin] = kept
        try:
            return bool(await asyncio.shield(kept[1]))
        except Exception:
            # The database or cache is briefly away: refuse this stream (the browser tries
            # again), and ask again next time instead of remembering the failure.
            if self.answers.get(origin) is kept:
                del self.answers[origin]
            logger.exception("Cannot tell whether %r may read live streams.", origin[:100])
            return False
