"""Helpers for tests that check what the page cache serves."""

from __future__ import annotations

from django.test import Client


def warm(client: Client, paths: list[str]) -> None:
    """Request each path once, so the cache holds it; each must be a page the cache keeps."""
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        assert "X-Page-Cache" in response, path


def cached(client: Client, paths: list[str]) -> set[str]:
    """Of ``paths``, those the cache answers (each request re-stores a path that missed)."""
    return {path for path in paths if client.get(path).get("X-Page-Cache") == "hit"}
