"""Who is reading: a signed-in account, or a guest's browser known by a signed random token."""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import Q
from django.http import HttpRequest, HttpResponse

# Where the client's address is read, re-exported for the discussion's views.

if TYPE_CHECKING:
    from byline.accounts.models import User
    from byline.discussion.models import Comment

GUEST_COOKIE = "byline_reader"
GUEST_COOKIE_SALT = "byline.discussion.guest"
GUEST_COOKIE_AGE = 60 * 60 * 24 * 365
# The name and email a guest last used, so the form is filled in for them next time.
GUEST_PROFILE_COOKIE = "byline_guest"
# How many articles the patch cookie names (remember): a cookie stays well under 4 KB.
PATCHED_PAGES_KEPT = 200


@dataclass(frozen=True)
class Reader:
    user: User | None = None
    guest_token: str | None = None

    @property
    def is_authenticated(self) -> bool:
        return self.user is not None

    @property
    def guest_key(self) -> str:
        """What is stored beside a guest's comments: a hash, so a database leak reveals no token."""
        if not self.guest_token:
            return ""
        return hashlib.sha256(self.guest_token.encode()).hexdigest()

    @property
    def voter_key(self) -> str | None:
        if self.user is not None:
            return f"u:{self.user.pk}"
        if self.guest_token:
            return f"g:{self.guest_key[:40]}"
        return None

    def ownership_filter(self) -> Q | None:
        """The comments this reader wrote, as a query condition (None for an unknown browser)."""
        if self.user is not None:
            return Q(author_id=self.user.pk)
        if self.guest_key:
            return Q(author__isnull=True, guest_key=self.guest_key)
        return None

    def owns(self, comment: Comment) -> bool:
        if self.user is not None:
            return comment.author_id == self.user.pk
        return (
            bool(self.guest_key)
            and comment.author_id is None
            and comment.guest_key == self.guest_key
        )


def reader_of(request: HttpRequest) -> Reader:
    user = request.user if request.user.is_authenticated else None
    return Reader(user=user, guest_token=_guest_token_of(request))


def guest_reader_for(request: HttpRequest) -> Reader:
    """The request's reader, giving a guest browser a token if it has none yet (see remember)."""
    reader = reader_of(request)
    if reader.user is None and reader.guest_token is None:
        reader = Reader(guest_token=secrets.token_urlsafe(32))
    return reader


def remember(
    response: HttpResponse,
    reader: Reader,
    profile: dict[str, str] | None = None,
    *,
    request: HttpRequest | None = None,
    page_id: int | None = None,
) -> HttpResponse:
    """Keep a guest's token (and the name and email they used) in signed cookies, so the same
    browser can edit, delete and vote, and finds the form filled in next time.

    Beside them, the page cache's patch cookie: once the page's script marks it, the guest gets
    the pages every reader gets (``pagecache.shared.is_patchable_request``), and the script asks
    for what is theirs on the articles it names: ``page_id``, where they just posted or voted,
    joins those the browser (``request``) already named.
    """
    if reader.user is None and reader.guest_token:
        _set_signed(response, GUEST_COOKIE, reader.guest_token)
        if profile:
            _set_signed(response, GUEST_PROFILE_COOKIE, json.dumps(profile))
        sent = request.COOKIES.get(settings.PAGE_CACHE_PATCH_COOKIE, "") if request else ""
        _set_patch_cookie(response, patch_cookie_value(sent, page_id))
    return response


def patch_cookie_value(sent: str, page_id: int | None) -> str:
    """The patch cookie after ``page_id``: the mark the browser had ("site" until the script
    writes its own), then the articles the guest has something of theirs on, newest last."""
    mark, *named = sent.split(".") if sent else ["site"]
    pages = [page for page in named if page.isascii() and page.isdigit()]
    if page_id is not None:
        pages = [page for page in pages if page != str(page_id)] + [str(page_id)]
    kept_mark = mark if mark.isascii() and mark.isalpha() else "site"
    return ".".join([kept_mark, *pages[-PATCHED_PAGES_KEPT:]])


def _set_patch_cookie(response: HttpResponse, value: str) -> None:
    # Read and rewritten by the page's script, so not HttpOnly; it holds no secret.
    response.set_cookie(
        settings.PAGE_CACHE_PATCH_COOKIE,
        value,
        max_age=GUEST_COOKIE_AGE,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


def guest_profile_of(request: HttpRequest) -> dict[str, str]:
    raw = request.get_signed_cookie(GUEST_PROFILE_COOKIE, default=None, salt=GUEST_COOKIE_SALT)
    try:
        profile = json.loads(raw) if raw else {}
    except ValueError:
        return {}
    return {
        key: str(profile[key])
        for key in ("name", "email")
        if isinstance(profile, dict) and key in profile
    }


def _set_signed(response: HttpResponse, name: str, value: str) -> None:
    response.set_signed_cookie(
        name,
        value,
        salt=GUEST_COOKIE_SALT,
        max_age=GUEST_COOKIE_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


def _guest_token_of(request: HttpRequest) -> str | None:
    # A missing, tampered or malformed cookie all read as "no token".
    return request.get_signed_cookie(GUEST_COOKIE, default=None, salt=GUEST_COOKIE_SALT)
