"""Local development and the demo: debug pages, console email, no HTTPS."""

from __future__ import annotations

from byline.settings.base import *  # noqa: F403
from byline.settings.base import env

DEBUG = env.bool("DEBUG", True)

# The demo runs on these settings: a mistyped address shows the site's own 404 page, as in
# production, rather than Django's technical one (see byline/theme/not_found.py). Innermost, so
# Wagtail's redirects and APPEND_SLASH still see the 404 and answer it first.
MIDDLEWARE = [*MIDDLEWARE, "byline.theme.not_found.SiteNotFoundPageMiddleware"]  # noqa: F405

# Emails and feeds link to the address the demo runs on (bin/demo's BYLINE_DEMO_ADDRESS),
# unless BYLINE_BASE_URL says otherwise.
BYLINE_BASE_URL = env.str(
    "BYLINE_BASE_URL", "http://" + env.str("BYLINE_DEMO_ADDRESS", "127.0.0.1:8000")
).rstrip("/")
WAGTAILADMIN_BASE_URL = BYLINE_BASE_URL
