"""Who is calling the API, and what they may do.

Three ways in, tried in this order:

- an API token (``Authorization: Bearer wagtail_...``), for integrations and the embed's signed-in
  readers: it acts as its account, within its scopes (and, for a reader's embed token, only
  from its site's origin);
- the site's own session cookie, for Byline's pages: every scope its account has, and CSRF
  checked on every write, as for the forms;
- a guest key (``X-Byline-Guest``, or the site's signed guest cookie), for guests: the same
  random secret that lets a guest's browser edit, delete and vote on the site. A header's key
  must be one the API gave out: random, and signed with the site's secret key, so a client
  cannot choose its own (weak, or someone else's) key.

Anyone may read what is public. A token reads as its account (its held comments, its votes)
only if it may comment as that account; any other token reads as an anonymous reader. A guest posting for the first time is given a key in the
answer (``guest_key``) to send from then on.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from base64 import urlsafe_b64encode
from dataclasses import dataclass, field

from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from ninja.utils import check_csrf
from wagtail.models import APIToken

from byline.api.errors import ApiError
from byline.api.models import Scope
from byline.discussion.identity import Reader, reader_of

GUEST_HEADER = "X-Byline-Guest"
MODERATE = "discussion.moderate_comment"
# A guest key the API gives out: a URL-safe random part, a dot, and its HMAC with SECRET_KEY.
_GUEST_KEY = re.compile(r"^([A-Za-z0-9_-]{32})\.([A-Za-z0-9_-]{43})$")
_GUEST_KEY_SALT = "byline.api.callers.guest-key"
_SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
READER_SCOPES = frozenset({Scope.COMMENT, Scope.SUBSCRIBE, Scope.ACCOUNT})
GUEST_SCOPES = frozenset({Scope.COMMENT, Scope.SUBSCRIBE})
# How stale a token's "last used" may get before a request writes it again.
_LAST_USED_EVERY = dt.timedelta(minutes=5)


@dataclass(frozen=True)
class Caller:
    reader: Reader
    scopes: frozenset[str] = field(default_factory=frozenset)
    token: APIToken | None = None

    @property
    def user(self):
        return self.reader.user

    @property
    def viewer(self) -> Reader:
        """Whom reads show the thread as: a token that may not comment as its account sees
        what an anonymous reader sees (not the account's held comments or its votes)."""
        if self.token is not None and Scope.COMMENT not in self.scopes:
            return Reader()
        return self.reader

    def require(self, scope: str) -> None:
        """Refuse unless this caller may act within ``scope`` (401 for nobody, 403 for too little)."""
        if scope == Scope.MODERATE and self.user is None:
            raise ApiError(401, "unauthenticated", "Sign in or send a moderator's API token.")
        if scope not in self.scopes:
            raise ApiError(403, "forbidden", f"This caller may not {Scope(scope).label.lower()}.")

    def require_account(self) -> None:
        if self.user is None:
            raise ApiError(401, "unauthenticated", "Sign in or send a reader's API token.")

    def as_poster(self) -> Caller:
        """This caller, with a new guest key if it is a guest without one (see ``guest_key``)."""
        if self.user is not None or self.reader.guest_token:
            return self
        # The same kind of secret the site's guest cookie holds.
        return Caller(reader=Reader(guest_token=new_guest_key()), scopes=self.scopes)


def new_guest_key() -> str:
    """A fresh guest key: random, and signed so that only keys the API gave out are taken."""
    return signed_guest_key(secrets.token_urlsafe(24))


def signed_guest_key(nonce: str) -> str:
    """``nonce`` (32 URL-safe characters) with its signature."""
    digest = salted_hmac(_GUEST_KEY_SALT, nonce, algorithm="sha256").digest()
    return f"{nonce}.{urlsafe_b64encode(digest).decode().rstrip('=')}"


def is_guest_key(value: str) -> bool:
    """Whether ``value`` is a key the API gave out (well formed, and its signature holds)."""
    match = _GUEST_KEY.match(value)
    return match is not None and constant_time_compare(value, signed_guest_key(match[1]))


def caller_of(request: HttpRequest) -> Caller:
    authorization = request.headers.get("Authorization", "")
    if authorization:
        return _token_caller(request, authorization)
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        _check_csrf(request)
        scopes = READER_SCOPES | ({Scope.MODERATE} if user.has_perm(MODERATE) else set())
        return Caller(reader=Reader(user=user), scopes=frozenset(scopes))
    guest_key = request.headers.get(GUEST_HEADER, "")
    if guest_key:
        if not is_guest_key(guest_key):
            raise ApiError(401, "bad_guest_key", "This guest key is not one Byline gave out.")
        return Caller(reader=Reader(guest_token=guest_key), scopes=GUEST_SCOPES)
    reader = reader_of(request)
    if reader.guest_token:
        _check_csrf(request)
    return Caller(reader=reader, scopes=GUEST_SCOPES)


def _token_caller(request: HttpRequest, authorization: str) -> Caller:
    scheme, _, key = authorization.partition(" ")
    key = key.strip()
    if scheme.lower() != "bearer" or not key:
        raise ApiError(401, "bad_token", "Send the token as 'Authorization: Bearer <token>'.")
    token = (
        APIToken.objects.select_related("user", "byline_grant")
        .filter(key_hash__in=APIToken.candidate_key_hashes(key), revoked_at__isnull=True)
        .first()
        if APIToken.validate_token_format(key)
        else None
    )
    grant = getattr(token, "byline_grant", None) if token else None
    if token is None or not token.user.is_active or (grant is not None and grant.expired):
        raise ApiError(401, "bad_token", "This API token is unknown, expired or revoked.")
    if grant is not None and grant.origin and request.headers.get("Origin", "") != grant.origin:
        raise ApiError(401, "bad_token", "This token works only on the site it was given to.")
    _note_use(token)
    # A Wagtail token made without Byline's grant may read, and nothing more.
    scopes = set(grant.scopes) if grant is not None else set()
    if not token.user.has_perm(MODERATE):
        scopes.discard(Scope.MODERATE)
    return Caller(reader=Reader(user=token.user), scopes=frozenset(scopes), token=token)


def _note_use(token: APIToken) -> None:
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > _LAST_USED_EVERY:
        APIToken.objects.filter(pk=token.pk).update(last_used_at=now)


def _check_csrf(request: HttpRequest) -> None:
    if request.method in _SAFE_METHODS:
        return
    if check_csrf(request) is not None:
        raise ApiError(
            403, "csrf", "The CSRF check failed: send the X-CSRFToken header, or use a token."
        )
