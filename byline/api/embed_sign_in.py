"""The embed's sign-in pop-up: a reader signed in to Byline gives a site that shows Byline's
discussion a token to comment there as themselves.

The embed on the other site opens ``/embed/sign-in/?origin=<its origin>``. A reader not signed
in goes through the site's own sign-in first. Then they are asked to confirm; confirming issues
a Wagtail API token with Byline's grant (comment, subscribe and account scopes, bound to that
origin, expiring) and hands it to the embed by ``postMessage`` addressed to that origin only.
No cookie is ever read across sites: the embed sends the token as a header. A new token for a
site replaces the reader's earlier one there; readers list and revoke theirs on "Sites you
comment on" in the account area (``byline.api.embed_sites``).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from byline.api import tokens
from byline.api.embed_tokens import revoke_embed_tokens
from byline.api.models import Scope
from byline.embedding.addresses import AddressError, normalise_origin
from byline.embedding.origins import is_allowed

if TYPE_CHECKING:
    from byline.accounts.models import User

GRANT_SCOPES = [Scope.COMMENT.value, Scope.SUBSCRIBE.value, Scope.ACCOUNT.value]
TOKEN_LIFETIME = dt.timedelta(days=30)
# The session remembers a sign-in under way, so the sign-in pages keep the pop-up's opener
# (see byline/api/embed_opener.py); it is forgotten once the token is handed over.
SESSION_KEY = "byline_embed_sign_in"
TEMPLATE = "api/embed_sign_in.html"


@never_cache
@require_http_methods(["GET", "POST"])
def embed_sign_in(request: HttpRequest) -> HttpResponse:
    origin = allowed_origin(request.GET.get("origin", ""))
    if origin is None:
        return _answer(request, status=400, refused=True)
    if not request.user.is_authenticated:
        request.session[SESSION_KEY] = timezone.now().timestamp()
        return redirect_to_login(
            f"{request.path}?{urlencode({'origin': origin})}", settings.LOGIN_URL
        )
    if request.method == "GET":
        return _answer(request, origin=origin)
    token = issue_token(user=request.user, origin=origin)
    request.session.pop(SESSION_KEY, None)
    return _answer(request, origin=origin, token=token)


def allowed_origin(value: str) -> str | None:
    """The origin (``scheme://host[:port]``, as browsers spell it) if editors allowed it and it
    is enabled; the token will be posted to that origin and no other."""
    try:
        origin = normalise_origin(value)
    except AddressError:
        return None
    return origin if is_allowed(origin) else None


def issue_token(*, user: User, origin: str) -> str:
    """Create a token for ``user`` on ``origin`` and return its key (shown only this once). It
    replaces the reader's earlier token for that site, so each site holds one at most."""
    with transaction.atomic():
        revoke_embed_tokens(user, origin=origin)
        key = _new_token(user, origin)
    return key


def _new_token(user: User, origin: str) -> str:
    _, key = tokens.issue(
        user=user,
        name=f"Comments on {origin}"[:255],
        scopes=GRANT_SCOPES,
        expires_at=timezone.now() + TOKEN_LIFETIME,
        origin=origin,
    )
    return key


def _answer(
    request: HttpRequest,
    *,
    status: int = 200,
    refused: bool = False,
    origin: str = "",
    token: str = "",
) -> HttpResponse:
    context = {
        "seo": {"title": "Comment on another site", "noindex": True},
        "refused": refused,
        "origin": origin,
        "token": token,
        "days": TOKEN_LIFETIME.days,
    }
    return render(request, TEMPLATE, context, status=status)
