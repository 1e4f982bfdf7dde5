"""Keep the embed's sign-in pop-up connected to the page that opened it.

Django sends ``Cross-Origin-Opener-Policy: same-origin`` on every page, which cuts a pop-up
opened by another site off from its opener (``window.opener`` becomes null, for good, from the
first such page it shows). The sign-in pop-up must post its token back to the page that opened
it, so the pop-up's own page, and the sign-in pages while a reader is signing in through it
(a mark in their session, for a few minutes), are sent without that isolation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone

from byline.api.embed_sign_in import SESSION_KEY

SIGNING_IN_FOR = dt.timedelta(minutes=15)
SIGN_IN_PAGES = "/accounts/"


class EmbedSignInOpenerMiddleware:
    """List after the session middleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if keeps_opener(request):
            response["Cross-Origin-Opener-Policy"] = "unsafe-none"
        return response


def keeps_opener(request: HttpRequest) -> bool:
    if request.path_info == reverse("embed-sign-in"):
        return True
    if not request.path_info.startswith(SIGN_IN_PAGES):
        return False
    session = getattr(request, "session", None)
    started = session.get(SESSION_KEY) if session is not None else None
    if not isinstance(started, (int, float)):
        return False
    return timezone.now().timestamp() - started < SIGNING_IN_FOR.total_seconds()
