"""Keep the embed's sign-in pop-up connected to the page that opened it.

Django sends ``Cross-Origin-Opener-Policy: same-origin`` on every page, which cuts a pop-up
opened by another site off from its opener (``window.opener`` becomes null, for good, from the
first such page it shows). The sign-in pop-up must post its token back to the page that opened
it, so the pop-up's own page, and the sign-in pages (sign in, sign up, sign-in codes) while a
reader is signing in through it (a mark in their session, for a few minutes), are sent without
that isolation. No other page of the account area is, and the mark goes once the reader arrives
signed in: from then on only the pop-up's own page needs its opener.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from byline.api.embed_sign_in import SESSION_KEY

SIGNING_IN_FOR = dt.timedelta(minutes=15)
# The pages a reader passes through to sign in (allauth's names; one a site lacks is skipped).
SIGN_IN_PAGES = (
    "account_login",
    "account_signup",
    "account_request_login_code",
    "account_confirm_login_code",
    "account_email_verification_sent",
)


class EmbedSignInOpenerMiddleware:
    """List after the session middleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        forget_when_signed_in(request)
        response = self.get_response(request)
        if keeps_opener(request):
            response["Cross-Origin-Opener-Policy"] = "unsafe-none"
        return response


def keeps_opener(request: HttpRequest) -> bool:
    if request.path_info == reverse("embed-sign-in"):
        return True
    if request.path_info not in _sign_in_paths():
        return False
    session = getattr(request, "session", None)
    started = session.get(SESSION_KEY) if session is not None else None
    if not isinstance(started, (int, float)):
        return False
    return timezone.now().timestamp() - started < SIGNING_IN_FOR.total_seconds()


def forget_when_signed_in(request: HttpRequest) -> None:
    """Drop the mark for a reader who arrives signed in: the sign-in it stood for is over (the
    answer to the sign-in itself, made while still anonymous, keeps the opener)."""
    session = getattr(request, "session", None)
    user = getattr(request, "user", None)
    if (
        session is not None
        and SESSION_KEY in session
        and user is not None
        and user.is_authenticated
    ):
        session.pop(SESSION_KEY, None)


def _sign_in_paths() -> set[str]:
    paths = set()
    for name in SIGN_IN_PAGES:
        try:
            paths.add(reverse(name))
        except NoReverseMatch:
            continue
    return paths
