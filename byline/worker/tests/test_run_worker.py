"""The task worker waits out a database outage and resumes by itself."""

from __future__ import annotations

import contextlib
import os
import queue
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from byline.pagecache.tasks import purge_public_paths_from_proxies
from byline.settings import base as base_settings
from byline.worker.heartbeat import last_seen
from byline.worker.management.commands.run_worker import ResilientWorker, backoff

ROOT = Path(__file__).resolve().parents[3]


def worker(**overrides) -> ResilientWorker:
    options = {
        "queue_names": ["default"], "excluded_queue_names": [], "interval": 0, "batch": False,
        "backend_name": "default", "startup_delay": False, "max_tasks": None,
        "worker_id": "test-worker", "retry_max_seconds": 8,
    }  # fmt: skip
    return ResilientWorker(**{**options, **overrides})


class TestBackoff:
    def test_waits_double_each_time_up_to_the_most(self):
        delays = backoff(first=1, most=8)

        assert [next(delays) for _ in range(6)] == [1, 2, 4, 8, 8, 8]

    @pytest.mark.parametrize("error", [OperationalError, InterfaceError])
    def test_the_loop_starts_again_after_the_database_comes_back(self, monkeypatch, error):
        outcomes = [error("server closed the connection"), error("connection refused"), None]

        def loop(self):
            outcome = outcomes.pop(0)
            if outcome is not None:
                raise outcome

        waited = []
        monkeypatch.setattr(db_worker.Worker, "run", loop)
        monkeypatch.setattr(ResilientWorker, "pause", lambda self, seconds: waited.append(seconds))

        worker().run()

        assert waited == [1, 2]
        assert outcomes == []

    def test_other_errors_still_stop_the_worker(self, monkeypatch):
        def loop(self):
            raise DatabaseError("relation does not exist")

        monkeypatch.setattr(db_worker.Worker, "run", loop)

        with pytest.raises(DatabaseError):
            worker().run()


class TcpProxy:
    """A loopback proxy to the database that can be cut (every connection dropped, new ones
    refused) and restored, as a network outage or a restarting server would."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.up = threading.Event()
        self.up.set()
        self.open: list[socket.socket] = []
        self.lock = threading.Lock()
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if not self.up.is_set():
                client.close()
                continue
            upstream = socket.create_connection(self.target)
            with self.lock:
                self.open += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self.pipe, args=(source, sink), daemon=True).start()

    @staticmethod
    def pipe(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                with contextlib.suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)

    def cut(self) -> None:
        self.up.clear()
        with self.lock:
            for end in self.open:
                with contextlib.suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)
            self.open.clear()

    def restore(self) -> None:
        self.up.set()

    def close(self) -> None:
        self.cut()
        self.listener.close()


def wait_for(condition, *, seconds: float, what: str) -> None:
    """Poll a condition a real process makes true (the worker runs on its own clock)."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.1)


def enqueue() -> str:
    backend = DatabaseBackend("default", {})
    return backend.enqueue(purge_public_paths_from_proxies, (), {}).id


def has_run(task_id: str) -> bool:
    return DBTaskResult.objects.get(id=task_id).status == "SUCCESSFUL"


@pytest.fixture
def worker_through(tmp_path, settings):
    """Start ``manage.py run_worker`` on the test database, reaching it through ``proxy``.

    The worker and this process share a cache, as in production: Redis when the suite runs
    on it, otherwise the embedded default, a table in the (test) database.
    """
    # The worker runs on the dev settings, so this process reads the cache as they configure
    # it (the test settings give each test process a key prefix of its own).
    settings.CACHES = {"default": base_settings.CACHES["default"]}
    if not os.environ.get("REDIS_URL"):
        call_command("createcachetable")
    started = []

    def start(proxy: TcpProxy):
        database = connection.settings_dict
        env = {
            "PATH": os.environ["PATH"],
            "DJANGO_SETTINGS_MODULE": "byline.settings.dev",
            "DEBUG": "false",
            "BYLINE_DATA_DIR": str(tmp_path),
            "DATABASE_URL": (
                f"postgres://{database['USER']}:{database['PASSWORD']}"
                f"@127.0.0.1:{proxy.port}/{database['NAME']}"
            ),
            **({"REDIS_URL": os.environ["REDIS_URL"]} if os.environ.get("REDIS_URL") else {}),
        }
        process = subprocess.Popen(
            [sys.executable, "manage.py", "run_worker", "--no-startup-delay",
             "--interval", "0.1", "--retry-max-seconds", "2"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        lines: queue.Queue[str] = queue.Queue()
        threading.Thread(
            target=lambda: [lines.put(line) for line in process.stderr], daemon=True
        ).start()
        started.append(process)
        return process, lines

    yield start
    for process in started:
        process.terminate()
        process.wait(timeout=20)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="a network outage needs a database server"
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_task_queued_during_an_outage_runs_once_the_database_returns(worker_through):
    database = connection.settings_dict
    proxy = TcpProxy((database["HOST"] or "127.0.0.1", int(database["PORT"] or 5432)))
    try:
        process, log = worker_through(proxy)
        before = enqueue()
        wait_for(lambda: has_run(before), seconds=60, what="the worker to start")
        assert last_seen().state == "ok"

        proxy.cut()
        noticed = []
        wait_for(
            lambda: noticed.append(log.get(timeout=30)) or "Database unreachable" in noticed[-1],
            seconds=30,
            what="the worker to notice the outage",
        )
        during = enqueue()
        assert not has_run(during)
        assert process.poll() is None, "the worker died during the outage"

        proxy.restore()
        wait_for(lambda: has_run(during), seconds=30, what="the queued task to run")
        assert process.poll() is None
    finally:
        proxy.close()
