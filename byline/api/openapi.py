"""How the schema describes authentication: the three ways in (``byline.api.callers``) as
security schemes, and on each operation the ones it takes. Only the description: callers are
still resolved by ``callers.caller_of`` in each operation, never by django-ninja's ``auth``."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from ninja import NinjaAPI

from byline.api.callers import GUEST_HEADER

BEARER, GUEST, SESSION = "apiToken", "guestKey", "session"
ANYONE: dict[str, list] = {}  # OpenAPI's "no credential needed"
# Which schemes each operation takes, by method and path under /api/v1; the first match wins.
_RULES: list[tuple[str, str, tuple[str, ...], bool]] = [
    # method, path prefix, schemes, whether anyone (no credential) may call it too
    ("DELETE", "/me/token", (BEARER,), False),
    ("*", "/me", (BEARER, SESSION), False),
    ("*", "/moderation", (BEARER, SESSION), False),
    # Editing or deleting needs the comment's author: a key, a token or the session.
    ("PATCH", "/comments", (BEARER, SESSION, GUEST), False),
    ("DELETE", "/comments", (BEARER, SESSION, GUEST), False),
    ("*", "/threads", (BEARER, SESSION, GUEST), True),
    ("*", "/comments", (BEARER, SESSION, GUEST), True),
    ("*", "/passages", (BEARER, SESSION, GUEST), True),
    ("*", "/subscriptions", (BEARER, SESSION, GUEST), True),
    ("*", "", (BEARER, SESSION), True),
]


def schemes() -> dict[str, Any]:
    return {
        BEARER: {
            "type": "http",
            "scheme": "bearer",
            "description": (
                "An API token (Wagtail's, with Byline's scopes): integrations, moderators, and "
                "a reader's token given to the embed, which works only from its site's Origin."
            ),
        },
        GUEST: {
            "type": "apiKey",
            "in": "header",
            "name": GUEST_HEADER,
            "description": (
                "A guest's key, as the API gave it (`guest_key` in a guest's first post's "
                "answer); keys Byline did not give out are refused."
            ),
        },
        SESSION: {
            "type": "apiKey",
            "in": "cookie",
            "name": settings.SESSION_COOKIE_NAME,
            "description": "The site's own session; writes also need the `X-CSRFToken` header.",
        },
    }


def security_of(method: str, path: str) -> list[dict[str, list]]:
    for rule_method, prefix, names, open_to_all in _RULES:
        if rule_method in ("*", method.upper()) and path.startswith(prefix):
            return ([ANYONE] if open_to_all else []) + [{name: []} for name in names]
    return [ANYONE]


def install(api: NinjaAPI) -> None:
    """Describe authentication in ``api``'s schema."""
    plain = api.get_openapi_schema

    def get_openapi_schema(*, path_prefix=None, path_params=None):
        schema = plain(path_prefix=path_prefix, path_params=path_params)
        describe(schema, root=api.get_root_path(path_params or {}))
        return schema

    api.get_openapi_schema = get_openapi_schema  # type: ignore[method-assign]


def describe(schema: dict, *, root: str) -> None:
    schema.setdefault("components", {}).setdefault("securitySchemes", {}).update(schemes())
    for path, operations in schema.get("paths", {}).items():
        relative = "/" + path.removeprefix(root.rstrip("/")).lstrip("/")
        for method, operation in operations.items():
            if isinstance(operation, dict) and "responses" in operation:
                operation["security"] = security_of(method, relative)
