"""A token revokes itself (the embed's Sign out), and nothing else."""

from __future__ import annotations

import pytest
from wagtail.models import APIToken

from byline.accounts.tests.factories import UserFactory
from byline.api.tests.grants import bearer, token_for

pytestmark = pytest.mark.django_db


def test_a_token_revokes_itself_and_is_refused_from_then_on(client):
    reader = UserFactory()
    key = token_for(reader, "account")
    other = token_for(reader, "account")

    response = client.delete("/api/v1/me/token", headers=bearer(key))

    assert response.status_code == 204
    assert client.get("/api/v1/me", headers=bearer(key)).json()["error"]["code"] == "bad_token"
    # The reader's other token is untouched.
    assert client.get("/api/v1/me", headers=bearer(other)).status_code == 200
    assert APIToken.objects.filter(revoked_at__isnull=True).count() == 1


def test_a_call_without_a_token_has_nothing_to_revoke(client):
    client.force_login(UserFactory())

    response = client.delete("/api/v1/me/token")

    assert response.status_code == 401
    assert "Authorization: Bearer" in response.json()["error"]["message"]
    assert APIToken.objects.count() == 0


def test_a_bound_token_revokes_itself_only_from_its_origin(client):
    key = token_for(UserFactory(), "comment", origin="https://blog.example.net")

    elsewhere = client.delete(
        "/api/v1/me/token", headers={**bearer(key), "Origin": "https://evil.example"}
    )
    there = client.delete(
        "/api/v1/me/token", headers={**bearer(key), "Origin": "https://blog.example.net"}
    )

    assert elsewhere.status_code == 401
    assert there.status_code == 204
