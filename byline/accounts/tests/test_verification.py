"""An account's email address proves nothing until its owner follows a link sent to it; the
links Byline signed before allauth sent them keep working."""

from __future__ import annotations

import contextlib
import re
import time
from unittest import mock

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from byline.accounts import tasks as account_tasks
from byline.accounts import verification
from byline.accounts.models import User
from byline.accounts.tests.factories import UserFactory
from byline.discussion.tests.factories import follower
from byline.mail import tasks
from byline.newsroom.tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"


def link_in(message, path: str) -> str:
    return re.search(rf"http://127\.0\.0\.1:8000({path}\S+/)", message.body).group(1)


@pytest.fixture
def signed_up(client):
    """A signed-in reader whose address is not proven yet, and a link Byline signed for it
    before allauth sent the links (those still in inboxes work)."""
    user = UserFactory(username="maya", email="maya@example.org", verified_email="")
    client.force_login(user)
    return user, f"/accounts/verify/{verification.verify_token(user)}/"


def test_a_new_account_is_unverified_until_its_owner_follows_the_link(client, signed_up):
    user, link = signed_up
    assert user.verified_address == ""

    asked = client.get(link)
    user.refresh_from_db()
    assert asked.status_code == 200 and user.verified_address == ""

    done = client.post(link)
    user.refresh_from_db()
    assert done.status_code == 200
    assert user.verified_address == "maya@example.org"
    assert "/notify/manage/" in client.get("/notify/")["Location"]


def test_the_link_verifies_nothing_in_someone_elses_browser(signed_up):
    user, link = signed_up
    stranger = Client()
    other = Client()
    other.force_login(UserFactory(username="bea"))

    anonymous = stranger.post(link)
    wrong_account = other.post(link)

    user.refresh_from_db()
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(f"{reverse('account_login')}?next=")
    assert wrong_account.status_code == 400
    assert user.verified_address == ""


def test_a_link_for_an_address_since_changed_verifies_nothing(client, signed_up):
    user, link = signed_up
    User.objects.filter(pk=user.pk).update(email="other@example.org")

    response = client.post(link)

    user.refresh_from_db()
    assert response.status_code == 400
    assert user.verified_address == ""


def test_the_link_expires(client, signed_up, settings):
    user, link = signed_up
    later = time.time() + settings.ACCOUNTS_VERIFY_DAYS * 86400 + 60

    with mock.patch("time.time", return_value=later):
        response = client.post(link)

    user.refresh_from_db()
    assert response.status_code == 400 and "expired" in response.content.decode()
    assert user.verified_address == ""


def test_a_changed_address_needs_proving_again():
    user = UserFactory(email="ada@example.org")
    assert user.verified_address == "ada@example.org"

    user.email = "ada@elsewhere.example"

    assert user.verified_address == ""


def test_an_unverified_reader_can_ask_for_the_link_again(client, signed_up):
    mail.outbox.clear()

    page = client.get("/accounts/verify/", follow=True)
    response = client.post("/accounts/email/", {"email": "maya@example.org", "action_send": ""})

    assert "maya@example.org" in page.content.decode()
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["maya@example.org"]]
    assert "/accounts/confirm-email/" in mail.outbox[0].body


def test_confirming_a_subscription_while_signed_in_verifies_the_account(
    client, signed_up, django_capture_on_commit_callbacks
):
    user, _ = signed_up
    article = ArticlePageFactory()
    follower(article, "someone@example.org")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/notify/on/{article.pk}/", {"kind": "article", "frequency": "immediate"})
    confirmed = client.post(link_in(mail.outbox[0], "/notify/confirm/"))

    user.refresh_from_db()
    assert confirmed.status_code == 200
    assert user.verified_address == "maya@example.org"
    assert EmailAddress.objects.get(user=user, email="maya@example.org").verified


@hypothesis_settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(token=st.text(max_size=200))
def test_any_string_is_a_link_or_an_invalid_link_and_nothing_else(token):
    with contextlib.suppress(verification.InvalidLink):
        verification.read_verify_token(token)


def test_a_forged_link_gets_a_clear_400(client):
    client.force_login(UserFactory(username="ada", verified_email=""))

    response = client.post("/accounts/verify/not-a-link/")

    assert response.status_code == 400
    assert "not valid" in response.content.decode()


def test_a_run_queued_before_the_outbox_posts_the_link_there():
    """``send_verification`` stays for runs a database queue still holds from before."""
    user = UserFactory(email="old@example.org", verified_email="")

    assert account_tasks.send_verification.call(user.pk) is True
    tasks.run_outbox()

    assert [m.to for m in mail.outbox] == [["old@example.org"]]
    assert link_in(mail.outbox[0], "/accounts/verify/")
