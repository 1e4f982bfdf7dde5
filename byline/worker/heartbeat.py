"""The task worker's heartbeat, kept in the shared cache, so /healthz can tell a worker is gone.

Every running worker writes the time every ``BEAT_SECONDS``; readers see the most recent beat
of any worker. A worker is "late" once no beat came for ``LATE_AFTER_SECONDS``: it is gone,
stuck, or cannot reach the cache.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connections

logger = logging.getLogger("byline.worker")

HEARTBEAT_KEY = "worker:heartbeat"
BEAT_SECONDS = 15
LATE_AFTER_SECONDS = 120


def beat(*, worker_id: str, now: float | None = None) -> None:
    """Record that a worker is alive now."""
    at = time.time() if now is None else now
    cache.set(HEARTBEAT_KEY, {"at": at, "worker": worker_id}, timeout=None)


@dataclass(frozen=True)
class Sighting:
    state: str  # "ok", "late" or "never seen"
    seconds_ago: float | None


def last_seen(*, now: float | None = None) -> Sighting:
    """How long ago a worker last beat; raises whatever the cache raises when unreachable."""
    recorded = cache.get(HEARTBEAT_KEY)
    if not recorded:
        return Sighting("never seen", None)
    age = max((time.time() if now is None else now) - recorded["at"], 0.0)
    return Sighting("ok" if age <= LATE_AFTER_SECONDS else "late", round(age, 1))


class Heartbeat(threading.Thread):
    """Beats from a thread of its own, so a long task does not make the worker look gone."""

    def __init__(self, *, worker_id: str, interval: float = BEAT_SECONDS) -> None:
        super().__init__(name="worker-heartbeat", daemon=True)
        self.worker_id = worker_id
        self.interval = interval
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.is_set():
            try:
                beat(worker_id=self.worker_id)
            except Exception as error:
                logger.warning("worker heartbeat not recorded: %s", error)
            finally:
                # The database cache opened a connection in this thread: give it back.
                connections.close_all()
            self.stopped.wait(self.interval)

    def stop(self) -> None:
        self.stopped.set()
