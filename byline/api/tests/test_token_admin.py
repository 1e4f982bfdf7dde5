"""Issuing, listing and revoking API tokens in the Wagtail admin (Settings > API tokens):
the key shown once and working at once, its scopes and expiry, and who may issue for whom."""

from __future__ import annotations

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from wagtail.models import APIToken, ModelLogEntry

from byline.accounts.tests.factories import UserFactory
from byline.api.models import TokenGrant
from byline.api.tests.grants import bearer, fresh_rate_limits, moderator, token_for  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limits")]
ADD = "/admin/api-tokens/new/"
INDEX = "/admin/api-tokens/"


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def admin(client):
    staff = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(staff)
    return staff


def issue(client, **fields):
    return client.post(ADD, {"name": "Newsletter", **fields})


def editor_with(*codenames: str):
    """Staff in Wagtail's Editors group, given the named permissions besides."""
    editor = UserFactory(is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    for codename in codenames:
        editor.user_permissions.add(Permission.objects.get(codename=codename))
    return editor


class TestIssuing:
    def test_the_key_is_shown_once_and_works_within_its_scopes(self, client, admin):
        account = UserFactory(email="desk@example.org")

        response = issue(client, user=account.pk, scopes=["account", "subscribe"])

        assert response.status_code == 200
        key = soup(response).select_one("#api-token-value")["value"]
        token = APIToken.objects.get()
        assert token.user == account and token.byline_grant.scopes == ["account", "subscribe"]
        assert key not in (token.key_hash, token.prefix)
        assert client.get(INDEX).content.decode().count(key) == 0
        me = client.get("/api/v1/me", headers=bearer(key))
        assert me.status_code == 200 and me.json()["email"] == "desk@example.org"
        forbidden = client.get("/api/v1/moderation/queues/held", headers=bearer(key))
        assert forbidden.status_code == 403
        assert ModelLogEntry.objects.filter(action="wagtail.apitoken.create").count() == 1

    def test_an_expiry_is_kept_and_ends_the_token(self, client, admin):
        when = (timezone.localtime() + dt.timedelta(days=30)).strftime("%Y-%m-%dT%H:%M")

        response = issue(client, user=admin.pk, scopes=["account"], expires_at=when)

        key = soup(response).select_one("#api-token-value")["value"]
        grant = TokenGrant.objects.get()
        assert grant.expires_at > timezone.now() + dt.timedelta(days=29)
        TokenGrant.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
        assert client.get("/api/v1/me", headers=bearer(key)).status_code == 401

    def test_an_expiry_in_the_past_is_refused(self, client, admin):
        response = issue(client, user=admin.pk, scopes=["account"], expires_at="2001-01-01T00:00")

        assert response.status_code == 200
        assert "in the future" in response.content.decode()
        assert not APIToken.objects.exists()

    def test_the_moderate_scope_only_for_a_moderator(self, client, admin):
        reader = UserFactory()

        refused = issue(client, user=reader.pk, scopes=["moderate"])
        allowed = issue(client, user=moderator().pk, scopes=["moderate"])

        assert "may not moderate comments" in refused.content.decode()
        assert soup(allowed).select_one("#api-token-value") is not None
        assert APIToken.objects.count() == 1

    def test_an_unknown_scope_is_refused(self, client, admin):
        response = issue(client, user=admin.pk, scopes=["everything"])

        assert "Select a valid choice" in response.content.decode()
        assert not APIToken.objects.exists()

    def test_no_scopes_make_a_read_only_token(self, client, admin):
        key = soup(issue(client, user=admin.pk)).select_one("#api-token-value")["value"]

        assert client.get("/api/v1/me", headers=bearer(key)).status_code == 403
        assert client.get("/api/v1/sections", headers=bearer(key)).status_code == 200


class TestListingAndRevoking:
    def test_the_list_shows_name_account_scopes_last_use_and_revocation(self, client, admin):
        account = UserFactory(username="newsletter-bot")
        key = token_for(account, "subscribe", "account")
        client.get("/api/v1/me", headers=bearer(key))

        page = soup(client.get(INDEX))

        headers = [th.get_text(" ", strip=True) for th in page.select("thead th")]
        for column in ("Name", "Account", "Scopes", "Expires", "Last used", "Revoked"):
            assert any(column in header for header in headers), column
        row = page.select_one("tbody tr").get_text(" ", strip=True)
        assert "Test integration" in row and "newsletter-bot" in row
        assert "account, subscribe" in row
        assert APIToken.objects.get().last_used_at is not None

    def test_revoking_ends_the_token_and_keeps_its_row(self, client, admin):
        key = token_for(UserFactory(), "account")
        token = APIToken.objects.get()

        response = client.post(f"/admin/api-tokens/delete/{token.pk}/")

        assert response.status_code == 302
        token.refresh_from_db()
        assert token.revoked_at is not None
        assert client.get("/api/v1/me", headers=bearer(key)).status_code == 401
        assert "Revoked" in client.get(INDEX).content.decode()


class TestPlaces:
    def test_the_settings_menu_leads_to_the_tokens(self, client, admin):
        page = client.get("/admin/").content.decode()

        # The sidebar is drawn from JSON in the page, its slashes escaped.
        assert "api-tokens" in page and "API tokens" in page

    def test_groups_can_be_given_the_token_permissions(self, client, admin):
        editors = Group.objects.get(name="Editors")

        page = client.get(f"/admin/groups/edit/{editors.pk}/").content.decode()

        assert "API token" in page
        assert f'value="{Permission.objects.get(codename="add_apitoken").pk}"' in page


class TestWhoMay:
    def test_staff_without_the_permissions_cannot_issue(self, client):
        client.force_login(editor_with())

        response = issue(client, user=UserFactory().pk, scopes=["account"])

        assert response.status_code in (302, 403)
        assert not APIToken.objects.exists()

    def test_an_editor_with_the_permission_issues_for_their_own_account_only(self, client):
        editor = editor_with("add_apitoken", "delete_apitoken")
        client.force_login(editor)

        for_someone_else = issue(client, user=UserFactory().pk, scopes=["account"])
        for_themselves = issue(client, user=editor.pk, scopes=["account"])

        assert "Select a valid choice" in for_someone_else.content.decode()
        assert soup(for_themselves).select_one("#api-token-value") is not None
        assert list(APIToken.objects.values_list("user", flat=True)) == [editor.pk]

    def test_an_editor_who_manages_users_issues_for_an_integration_account(self, client):
        editor = editor_with("add_apitoken", "change_user")
        client.force_login(editor)
        integration = UserFactory(username="slack-bot")

        response = issue(client, user=integration.pk, scopes=["account"])

        assert soup(response).select_one("#api-token-value") is not None
        assert APIToken.objects.get().user == integration

    def test_an_editor_cannot_revoke_another_accounts_token(self, client):
        editor = editor_with("add_apitoken", "delete_apitoken")
        client.force_login(editor)
        token_for(UserFactory(), "account")
        token = APIToken.objects.get()

        response = client.post(f"/admin/api-tokens/delete/{token.pk}/")

        assert response.status_code in (302, 403, 404)
        token.refresh_from_db()
        assert token.revoked_at is None
