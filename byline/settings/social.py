"""Social sign-in providers (django-allauth's SOCIALACCOUNT_PROVIDERS) from the environment.

A provider is on when its client id is set; with none set, social sign-in is off: no buttons
and the social addresses answer 404 (byline.accounts.social). Any number of OpenID Connect
providers come as one JSON list, since a site may trust several (its own Keycloak, a
university's, ...); the common providers each have their own variables.
"""

from __future__ import annotations

import json
import re
from typing import Any

from django.core.exceptions import ImproperlyConfigured

from byline.settings.environment import Environment

# The providers Byline knows by name: variable prefix -> allauth provider id.
COMMON_PROVIDERS = {
    "SOCIAL_GOOGLE": "google",
    "SOCIAL_GITHUB": "github",
    "SOCIAL_MICROSOFT": "microsoft",
    "SOCIAL_APPLE": "apple",
}
OIDC_VARIABLE = "SOCIAL_OIDC_PROVIDERS"
OIDC_REQUIRED = ("id", "name", "server_url", "client_id", "secret")
# The id is a part of the provider's addresses (/accounts/oidc/<id>/login/).
OIDC_ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,39}")


def social_providers(env: Environment) -> dict[str, dict[str, Any]]:
    """SOCIALACCOUNT_PROVIDERS for every provider the environment configures, and no other."""
    providers: dict[str, dict[str, Any]] = {}
    for prefix, provider in COMMON_PROVIDERS.items():
        if app := _common_app(env, prefix, provider):
            providers[provider] = {"APPS": [app]}
    if oidc_apps := _oidc_apps(env.str(OIDC_VARIABLE, "")):
        providers["openid_connect"] = {"APPS": oidc_apps}
    return providers


def _common_app(env: Environment, prefix: str, provider: str) -> dict[str, Any] | None:
    client_id = env.str(f"{prefix}_CLIENT_ID", "")
    if not client_id:
        return None
    if provider == "apple":
        # Apple signs with a private key: the "secret" is the key's id, the "key" the team's.
        return {
            "client_id": client_id,
            "secret": env.str(f"{prefix}_KEY_ID"),
            "key": env.str(f"{prefix}_TEAM_ID"),
            "settings": {"certificate_key": env.str(f"{prefix}_PRIVATE_KEY")},
        }
    app: dict[str, Any] = {"client_id": client_id, "secret": env.str(f"{prefix}_SECRET")}
    if provider == "microsoft":
        app["settings"] = {"tenant": env.str(f"{prefix}_TENANT", "common")}
    return app


def _oidc_apps(value: str) -> list[dict[str, Any]]:
    if not value:
        return []
    try:
        entries = json.loads(value)
    except json.JSONDecodeError as error:
        raise ImproperlyConfigured(f"{OIDC_VARIABLE} is not valid JSON: {error}.") from None
    if not isinstance(entries, list):
        raise ImproperlyConfigured(f"{OIDC_VARIABLE} must be a JSON list of providers.")
    return [_oidc_app(entry) for entry in entries]


def _oidc_app(entry: object) -> dict[str, Any]:
    if not isinstance(entry, dict):
        raise ImproperlyConfigured(f"Each provider in {OIDC_VARIABLE} must be a JSON object.")
    missing = [key for key in OIDC_REQUIRED if not str(entry.get(key) or "").strip()]
    if missing:
        raise ImproperlyConfigured(
            f"A provider in {OIDC_VARIABLE} lacks {', '.join(missing)}"
            f" (each needs {', '.join(OIDC_REQUIRED)})."
        )
    if not OIDC_ID.fullmatch(str(entry["id"])):
        raise ImproperlyConfigured(
            f"The id {entry['id']!r} in {OIDC_VARIABLE} must be lower-case letters, digits,"
            " '-' or '_' (at most 40)."
        )
    return {
        "provider_id": str(entry["id"]),
        "name": str(entry["name"]),
        "client_id": str(entry["client_id"]),
        "secret": str(entry["secret"]),
        # PKCE, as OAuth's current advice (RFC 9700) asks; providers that require it refuse
        # sign-ins without.
        "settings": {
            "server_url": str(entry["server_url"]).rstrip("/"),
            "oauth_pkce_enabled": True,
        },
    }
