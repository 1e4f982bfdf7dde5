"""A reader's embed tokens: one per site (a new one replaces the old), listed on "Sites you
comment on" with a Revoke button, and all revoked by a new password."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import APIToken

from byline.accounts.tests.factories import UserFactory
from byline.api.embed_sign_in import issue_token
from byline.api.tests.grants import token_for

pytestmark = pytest.mark.django_db
BLOG = "https://blog.example.net"
SHOP = "https://shop.example.org"
PASSWORD = "correct horse battery staple"
URL = "/accounts/sites/"


def live(user) -> list[str]:
    return sorted(
        APIToken.objects.filter(user=user, revoked_at__isnull=True).values_list(
            "byline_grant__origin", flat=True
        )
    )


def test_a_new_token_for_a_site_replaces_the_old_one(member):
    first = issue_token(user=member, origin=BLOG)
    issue_token(user=member, origin=SHOP)
    second = issue_token(user=member, origin=BLOG)

    assert first != second
    assert live(member) == [BLOG, SHOP]
    assert APIToken.objects.filter(user=member, revoked_at__isnull=False).count() == 1


def test_another_readers_token_for_the_site_stays(member):
    other = UserFactory()
    issue_token(user=other, origin=BLOG)
    issue_token(user=member, origin=BLOG)

    assert live(other) == [BLOG]


def test_the_page_lists_the_readers_sites_only(client, member):
    issue_token(user=member, origin=BLOG)
    issue_token(user=UserFactory(), origin=SHOP)
    token_for(member, "comment")  # an integration token, not the embed's: not listed
    client.force_login(member)

    response = client.get(URL)

    assert response.status_code == 200
    assert BLOG in response.text and SHOP not in response.text
    assert response.text.count('name="token"') == 1
    assert f'href="{URL}" aria-current="page"' in response.text


def test_the_account_navigation_links_to_it(client, member):
    client.force_login(member)

    assert f'href="{URL}"' in client.get(reverse("my_comments")).text


def test_revoke_ends_the_token_and_the_api_refuses_it(client, member):
    key = issue_token(user=member, origin=BLOG)
    token = APIToken.objects.get(user=member)
    client.force_login(member)

    response = client.post(URL, {"token": token.pk}, follow=True)

    assert "Revoked" in response.text and BLOG not in response.text.split("</h1>", 1)[1]
    refused = client.get("/api/v1/me", headers={"Authorization": f"Bearer {key}", "Origin": BLOG})
    assert refused.status_code == 401


@pytest.mark.parametrize("value", ["", "abc", "-1", "9" * 40, "1 OR 1=1"])
def test_revoking_nonsense_or_another_readers_token_changes_nothing(client, member, value):
    issue_token(user=UserFactory(), origin=BLOG)
    theirs = APIToken.objects.get()
    client.force_login(member)

    for sent in (value, str(theirs.pk)):
        response = client.post(URL, {"token": sent})
        assert response.status_code == 302

    assert APIToken.objects.get().revoked_at is None


def test_revoking_needs_the_csrf_token(member):
    issue_token(user=member, origin=BLOG)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(member)

    response = browser.post(URL, {"token": APIToken.objects.get().pk})

    assert response.status_code == 403
    assert live(member) == [BLOG]


def test_the_page_needs_a_signed_in_reader(client):
    response = client.get(URL)

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_new_password_revokes_every_embed_token(client):
    reader = UserFactory()
    issue_token(user=reader, origin=BLOG)
    issue_token(user=reader, origin=SHOP)
    token_for(reader, "comment")  # the reader's integration token is the admin's to manage
    client.force_login(reader)

    response = client.post(
        reverse("account_change_password"),
        {
            "oldpassword": PASSWORD,
            "password1": "a new horse battery staple",
            "password2": "a new horse battery staple",
        },
    )

    assert response.status_code == 302
    assert live(reader) == [""]
