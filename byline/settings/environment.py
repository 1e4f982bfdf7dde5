"""Read configuration from the environment: the one place settings touch ``os.environ``."""

from __future__ import annotations

import os
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured


class Environment:
    """Typed access to environment variables, with defaults and a list of what is required."""

    def __init__(self, environ: dict[str, str] | None = None) -> None:
        self.environ = os.environ if environ is None else environ

    def str(self, name: str, default: str | None = None) -> str:
        value = self.environ.get(name, "").strip()
        if value:
            return value
        if default is None:
            raise ImproperlyConfigured(f"Set the environment variable {name}.")
        return default

    def bool(self, name: str, default: bool) -> bool:
        value = self.environ.get(name, "").strip().lower()
        if not value:
            return default
        if value in {"1", "true", "yes", "on"}:
            return True
        if value in {"0", "false", "no", "off"}:
            return False
        raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")

    def int(self, name: str, default: int) -> int:
        value = self.environ.get(name, "").strip()
        if not value:
            return default
        try:
            return int(value)
        except ValueError:
            raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None

    def list(self, name: str, default: list[str] | None = None) -> list[str]:
        """Split a comma-separated value; without a default, the variable is required."""
        items = [item.strip() for item in self.environ.get(name, "").split(",") if item.strip()]
        if items:
            return items
        if default is None:
            raise ImproperlyConfigured(f"Set the environment variable {name} (comma-separated).")
        return list(default)


def mailer_from_url(url: str) -> dict[str, object]:
    """Translate ``EMAIL_URL`` into one entry of Django's ``MAILERS`` setting.

    ``console:``, ``smtp://user:password@host:587?tls=true`` (STARTTLS) and
    ``smtps://...:465`` (implicit TLS) are understood; ``locmem:`` keeps messages in memory.
    """
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "console":
        # Prints messages decoded, so that links in them can be copied whole.
        return {"BACKEND": "byline.console_email.EmailBackend"}
    if scheme == "locmem":
        return {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    if scheme not in {"smtp", "smtps"}:
        raise ImproperlyConfigured(
            f"EMAIL_URL must start with console:, smtp:// or smtps://, not {url!r}."
        )
    options = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    return {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": parts.hostname or "localhost",
            "port": parts.port or (465 if scheme == "smtps" else 25),
            "username": unquote(parts.username or ""),
            "password": unquote(parts.password or ""),
            "use_ssl": scheme == "smtps",
            "use_tls": scheme == "smtp" and options.get("tls", "").lower() in {"1", "true", "yes"},
            "timeout": int(options.get("timeout", "10")),
        },
    }
