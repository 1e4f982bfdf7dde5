"""Fixtures of the embedding's tests: an allowed site and a page of it."""

from __future__ import annotations

import pytest

from byline.discussion.tests.conftest import deliver  # noqa: F401 (a fixture used here too)
from byline.embedding.external import page_for_url
from byline.embedding.models import AllowedOrigin

BLOG = "https://blog.example.org"


@pytest.fixture
def allowed(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return AllowedOrigin.objects.create(origin=BLOG, note="The example blog")


@pytest.fixture
def external(allowed):
    """An external page, as the embed's first call makes it."""
    return page_for_url(f"{BLOG}/2026/12/a-post/", "A post on the blog")
