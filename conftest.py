"""Fixtures shared by every test package."""

from __future__ import annotations

import shutil

import pytest
from django.conf import settings


@pytest.fixture(autouse=True, scope="session")
def _clean_test_media():
    """Remove the run's file folders afterwards, so generated images never pile up."""
    yield
    shutil.rmtree(settings.TEST_FILES_ROOT, ignore_errors=True)
