"""The test suite: fast hashing, tasks run immediately, email kept in memory."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from byline.settings.base import *  # noqa: F403
from byline.settings.base import BASE_DIR, CACHES, REDIS_URL

DEBUG = False
SECRET_KEY = "byline-tests-only"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
# The aliases of production; Django's test set-up makes each keep messages in memory
# (mail.outbox), and byline/mail/tests/test_backend.py puts the outbox back as the default.
MAILERS = {
    "default": {"BACKEND": "byline.mail.backend.OutboxBackend"},
    "outgoing": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"},
}
# Folders of its own per run, so concurrent runs never delete each other's files.
TEST_FILES_ROOT = Path(tempfile.mkdtemp(prefix="byline-test-"))
MEDIA_ROOT = TEST_FILES_ROOT / "media"
STATIC_ROOT = TEST_FILES_ROOT / "static"
MIGRATION_FILES_DIR = TEST_FILES_ROOT / "imports"
PRIVACY_EXPORTS_ROOT = TEST_FILES_ROOT / "exports"
STATIC_ROOT.mkdir()
WHITENOISE_USE_FINDERS = True
TEST_ARTIFACTS_DIR = BASE_DIR / "test-artifacts"
ALLOWED_HOSTS = ["*"]
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
# Journeys fill forms faster than people and tests post the same words again and again: the
# time trap, rate limits (comments and votes) and repeat check are off unless a test turns them on.
DISCUSSION_MIN_FILL_SECONDS = 0
DISCUSSION_RATE_LIMITS = {}
DISCUSSION_VOTE_RATE = ""
DISCUSSION_REPEAT_MINUTES = 0
API_GUEST_POST_RATES: dict = {}
ACCOUNTS_SIGN_IN_RATES = {}
ACCOUNTS_SIGN_UP_RATE = ""
ACCOUNTS_FORM_RATE = ""
# Wagtail keeps its search index and its index of references up to date on every save, as tasks
# that the immediate backend runs inside the save: a tenth of the time of the tests that create
# pages. The test process disconnects them (conftest.py); here the search backend is not updated
# by the processes tests start either. The `wagtail_indexes` fixture turns both on.
WAGTAILSEARCH_BACKENDS = {
    "default": {**WAGTAILSEARCH_BACKENDS["default"], "AUTO_UPDATE": False}  # noqa: F405
}
PRIVACY_REQUEST_RATE = ""
EMBEDDING_NEW_PAGES_RATE = ""
# Pages are rendered afresh unless a test of the page cache turns it on.
PAGE_CACHE_ENABLED = False
# Test processes (pytest-xdist's workers, concurrent runs) may share one Redis database: each
# keeps its keys under a prefix of its own and clears only those.
if REDIS_URL:
    # A copy: the base settings' own CACHES stays as the dev and production settings make it.
    CACHES = {
        "default": {
            **CACHES["default"],
            "BACKEND": "byline.tests.redis_cache.ProcessRedisCache",
            "KEY_PREFIX": f"byline-test-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}-{os.getpid()}",
        }
    }
    # The live servers a test starts in processes of their own are given the test's.
    LIVE_EVENTS_KEY_PREFIX = env.str(  # noqa: F405
        "LIVE_EVENTS_KEY_PREFIX",
        f"byline-test-live-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}-{os.getpid()}",
    )
else:
    # Live servers are threads of the test process, so a local-memory cache is shared by
    # everything a test starts. The embedded default (a table in the database) is tested across
    # real processes in byline/pagecache/tests/test_dbcache.py.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "byline-tests",
        }
    }
# Social sign-in is off, whatever the environment says; tests turn providers on themselves.
SOCIALACCOUNT_PROVIDERS: dict = {}
# Webhook receivers in the tests listen on loopback over plain HTTP.
WEBHOOKS_ALLOW_HTTP = True
WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = True
# The test databases put the migrations' rows back quickly (byline/tests/databases). SQLite's
# is in memory, as Django makes it for its own backend (and pytest-django leaves it unsuffixed).
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["ENGINE"] = "byline.tests.databases.sqlite3"  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}  # noqa: F405
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    DATABASES["default"]["ENGINE"] = "byline.tests.databases.postgresql"  # noqa: F405
