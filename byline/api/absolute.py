"""Absolute URLs for what the API answers: a client off the site cannot resolve a path."""

from __future__ import annotations

from django.conf import settings


def absolute(url: str) -> str | None:
    """``url`` made absolute on the site's public address (``BYLINE_BASE_URL``); None for ""."""
    if not url:
        return None
    if url.startswith("/") and not url.startswith("//"):
        return settings.BYLINE_BASE_URL + url
    return url
