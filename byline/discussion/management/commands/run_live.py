"""``manage.py run_live``: serve the threads' live events (uvicorn on ``live.asgi``)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = (
        "Serve the discussion's live events (Server-Sent Events at /threads/<id>/events) with "
        "uvicorn. One process holds thousands of open streams; run one or two per core."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bind", default="127.0.0.1:8001", help="host:port to listen on")
        parser.add_argument(
            "--workers", type=int, default=1, help="processes sharing the port (default 1)"
        )
        parser.add_argument(
            "--root-path", default="", help="the prefix a proxy adds (e.g. /live), if it keeps it"
        )

    def handle(self, *args: Any, bind: str, workers: int, root_path: str, **options: Any) -> None:
        import uvicorn

        host, _, port = bind.rpartition(":")
        if not host or not port.isdigit():
            raise CommandError(f"--bind must be host:port, not {bind!r}.")
        if workers < 1:
            raise CommandError("--workers must be 1 or more.")
        self.stdout.write(
            f"Live events on http://{bind}/threads/<id>/events ({workers} process(es))"
        )
        uvicorn.run(
            "byline.discussion.live.asgi:app",
            host=host.strip("[]"),
            port=int(port),
            workers=workers,
            root_path=root_path,
            lifespan="on",
            access_log=False,
            # Streams never end by themselves: on stop, give them a moment, then close them.
            timeout_graceful_shutdown=3,
            backlog=4096,
            log_level="warning",
        )
