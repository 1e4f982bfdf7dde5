"""Production: secrets required, HTTPS everywhere, compressed static files, JSON logs.

Refuses to start without SECRET_KEY, ALLOWED_HOSTS and EMAIL_URL; see the README for every
variable.
"""

from __future__ import annotations

from byline.settings.base import *  # noqa: F403
from byline.settings.base import LOGGING, env
from byline.settings.environment import mailer_from_url

DEBUG = False
SECRET_KEY = env.str("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")

# TLS is terminated by the reverse proxy, which says so with X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", False)
# Joining the browsers' preload list is a commitment each publisher makes for its whole domain;
# Byline supports it (SECURE_HSTS_PRELOAD=true) but does not make it silently.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
# Django's check looks for CsrfViewMiddleware by name; byline.csrf.FetchMetadataCsrfMiddleware
# is a subclass of it that also accepts same-origin posts from cached pages.
SILENCED_SYSTEM_CHECKS.append("security.W003")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"

# Email leaves through a real server in production: the console would lose it.
MAILERS = {
    "default": {"BACKEND": "byline.mail.backend.OutboxBackend"},
    "outgoing": mailer_from_url(env.str("EMAIL_URL")),
}

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

LOGGING["handlers"]["console"]["formatter"] = env.str("LOG_FORMAT", "json")

# Several web processes and a worker: refuse a cache that each process would keep to itself.
BYLINE_REQUIRE_SHARED_CACHE = True
