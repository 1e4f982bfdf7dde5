"""Benchmark: one comment fanned out to the subscribers of an article, delivered by the task
worker (``manage.py run_worker``) to an SMTP sink on loopback.

    python -m bench.notifications [--subscribers 10000] [--database-url URL]

Prints the time to post the comment (with its outbox row and the worker's task), the time the
worker took to deliver every email, and emails per second; checks every subscriber received
exactly one; writes JSON to bench/results/notifications.json. It asserts no speed.

SQLite (the default) uses a fresh file under var/bench/. A PostgreSQL URL must name a database
that may be migrated and whose notification tables may be emptied.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "var" / "bench"
RESULTS = ROOT / "bench" / "results" / "notifications.json"


def environment(database_url: str, smtp_port: int) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "byline.settings.dev",
        "DEBUG": "false",
        "SECRET_KEY": "benchmark-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "DATABASE_URL": database_url,
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
        "BYLINE_DATA_DIR": str(DATA_DIR),
        "LOG_LEVEL": "WARNING",
    }


def prepare(subscribers: int):
    """Migrate, empty the notification tables, and give one article ``subscribers`` followers."""
    from django.core.management import call_command
    from django.utils import timezone

    from byline.discussion.models import (
        Comment,
        Delivery,
        NotificationEvent,
        Subscriber,
        Subscription,
        Thread,
    )
    from byline.newsroom.tests.factories import ArticlePageFactory

    call_command("migrate", verbosity=0)
    for model in (Delivery, NotificationEvent, Subscription, Subscriber, Comment):
        model.objects.all().delete()
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.all().delete()
    from byline.newsroom.models import ArticlePage

    title = "Benchmark: the reunion tour"
    article = ArticlePage.objects.filter(title=title).first() or ArticlePageFactory(title=title)
    thread = Thread.objects.for_page(article)
    now = timezone.now()
    rows = Subscriber.objects.bulk_create(
        [
            Subscriber(address=f"reader{n:05}@example.org", confirmed_at=now)
            for n in range(subscribers)
        ],
        batch_size=1000,
    )
    Subscription.objects.bulk_create(
        [Subscription(subscriber=s, kind="article", thread=thread, confirmed_at=now) for s in rows],
        batch_size=1000,
    )
    return article


def post_comment(article) -> float:
    """Post one comment as a reader would; return the seconds it took, commit included."""
    from byline.discussion.identity import Reader
    from byline.discussion.threads import services
    from byline.discussion.threads.services import Guest

    started = time.perf_counter()
    services.post_comment(
        page=article,
        body="A source tells another outlet the tour is **confirmed**.",
        reader=Reader(guest_token="bench-author"),
        guest=Guest(name="Bench Author", email="author@example.org"),
    )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--timeout", type=float, default=600)
    parser.add_argument(
        "--workers", type=int, default=1, help="run_worker processes sharing the fan-out"
    )
    args = parser.parse_args()

    DATA_DIR.mkdir(parents=True, exist_ok=True)
    database_url = args.database_url or f"sqlite:///{DATA_DIR / 'notifications.sqlite3'}"
    if not args.database_url:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{DATA_DIR / 'notifications.sqlite3'}{suffix}").unlink(missing_ok=True)

    from byline.discussion.tests.smtp_sink import smtp_sink

    with smtp_sink() as sink:
        env = environment(database_url, sink.port)
        os.environ.update(env)
        import django

        django.setup()
        print(f"Preparing {args.subscribers:,} subscribers on {database_url.split(':')[0]} ...")
        article = prepare(args.subscribers)
        enqueue_seconds = post_comment(article)

        workers = [
            subprocess.Popen(
                [
                    sys.executable,
                    "manage.py",
                    "run_worker",
                    "--no-startup-delay",
                    "--no-reload",
                    "--interval",
                    "0.1",
                ],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
            )
            for _ in range(args.workers)
        ]
        started = time.perf_counter()
        first_at = None
        try:
            while sink.count < args.subscribers:
                if first_at is None and sink.count:
                    first_at = time.perf_counter()
                if time.perf_counter() - started > args.timeout:
                    raise SystemExit(f"Timed out with {sink.count} of {args.subscribers} emails")
                time.sleep(0.005)
            finished = time.perf_counter()
        finally:
            for worker in workers:
                worker.terminate()
            for worker in workers:
                worker.wait(30)
        time.sleep(0.5)

        from byline.discussion.models import Delivery

        mailbox = sink.mailbox()
        exactly_once = len(mailbox) == args.subscribers and set(mailbox.values()) == {1}
        sent_rows = Delivery.objects.filter(status="sent").count()

    deliver_seconds = finished - started
    wire_seconds = finished - (first_at or started)
    result = {
        "subscribers": args.subscribers,
        "workers": args.workers,
        "database": database_url.split(":")[0],
        "enqueue_ms": round(enqueue_seconds * 1000, 2),
        "deliver_seconds": round(deliver_seconds, 2),
        "emails_per_second": round(args.subscribers / deliver_seconds, 1),
        "first_to_last_email_seconds": round(wire_seconds, 2),
        "emails_per_second_first_to_last": round(args.subscribers / wire_seconds, 1),
        "smtp_transactions": len(sink.accepted),
        "exactly_once": exactly_once,
        "rows_marked_sent": sent_rows,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
    }
    print(f"  {args.workers} worker process(es), {args.subscribers:,} subscribers")
    print(f"  post one comment (outbox + task enqueued): {result['enqueue_ms']} ms")
    print(f"  worker start to last email:               {result['deliver_seconds']} s")
    print(f"  emails per second (incl. worker start):   {result['emails_per_second']}")
    print(
        f"  emails per second (first to last email):  {result['emails_per_second_first_to_last']}"
    )
    print(
        f"  each subscriber exactly once:             {exactly_once} ({len(sink.accepted)} SMTP transactions, {sent_rows} rows sent)"
    )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    previous = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    runs = previous.get("runs", []) if isinstance(previous, dict) else []
    RESULTS.write_text(
        json.dumps({"latest": result, "runs": [*runs, result][-20:]}, indent=2) + "\n"
    )
    print(f"Written to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
