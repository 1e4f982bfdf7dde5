"""Settings come from the environment, with embedded defaults and strict production rules."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from byline.settings.environment import Environment, mailer_from_url

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_SECRETS = {
    "SECRET_KEY": "a-real-secret-key-with-plenty-of-entropy-0123456789-abcdefghijklmnop",
    "ALLOWED_HOSTS": "news.example.org",
    "EMAIL_URL": "smtp://mail.example.org:587?tls=true",
}


def run_django(settings_module: str, code: str, **environ: str) -> subprocess.CompletedProcess:
    """Run Python with only the given environment, as a fresh server process would start."""
    env = {"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": settings_module, **environ}
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def settings_seen_by(settings_module: str, names: list[str], **environ: str) -> dict:
    code = (
        "from django.conf import settings; import json; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {names!r}}}, default=str))"
    )
    result = run_django(settings_module, code, **environ)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


class TestEnvironment:
    def test_required_values_explain_what_to_set(self):
        with pytest.raises(ImproperlyConfigured, match="SECRET_KEY"):
            Environment({}).str("SECRET_KEY")

    @pytest.mark.parametrize(
        ("raw", "expected"), [("1", True), ("yes", True), ("off", False), ("", True)]
    )
    def test_booleans(self, raw, expected):
        assert Environment({"DEBUG": raw}).bool("DEBUG", default=True) is expected

    def test_malformed_values_are_refused_with_their_name(self):
        with pytest.raises(ImproperlyConfigured, match="DEBUG"):
            Environment({"DEBUG": "maybe"}).bool("DEBUG", default=False)
        with pytest.raises(ImproperlyConfigured, match="WORKERS"):
            Environment({"WORKERS": "four"}).int("WORKERS", default=2)

    def test_lists_are_comma_separated_and_trimmed(self):
        assert Environment({"HOSTS": " a.org, b.org ,,"}).list("HOSTS") == ["a.org", "b.org"]
        assert Environment({}).list("HOSTS", []) == []
        with pytest.raises(ImproperlyConfigured, match="HOSTS"):
            Environment({}).list("HOSTS")


class TestEmailUrl:
    def test_console_is_the_embedded_default(self):
        assert mailer_from_url("console:")["BACKEND"] == "byline.console_email.EmailBackend"

    def test_smtp_with_starttls_and_credentials(self):
        mailer = mailer_from_url("smtp://news%40example.org:p%40ss@mail.example.org:587?tls=true")

        assert mailer["BACKEND"].endswith("smtp.EmailBackend")
        assert mailer["OPTIONS"] == {
            "host": "mail.example.org",
            "port": 587,
            "username": "news@example.org",
            "password": "p@ss",
            "use_ssl": False,
            "use_tls": True,
            "timeout": 10,
        }

    def test_smtps_uses_implicit_tls_on_465(self):
        options = mailer_from_url("smtps://mail.example.org")["OPTIONS"]
        assert (options["port"], options["use_ssl"], options["use_tls"]) == (465, True, False)

    def test_unknown_schemes_are_refused(self):
        with pytest.raises(ImproperlyConfigured, match="EMAIL_URL"):
            mailer_from_url("sendgrid://key")


class TestEmbeddedDefaults:
    def test_without_environment_byline_uses_sqlite_a_shared_cache_and_the_database_queue(
        self, tmp_path
    ):
        seen = settings_seen_by(
            "byline.settings.dev",
            ["DATABASES", "CACHES", "TASKS", "MAILERS"],
            BYLINE_DATA_DIR=str(tmp_path),
        )

        assert seen["DATABASES"]["default"]["ENGINE"] == "django.db.backends.sqlite3"
        assert seen["DATABASES"]["default"]["NAME"] == str(tmp_path / "byline.sqlite3")
        # A cache every process shares: a table in that same database.
        assert (
            seen["CACHES"]["default"]["BACKEND"] == "byline.pagecache.dbcache.SharedDatabaseCache"
        )
        assert seen["TASKS"]["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
        # Django's mail API posts to the outbox; the worker sends through the console.
        assert seen["MAILERS"]["default"]["BACKEND"] == "byline.mail.backend.OutboxBackend"
        assert seen["MAILERS"]["outgoing"]["BACKEND"] == "byline.console_email.EmailBackend"

    def test_sqlite_runs_in_wal_mode(self, tmp_path):
        code = (
            "from django.db import connection; c = connection.cursor(); "
            "print(c.execute('PRAGMA journal_mode').fetchone()[0])"
        )
        result = run_django("byline.settings.dev", code, BYLINE_DATA_DIR=str(tmp_path))

        assert result.stdout.strip() == "wal", result.stderr

    def test_services_are_chosen_by_their_urls(self):
        seen = settings_seen_by(
            "byline.settings.dev",
            ["DATABASES", "CACHES", "INSTALLED_APPS"],
            DATABASE_URL="postgres://byline:secret@db.internal:5432/byline",
            REDIS_URL="redis://cache.internal:6379/1",
        )

        assert seen["DATABASES"]["default"]["ENGINE"] == "django.db.backends.postgresql"
        assert seen["DATABASES"]["default"]["CONN_MAX_AGE"] == 600
        assert "django.contrib.postgres" in seen["INSTALLED_APPS"]
        assert seen["CACHES"]["default"]["LOCATION"] == "redis://cache.internal:6379/1"


class TestProduction:
    def test_refuses_to_start_without_a_secret_key(self):
        result = run_django("byline.settings.production", "pass", ALLOWED_HOSTS="news.example.org")

        assert result.returncode != 0
        assert "Set the environment variable SECRET_KEY" in result.stderr

    def test_refuses_to_start_without_a_mail_server(self):
        secrets = {k: v for k, v in PRODUCTION_SECRETS.items() if k != "EMAIL_URL"}
        result = run_django("byline.settings.production", "pass", **secrets)

        assert result.returncode != 0
        assert "EMAIL_URL" in result.stderr

    def test_refuses_to_start_without_allowed_hosts(self):
        result = run_django(
            "byline.settings.production", "pass", SECRET_KEY=PRODUCTION_SECRETS["SECRET_KEY"]
        )

        assert result.returncode != 0
        assert "ALLOWED_HOSTS" in result.stderr

    def test_deployment_checks_are_clean(self, tmp_path):
        env = {"PATH": os.environ["PATH"], "BYLINE_DATA_DIR": str(tmp_path), **PRODUCTION_SECRETS}
        env["DJANGO_SETTINGS_MODULE"] = "byline.settings.production"

        result = subprocess.run(
            [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )

        assert result.returncode == 0, result.stdout + result.stderr
        assert "no issues" in result.stdout

    def test_refuses_to_start_with_a_cache_each_process_keeps_to_itself(self, tmp_path):
        (tmp_path / "newsroom_settings.py").write_text(
            "from byline.settings.production import *\n"
            "CACHES = {'default': {'BACKEND': 'django.core.cache.backends.locmem.LocMemCache'}}\n"
        )
        result = run_django(
            "newsroom_settings", "pass", PYTHONPATH=str(tmp_path), **PRODUCTION_SECRETS
        )

        assert result.returncode != 0
        assert "LocMemCache, which every process keeps for itself" in result.stderr
        assert "REDIS_URL" in result.stderr

    def test_starts_on_the_embedded_shared_cache(self, tmp_path):
        seen = settings_seen_by(
            "byline.settings.production",
            ["CACHES"],
            BYLINE_DATA_DIR=str(tmp_path),
            **PRODUCTION_SECRETS,
        )

        assert seen["CACHES"]["default"]["BACKEND"].endswith("SharedDatabaseCache")

    def test_logs_are_json_by_default(self):
        seen = settings_seen_by(
            "byline.settings.production", ["LOGGING", "DEBUG"], **PRODUCTION_SECRETS
        )

        assert seen["DEBUG"] is False
        assert seen["LOGGING"]["handlers"]["console"]["formatter"] == "json"
