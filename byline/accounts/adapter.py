"""How django-allauth fits Byline: the client address the site's limiter counts, and emails
named after the publication rather than the host name."""

from __future__ import annotations

from dataclasses import dataclass

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.urls import reverse
from wagtail.models import Site

from byline.ratelimits import client_ip


@dataclass(frozen=True)
class Publication:
    """What allauth's email templates read as ``current_site``."""

    name: str
    domain: str


def publication_for(request: HttpRequest | None) -> Publication:
    site = Site.find_for_request(request) if request is not None else None
    name = (site.site_name if site else "") or settings.WAGTAIL_SITE_NAME
    domain = request.get_host() if request is not None else settings.BYLINE_BASE_URL
    return Publication(name=name, domain=domain)


# Said by the header already ("Sign in", or the reader's name); as messages they would wait,
# unread, for the next account page or admin screen (only those show messages).
UNSAID_MESSAGES = frozenset({"account/messages/logged_in.txt", "account/messages/logged_out.txt"})


# Where a reader goes once signed in after proving an address, if an app that reacted to the
# proof (``email_confirmed``) has somewhere better than the home page: the discussion sends a
# reader with a guest's past to claim it. Popped once (by the next sign-in, or the page a
# sign-up ends on, ``views.after_sign_up``); an explicit ``next=`` still wins.
AFTER_VERIFICATION_SESSION_KEY = "byline.accounts.after_verification"


def go_after_verification(request: HttpRequest, path: str) -> None:
    """Send the reader to ``path`` (on this site) once the address they just proved signs them in."""
    if path.startswith("/") and not path.startswith("//"):
        request.session[AFTER_VERIFICATION_SESSION_KEY] = path


# A reader without a display name is shown, beside every comment, by their username: one that
# is an e-mail address would publish it. (Usernames made before this rule may still hold one;
# public pages are addressed by the account's id, so no address is built from them.)
AT_SIGN_REFUSED = (
    "A username cannot contain “@”: it is shown beside your comments when you give no display"
    " name. Use letters, digits and . + - _ only."
)


class AccountAdapter(DefaultAccountAdapter):
    def clean_username(self, username: str, shallow: bool = False) -> str:
        # Also checks the usernames allauth makes up from a provider's (never with "@").
        if "@" in username:
            raise ValidationError(AT_SIGN_REFUSED, code="username_at_sign")
        return super().clean_username(username, shallow=shallow)

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        after_verification = request.session.pop(AFTER_VERIFICATION_SESSION_KEY, None)
        return after_verification or super().get_login_redirect_url(request)

    def get_signup_redirect_url(self, request: HttpRequest) -> str:
        # Fixed when the sign-up form is sent, before the address is proven: a page that reads,
        # once the reader is signed in, where the proof sent them (``go_after_verification``).
        return reverse("accounts:after_sign_up")

    def add_message(self, request, level, message_template=None, *args, **kwargs) -> None:
        if message_template not in UNSAID_MESSAGES:
            super().add_message(request, level, message_template, *args, **kwargs)

    def get_client_ip(self, request: HttpRequest) -> str:
        # The same address the site's limiter counts, trusting only the configured proxies.
        return client_ip(request) or ""

    def format_email_subject(self, subject: str) -> str:
        return f"[{settings.WAGTAIL_SITE_NAME}] {subject}"

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        # Django's mail API (through MAILERS), like every other email of the site.
        publication = publication_for(allauth_context.request)
        super().send_mail(template_prefix, email, {"current_site": publication, **context})
