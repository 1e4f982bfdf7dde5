"""The live server's entry point for an ASGI server: ``uvicorn byline.discussion.live.asgi:app``.

Django is set up for its settings and the ORM (the catch-up reads and the embedded store); no
Django request handling runs here. ``manage.py run_live`` starts uvicorn on this module.
"""

from __future__ import annotations

import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "byline.settings.production")
django.setup()

from byline.discussion.live import stores  # noqa: E402 (needs the settings)
from byline.discussion.live.server import LiveServer  # noqa: E402

app = LiveServer(stores.current())
