"""The test suite: fast hashing, tasks run immediately, email kept in memory."""

from __future__ import annotations

import tempfile

from byline.settings.base import *  # noqa: F403
from byline.settings.base import BASE_DIR

DEBUG = False
SECRET_KEY = "byline-tests-only"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
# A folder of its own per run, so concurrent runs never delete each other's files.
MEDIA_ROOT = tempfile.mkdtemp(prefix="byline-test-media-")
TEST_ARTIFACTS_DIR = BASE_DIR / "test-artifacts"
ALLOWED_HOSTS = ["*"]
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
