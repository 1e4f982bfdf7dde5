"""The embedded default cache is one cache for every process, as the worker and the web need."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[3]
pytestmark = pytest.mark.django_db

# A long-lived web process on the embedded defaults: it serves /story/ twice through the page
# cache, changes the story, waits until told that another process purged, and serves it again.
WEB_PROCESS = textwrap.dedent(
    """
    import sys
    import django

    django.setup()
    from django.core.management import call_command
    from django.http import HttpResponse
    from django.test import RequestFactory

    from byline.pagecache.middleware import PageCacheMiddleware

    call_command("createcachetable")
    headline = ["Rumoured"]
    web = PageCacheMiddleware(lambda request: HttpResponse(headline[0]))

    def read():
        response = web(RequestFactory(HTTP_HOST="127.0.0.1").get("/story/"))
        print(response["X-Page-Cache"], response.content.decode(), flush=True)

    read()
    read()
    headline[0] = "Confirmed"
    print("ready", flush=True)
    sys.stdin.readline()
    read()
    """
)
# What the task worker runs after a scheduled publish, from a process of its own.
PURGE = "from byline.pagecache.purge import purge_now; purge_now(['/story/'])"
COUNT = textwrap.dedent(
    """
    import django

    django.setup()
    from django.core.cache import cache

    for _ in range(150):
        cache.incr("hits")
    """
)


def embedded_defaults(data_dir: Path) -> dict[str, str]:
    """The environment of a fresh demo: no DATABASE_URL, no REDIS_URL."""
    return {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "byline.settings.dev",
        "BYLINE_DATA_DIR": str(data_dir),
    }


def python(code: str, env: dict[str, str], **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, env=env, text=True, **kwargs)


def manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_purge_made_by_another_process_reaches_the_web_process_page_cache(tmp_path):
    env = embedded_defaults(tmp_path)
    web = python(WEB_PROCESS, env, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        served = [web.stdout.readline().strip() for _ in range(3)]
        assert served == ["miss Rumoured", "hit Rumoured", "ready"]

        purged = manage(env, "shell", "-c", PURGE)
        assert purged.returncode == 0, purged.stderr
        out, _ = web.communicate("purged\n", timeout=60)
    finally:
        web.kill()

    assert out.strip() == "miss Confirmed"


def count_from_three_processes(env: dict[str, str]) -> str:
    """Three processes add 150 each to one number in the cache; what the cache holds after."""
    created = manage(env, "createcachetable")
    assert created.returncode == 0, created.stderr
    setup = manage(env, "shell", "-c", "from django.core.cache import cache; cache.set('hits', 0)")
    assert setup.returncode == 0, setup.stderr

    counters = [python(COUNT, env, stderr=subprocess.PIPE) for _ in range(3)]
    for counter in counters:
        _, errors = counter.communicate(timeout=120)
        assert counter.returncode == 0, errors

    read = "from django.core.cache import cache; print(cache.get('hits'))"
    return manage(env, "shell", "-v", "0", "-c", read).stdout.strip()


def test_increments_from_concurrent_processes_are_all_counted(tmp_path):
    assert count_from_three_processes(embedded_defaults(tmp_path)) == "450"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the same on PostgreSQL")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_increments_from_concurrent_processes_are_all_counted_on_postgresql(tmp_path):
    database = connection.settings_dict
    env = embedded_defaults(tmp_path)
    env["DATABASE_URL"] = (
        f"postgres://{database['USER']}:{database['PASSWORD']}"
        f"@{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}/{database['NAME']}"
    )

    assert count_from_three_processes(env) == "450"


def test_migrate_creates_the_cache_table(settings):
    from django.core.cache import cache
    from django.core.management.sql import emit_post_migrate_signal

    settings.CACHES = {
        "default": {"BACKEND": "byline.pagecache.dbcache.SharedDatabaseCache", "LOCATION": "t"}
    }
    assert "t" not in connection.introspection.table_names()

    # What `migrate` sends when it is done, whether or not it had migrations to apply.
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")

    cache.set("present", "yes")
    assert cache.get("present") == "yes"
