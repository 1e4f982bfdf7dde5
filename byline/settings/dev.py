"""Local development and the demo: debug pages, console email, no HTTPS."""

from __future__ import annotations

from byline.settings.base import *  # noqa: F403
from byline.settings.base import env

DEBUG = env.bool("DEBUG", True)
