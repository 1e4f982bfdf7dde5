"""Right after proving an address, a reader with a guest past with it is sent to claim it."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from byline.accounts.tests.conftest import CommittingClient as Client
from byline.accounts.tests.factories import UserFactory
from byline.discussion.models import Comment
from byline.discussion.tests.factories import post

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"


def sign_up(client: Client, email: str) -> None:
    client.post(
        "/accounts/signup/",
        {"username": "maya", "display_name": "Maya R.", "email": email,
         "password1": PASSWORD, "password2": PASSWORD},
    )  # fmt: skip


def confirmation_link() -> str:
    return re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+)", mail.outbox[-1].body)[1]


def test_a_guest_who_signs_up_with_the_same_address_is_sent_to_claim(article):
    post(article, "As a guest.")  # typed guest-token-maya@example.org
    client = Client()
    sign_up(client, "Guest-Token-Maya@example.org")

    landed = client.post(confirmation_link(), follow=True)

    assert landed.redirect_chain[-1][0] == "/accounts/comments/"
    text = landed.content.decode()
    assert "claim what you wrote" in text and "Claim them" in text
    assert Comment.objects.get().author is None  # offered, not done


def test_a_reader_without_a_guest_past_goes_home(article):
    post(article, "Someone else, as a guest.", token="someone")
    client = Client()
    sign_up(client, "maya@example.org")
    assert client.post(confirmation_link(), follow=True).redirect_chain[-1][0] == "/"


def test_a_confirmation_for_another_account_sends_the_signed_in_reader_nowhere(article, rf):
    from allauth.account.models import EmailAddress
    from django.contrib.sessions.backends.signed_cookies import SessionStore

    from byline.accounts.adapter import AFTER_VERIFICATION_SESSION_KEY
    from byline.discussion.readers.signal_handlers import offer_guest_past

    post(article)
    owner = UserFactory(email="guest-token-maya@example.org")
    request = rf.get("/")
    request.user, request.session = UserFactory(is_staff=True), SessionStore()
    offer_guest_past(None, request=request, email_address=EmailAddress.objects.get(user=owner))
    assert AFTER_VERIFICATION_SESSION_KEY not in request.session
