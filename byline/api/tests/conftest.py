"""Fixtures of the API's tests: callers of every kind, and a thread to call about."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone
from wagtail.models import APIToken

from byline.accounts.tests.factories import UserFactory
from byline.api.callers import GUEST_HEADER, signed_guest_key
from byline.api.models import Scope, TokenGrant

# Guest keys as Byline hands them out: a random part, signed with the site's secret key.
MAYA_KEY = signed_guest_key("m" * 32)
OMAR_KEY = signed_guest_key("o" * 32)


class ApiClient:
    """Django's test client speaking JSON to /api/v1/, as a given caller (headers)."""

    def __init__(self, client: Client, headers: dict[str, str] | None = None) -> None:
        self.client, self.headers = client, headers or {}

    def as_(self, **headers: str) -> ApiClient:
        return ApiClient(self.client, {**self.headers, **headers})

    def guest(self, key: str) -> ApiClient:
        return self.as_(**{GUEST_HEADER: key})

    def bearer(self, key: str) -> ApiClient:
        return self.as_(Authorization=f"Bearer {key}")

    def call(self, method: str, path: str, data=None, **headers: str):
        send = getattr(self.client, method.lower())
        kwargs = {"headers": {**self.headers, **headers}}
        if data is not None:
            kwargs.update(data=data, content_type="application/json")
        return send(f"/api/v1{path}", **kwargs)

    def get(self, path: str, **params):
        query = "&".join(f"{key}={value}" for key, value in params.items())
        return self.call("GET", f"{path}?{query}" if query else path)

    def post(self, path: str, data, **headers):
        return self.call("POST", path, data, **headers)

    def patch(self, path: str, data, **headers):
        return self.call("PATCH", path, data, **headers)

    def put(self, path: str, data, **headers):
        return self.call("PUT", path, data, **headers)

    def delete(self, path: str, **headers):
        return self.call("DELETE", path, None, **headers)


@pytest.fixture
def api(client) -> ApiClient:
    return ApiClient(client)


@pytest.fixture
def member(db):
    return UserFactory(display_name="Ines Member")


@pytest.fixture
def make_token(db):
    """A plaintext API token for ``user`` with Byline's grant of ``scopes`` (all of a reader's
    unless told), optionally bound to an origin or already expired."""

    def make_token(
        user, scopes=(Scope.COMMENT, Scope.SUBSCRIBE, Scope.ACCOUNT), *, origin="", expired=False
    ) -> str:
        token, plaintext = APIToken.create_token(user=user, name="Test integration")
        expires = timezone.now() - dt.timedelta(minutes=1) if expired else None
        TokenGrant.objects.create(
            token=token, scopes=list(scopes), origin=origin, expires_at=expires
        )
        return plaintext

    return make_token


def error_of(response) -> dict:
    """The one error shape's inner object; fails unless the answer has exactly that shape."""
    body = response.json()
    assert set(body) == {"error"}, body
    assert set(body["error"]) == {"code", "message", "field"}, body
    assert body["error"]["message"], body
    return body["error"]
