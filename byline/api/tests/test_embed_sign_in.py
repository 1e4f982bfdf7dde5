"""The embed's sign-in pop-up: only for allowed origins, through the site's sign-in, and a token
bound to that origin handed over only after the reader confirms."""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client, RequestFactory
from wagtail.models import APIToken

from byline.accounts.tests.factories import UserFactory
from byline.api.callers import READER_SCOPES, caller_of
from byline.api.errors import ApiError
from byline.api.models import TokenGrant
from byline.embedding.models import AllowedOrigin

pytestmark = pytest.mark.django_db
ORIGIN = "https://blog.example.net"
URL = "/embed/sign-in/"


@pytest.fixture
def allowed(django_capture_on_commit_callbacks):
    # The list of allowed origins is cached, and forgotten when a change commits.
    with django_capture_on_commit_callbacks(execute=True):
        return AllowedOrigin.objects.create(origin=ORIGIN)


@pytest.mark.parametrize(
    "origin",
    [
        "",
        "https://elsewhere.example.com",
        "javascript:alert(1)",
        f"{ORIGIN}/path",
        f"{ORIGIN}?x=1",
        "https://user@blog.example.net",
        "https://blog.example.net:8443",
    ],
)
def test_an_origin_editors_did_not_allow_is_refused_with_a_message(client, allowed, origin):
    client.force_login(UserFactory())

    response = client.get(URL, {"origin": origin})

    assert response.status_code == 400
    assert "not on a site the editors allowed" in response.text
    assert not APIToken.objects.exists()


def test_a_disabled_origin_is_refused(client, allowed, django_capture_on_commit_callbacks):
    allowed.enabled = False
    with django_capture_on_commit_callbacks(execute=True):
        allowed.save()
    client.force_login(UserFactory())

    assert client.get(URL, {"origin": ORIGIN}).status_code == 400


def test_a_reader_not_signed_in_goes_through_the_sign_in_and_back(client, allowed):
    response = client.get(URL, {"origin": ORIGIN})

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
    assert response["Location"].endswith(
        "next=/embed/sign-in/%3Forigin%3Dhttps%253A%252F%252Fblog.example.net"
    )
    # The sign-in pages keep the pop-up's opener while the reader signs in.
    login = client.get(response["Location"])
    assert login["Cross-Origin-Opener-Policy"] == "unsafe-none"


def test_the_sign_in_pages_isolate_their_window_otherwise(client):
    assert client.get("/accounts/login/")["Cross-Origin-Opener-Policy"] == "same-origin"


def test_a_signed_in_reader_is_asked_before_any_token_exists(client, allowed):
    client.force_login(UserFactory(display_name="Ada Reader"))

    response = client.get(URL, {"origin": ORIGIN})

    assert response.status_code == 200
    assert f"Comment on {ORIGIN} as Ada Reader?" in response.text
    assert 'method="post"' in response.text
    assert response["Cross-Origin-Opener-Policy"] == "unsafe-none"
    assert "no-cache" in response["Cache-Control"]
    assert not APIToken.objects.exists()


def test_confirming_issues_a_token_bound_to_the_origin_and_hands_it_over(client, allowed):
    reader = UserFactory()
    client.force_login(reader)

    response = client.post(f"{URL}?origin={ORIGIN}")

    assert response.status_code == 200
    key = json.loads(re.search(r'id="byline-embed-token"[^>]*>(.*?)</script>', response.text)[1])
    origin = json.loads(
        re.search(r'id="byline-embed-origin"[^>]*>(.*?)</script>', response.text)[1]
    )
    assert origin == ORIGIN
    token = APIToken.objects.get(key_hash__in=APIToken.candidate_key_hashes(key))
    grant = TokenGrant.objects.get(token=token)
    assert token.user == reader
    assert set(grant.scopes) == set(READER_SCOPES)
    assert grant.origin == ORIGIN
    assert not grant.expired
    # The page runs no inline script: its token is data, its code a static file.
    assert re.search(r"<script(?![^>]*(src=|application/json))", response.text) is None
    assert "no-store" in response["Cache-Control"]


def test_confirming_needs_the_csrf_token(allowed):
    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory())

    response = client.post(f"{URL}?origin={ORIGIN}")

    assert response.status_code == 403
    assert not APIToken.objects.exists()


def test_the_token_works_from_its_origin_only(client, allowed):
    client.force_login(UserFactory())
    response = client.post(f"{URL}?origin={ORIGIN}")
    key = json.loads(re.search(r'id="byline-embed-token"[^>]*>(.*?)</script>', response.text)[1])
    client.logout()

    here = RequestFactory().get(
        "/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {key}", HTTP_ORIGIN=ORIGIN
    )
    assert caller_of(here).scopes == READER_SCOPES
    elsewhere = RequestFactory().get(
        "/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {key}", HTTP_ORIGIN="https://evil.example"
    )
    with pytest.raises(ApiError):
        caller_of(elsewhere)


class TestTheOpenerIsKeptOnlyWhereNeeded:
    """The sign-in pages keep the pop-up's opener while a reader signs in through it; no other
    account page does, and nothing does once the reader is signed in."""

    @pytest.fixture
    def signing_in(self, client, allowed):
        client.get(URL, {"origin": ORIGIN})
        return client

    @pytest.mark.parametrize(
        "page", ["account_login", "account_signup", "account_request_login_code"]
    )
    def test_the_sign_in_pages_keep_it(self, signing_in, page):
        from django.urls import reverse

        assert signing_in.get(reverse(page))["Cross-Origin-Opener-Policy"] == "unsafe-none"

    @pytest.mark.parametrize(
        "path", ["/accounts/password/reset/", "/accounts/email/", "/accounts/sites/"]
    )
    def test_other_account_pages_do_not(self, signing_in, path):
        assert signing_in.get(path)["Cross-Origin-Opener-Policy"] == "same-origin"

    def test_a_signed_in_reader_loses_the_mark(self, signing_in):
        signing_in.force_login(UserFactory())

        for path in ("/accounts/login/", "/accounts/email/", "/accounts/login/"):
            assert signing_in.get(path)["Cross-Origin-Opener-Policy"] == "same-origin"
        assert (
            signing_in.get(URL, {"origin": ORIGIN})["Cross-Origin-Opener-Policy"] == "unsafe-none"
        )
