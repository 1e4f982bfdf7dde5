"""Social sign-in providers come from the environment: none unless configured, each common
provider by its own variables, any number of OpenID Connect providers as one JSON list, and a
clear message (never a traceback from deep inside allauth) for a configuration that is wrong."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ImproperlyConfigured
from hypothesis import given
from hypothesis import strategies as st

from byline.settings.environment import Environment
from byline.settings.social import social_providers

CAMPUS = {
    "id": "campus",
    "name": "Campus ID",
    "server_url": "https://id.example.edu/realms/main/",
    "client_id": "byline",
    "secret": "s3cret",
}


def providers(**environ: str) -> dict:
    return social_providers(Environment(environ))


def test_with_nothing_configured_there_is_no_provider():
    assert providers() == {}


def test_a_common_provider_is_on_when_its_client_id_is_set():
    configured = providers(
        SOCIAL_GOOGLE_CLIENT_ID="google-id",
        SOCIAL_GOOGLE_SECRET="google-secret",
        SOCIAL_MICROSOFT_CLIENT_ID="ms-id",
        SOCIAL_MICROSOFT_SECRET="ms-secret",
    )
    assert configured == {
        "google": {"APPS": [{"client_id": "google-id", "secret": "google-secret"}]},
        "microsoft": {
            "APPS": [
                {"client_id": "ms-id", "secret": "ms-secret", "settings": {"tenant": "common"}}
            ]
        },
    }


def test_apple_signs_with_a_private_key():
    configured = providers(
        SOCIAL_APPLE_CLIENT_ID="org.example.news",
        SOCIAL_APPLE_KEY_ID="KEY123",
        SOCIAL_APPLE_TEAM_ID="TEAM456",
        SOCIAL_APPLE_PRIVATE_KEY="-----BEGIN PRIVATE KEY-----",
    )
    app = configured["apple"]["APPS"][0]
    assert (app["secret"], app["key"]) == ("KEY123", "TEAM456")
    assert app["settings"] == {"certificate_key": "-----BEGIN PRIVATE KEY-----"}


def test_a_client_id_without_its_secret_names_the_missing_variable():
    with pytest.raises(ImproperlyConfigured, match="SOCIAL_GITHUB_SECRET"):
        providers(SOCIAL_GITHUB_CLIENT_ID="github-id")


def test_openid_connect_providers_come_as_one_json_list():
    other = {**CAMPUS, "id": "library", "name": "Library card"}
    configured = providers(SOCIAL_OIDC_PROVIDERS=json.dumps([CAMPUS, other]))
    apps = configured["openid_connect"]["APPS"]
    assert [app["provider_id"] for app in apps] == ["campus", "library"]
    assert apps[0] == {
        "provider_id": "campus",
        "name": "Campus ID",
        "client_id": "byline",
        "secret": "s3cret",
        "settings": {
            "server_url": "https://id.example.edu/realms/main",
            "oauth_pkce_enabled": True,
        },
    }


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("{not json", "not valid JSON"),
        (json.dumps(CAMPUS), "JSON list"),
        (json.dumps(["campus"]), "JSON object"),
        (json.dumps([{**CAMPUS, "secret": ""}]), "lacks secret"),
        (json.dumps([{"id": "campus"}]), "lacks name, server_url, client_id, secret"),
        (json.dumps([{**CAMPUS, "id": "Campus/../x"}]), "lower-case letters"),
    ],
)
def test_a_wrong_openid_connect_configuration_says_what_is_wrong(value, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        providers(SOCIAL_OIDC_PROVIDERS=value)


KEYS = st.sampled_from(["id", "name", "server_url", "client_id", "secret"]) | st.text(max_size=5)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=6),
    max_leaves=12,
)


@given(st.text(max_size=60) | JSON_VALUES.map(json.dumps))
def test_any_value_of_the_json_variable_is_read_or_refused_clearly(value):
    try:
        configured = providers(SOCIAL_OIDC_PROVIDERS=value)
    except ImproperlyConfigured:
        return
    for app in configured.get("openid_connect", {}).get("APPS", []):
        assert set(app) == {"provider_id", "name", "client_id", "secret", "settings"}
