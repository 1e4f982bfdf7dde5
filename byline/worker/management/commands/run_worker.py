"""``manage.py run_worker``: django-tasks-db's worker, riding out database outages.

``db_worker`` exits for good on the first ``OperationalError`` (PostgreSQL restarting, the
network to it cut), so notifications and scheduled publishing stop silently. This command runs
the same worker loop (same options), and when the database cannot be reached it waits, longer
each time up to ``--retry-max-seconds``, and starts the loop again; it also records a heartbeat
in the shared cache for /healthz.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterator

from django.db import InterfaceError, OperationalError, connections
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker

from byline.worker.heartbeat import Heartbeat

logger = logging.getLogger("byline.worker")

DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)


def backoff(*, first: float = 1.0, most: float = 60.0) -> Iterator[float]:
    """Seconds to wait before each retry: 1, 2, 4, ... up to ``most``."""
    delay = first
    while True:
        yield min(delay, most)
        delay *= 2


class ResilientWorker(db_worker.Worker):
    def __init__(self, *, retry_max_seconds: float, **options) -> None:
        super().__init__(**options)
        self.retry_max_seconds = retry_max_seconds

    def run(self) -> None:
        delays = backoff(most=self.retry_max_seconds)
        while self.running:
            started = time.monotonic()
            try:
                super().run()
                return
            except DATABASE_UNAVAILABLE as error:
                if time.monotonic() - started > self.retry_max_seconds:
                    # It had been working since the last failure: a new outage starts small.
                    delays = backoff(most=self.retry_max_seconds)
                delay = next(delays)
                logger.warning(
                    "Database unreachable (%s); worker %s retries in %.0f s.",
                    str(error).strip(),
                    self.worker_id,
                    delay,
                )
                self.pause(delay)

    def pause(self, seconds: float) -> None:
        # Broken connections are dropped, so the next attempt connects afresh. A SIGTERM
        # during the sleep stops the worker at once (the worker's own signal handler).
        connections.close_all()
        time.sleep(seconds)


class Command(db_worker.Command):
    help = "Run the task worker; it waits out database outages and records a heartbeat."

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--retry-max-seconds",
            type=db_worker.valid_interval,
            default=60.0,
            help="Longest wait between attempts to reach the database (default: %(default)r)",
        )

    def handle(self, *, verbosity, queue_name, exclude_queues, reload, **options) -> None:
        self.configure_logging(verbosity)
        worker = ResilientWorker(
            queue_names=queue_name.split(","),
            excluded_queue_names=exclude_queues.split(",") if exclude_queues else [],
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
            retry_max_seconds=options["retry_max_seconds"],
        )
        if reload and not options["batch"]:
            # As db_worker does: the reloader's child runs the loop in a thread, so its signal
            # handlers are set here, in the main thread.
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            run_with_reloader(lambda: self.supervise(worker))
        else:
            worker.configure_signals()
            self.supervise(worker)

    def supervise(self, worker: ResilientWorker) -> None:
        heartbeat = Heartbeat(worker_id=worker.worker_id)
        heartbeat.start()
        try:
            worker.run()
        finally:
            heartbeat.stop()
