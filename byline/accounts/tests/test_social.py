"""Social sign-in is off until the site configures a provider: its addresses answer 404 and no
button shows. Once on, only the configured providers answer, every social form is counted by
the site's limiter, the provider's button posts (never a GET), and its answer goes on to the
provider in a page, not a redirect (the site's form-action policy would stop that)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from byline.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

OIDC_APP = {
    "provider_id": "campus",
    "name": "Campus ID",
    "client_id": "byline",
    "secret": "s3cret",
    # Never reached: these tests stop before Byline asks the provider anything.
    "settings": {"server_url": "http://127.0.0.1:9/o", "oauth_pkce_enabled": True},
}
SOCIAL_ADDRESSES = [
    "/accounts/3rdparty/",
    "/accounts/3rdparty/signup/",
    "/accounts/3rdparty/login/cancelled/",
    "/accounts/3rdparty/login/error/",
    "/accounts/google/login/",
    "/accounts/google/login/callback/",
    "/accounts/github/login/",
    "/accounts/microsoft/login/",
    "/accounts/apple/login/",
    "/accounts/oidc/campus/login/",
    "/accounts/oidc/campus/login/callback/",
]


@pytest.fixture
def campus_id(settings):
    settings.SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": [OIDC_APP]}}


@pytest.mark.parametrize("address", SOCIAL_ADDRESSES)
def test_with_no_provider_configured_every_social_address_answers_404(client, address):
    UserFactory(username="ada")
    client.login(username="ada", password="correct horse battery staple")
    assert client.get(address).status_code == 404
    assert client.post(address).status_code == 404


def test_with_no_provider_configured_the_sign_in_page_shows_no_provider(client):
    page = client.get("/accounts/login/").content.decode()
    assert "Sign in with" not in page
    assert "/accounts/oidc/" not in page


@pytest.mark.usefixtures("campus_id")
@pytest.mark.parametrize(
    "address",
    ["/accounts/google/login/", "/accounts/oidc/elsewhere/login/", "/accounts/github/login/"],
)
def test_a_provider_the_site_did_not_configure_answers_404(client, address):
    assert client.post(address).status_code == 404


@pytest.mark.usefixtures("campus_id")
def test_a_configured_provider_is_a_button_that_posts_to_its_sign_in_address(client):
    page = client.get("/accounts/login/?next=/news/").content.decode()
    assert '<form method="post" action="/accounts/oidc/campus/login/?process=login' in page
    assert "Sign in with Campus ID</button>" in page
    assert "next=%2Fnews%2F" in page


@pytest.mark.usefixtures("campus_id")
def test_a_get_of_the_providers_sign_in_address_asks_before_going_there(client):
    # A link on any other site must not start a sign-in: allauth asks for a post first.
    response = client.get("/accounts/oidc/campus/login/")
    assert response.status_code == 200
    assert b'method="post"' in response.content


@pytest.mark.usefixtures("campus_id")
def test_the_providers_button_is_answered_with_a_page_that_goes_on_to_the_provider(
    client, monkeypatch
):
    from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter

    configuration = {
        "authorization_endpoint": "http://127.0.0.1:9/o/authorize/",
        "token_endpoint": "http://127.0.0.1:9/o/token/",
    }
    monkeypatch.setattr(
        OpenIDConnectOAuth2Adapter, "openid_config", property(lambda adapter: configuration)
    )
    response = client.post("/accounts/oidc/campus/login/")
    assert response.status_code == 200
    page = response.content.decode()
    assert '<meta http-equiv="refresh" content="0; url=http://127.0.0.1:9/o/authorize/?' in page
    assert 'href="http://127.0.0.1:9/o/authorize/?' in page


@pytest.mark.usefixtures("campus_id")
def test_a_provider_that_cannot_be_reached_is_said_to_have_failed(client):
    # Port 9 (discard) on loopback: nothing listens, the connection is refused.
    response = client.post("/accounts/oidc/campus/login/")
    assert response.status_code == 502
    assert "Third-Party Login Failure" in response.content.decode()


@pytest.mark.usefixtures("campus_id")
@pytest.mark.parametrize(
    "address", ["/accounts/oidc/campus/login/", "/accounts/oidc/campus/login/callback/"]
)
def test_social_sign_ins_and_returns_are_counted_by_the_sites_limiter(client, settings, address):
    settings.ACCOUNTS_FORM_RATE = "2/10m"
    answers = [client.post(address).status_code for _ in range(3)]
    assert answers[-1] == 429
    assert 429 not in answers[:2]
    assert "Too many tries" in client.post(address).content.decode()


@pytest.mark.usefixtures("campus_id")
def test_the_providers_return_is_counted_when_it_comes_as_a_get(client, settings):
    settings.ACCOUNTS_FORM_RATE = "1/10m"
    address = "/accounts/oidc/campus/login/callback/?error=access_denied"
    assert client.get(address).status_code != 429
    assert client.get(address).status_code == 429


@pytest.mark.usefixtures("campus_id")
def test_the_connections_page_is_for_signed_in_readers(client):
    response = client.get(reverse("socialaccount_connections"))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.usefixtures("campus_id")
@pytest.mark.parametrize(
    "query",
    [
        "",
        "?code=abc",
        "?code=abc&state=not-a-state-we-made",
        "?state=&code=",
        "?error=access_denied&error_description=%3Cscript%3Ealert(1)%3C/script%3E",
        "?code=" + "x" * 5000 + "&state=" + "y" * 5000,
    ],
)
def test_a_forged_or_broken_return_from_the_provider_signs_no_one_in(client, query):
    response = client.get("/accounts/oidc/campus/login/callback/" + query)
    assert response.status_code < 500
    assert b"<script>alert(1)" not in response.content
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    ("data", "shown"),
    [
        ({"name": "Ada L."}, "Ada L."),
        ({"first_name": "Ada", "last_name": "Lovelace"}, "Ada Lovelace"),
        ({"name": "Ada\u202e\nL.\u200b"}, "Ada L."),
        ({"name": "A" * 500}, "A" * 80),
        ({}, ""),
    ],
)
def test_a_new_accounts_display_name_is_the_providers_name_as_one_line(rf, data, shown):
    from allauth.socialaccount.models import SocialLogin

    from byline.accounts.models import User
    from byline.accounts.social import SocialAccountAdapter

    request = rf.get("/")
    user = SocialAccountAdapter(request).populate_user(
        request, SocialLogin(user=User()), {"username": "ada", **data}
    )
    user.save()
    user.refresh_from_db()
    assert user.display_name == shown[: User._meta.get_field("display_name").max_length]


def social_request(rf, address: str):
    """A request to ``address`` as allauth's views see it (routed, from one client address)."""
    from django.urls import resolve

    request = rf.get(address, REMOTE_ADDR="203.0.113.7")
    request.resolver_match = resolve(address)
    return request


@pytest.mark.usefixtures("campus_id")
def test_sign_ups_through_a_provider_are_counted_by_the_sign_up_limit(rf, settings):
    from allauth.socialaccount.models import SocialLogin

    from byline.accounts.models import User
    from byline.accounts.social import SocialAccountAdapter

    settings.ACCOUNTS_SIGN_UP_RATE = "2/h"
    callback = "/accounts/oidc/campus/login/callback/"
    answers = [
        SocialAccountAdapter().is_open_for_signup(
            social_request(rf, callback), SocialLogin(user=User())
        )
        for _ in range(3)
    ]
    assert answers == [True, True, False]


@pytest.mark.usefixtures("campus_id")
def test_the_social_sign_up_form_is_not_counted_twice_but_shares_the_limit(client, rf, settings):
    from allauth.socialaccount.models import SocialLogin

    from byline.accounts.models import User
    from byline.accounts.social import SocialAccountAdapter

    settings.ACCOUNTS_SIGN_UP_RATE = "1/h"
    adapter = SocialAccountAdapter()
    # The form finishes a sign-up its provider's callback started, and counted.
    form = social_request(rf, "/accounts/3rdparty/signup/")
    assert all(adapter.is_open_for_signup(form, SocialLogin(user=User())) for _ in range(3))
    password = "correct horse battery staple"
    client.post(
        "/accounts/signup/",
        {"username": "ada", "email": "ada@example.org", "password1": password,
         "password2": password},
        REMOTE_ADDR="203.0.113.7",
    )  # fmt: skip
    callback = social_request(rf, "/accounts/oidc/campus/login/callback/")
    assert not adapter.is_open_for_signup(callback, SocialLogin(user=User()))
