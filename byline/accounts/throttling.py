"""How often one client may post an account form, counted by the site's one limiter.

Sign-in attempts count per client address (one machine guessing many accounts' passwords) and
per account name (many machines guessing one account's), before the password is checked, so a
throttled guess learns nothing even when it is right. Sign-ups count per client address, and so
does every other account form (password reset, sign-in codes, email changes, ...), each its own.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

from byline.ratelimits import Rate, client_ip, hit

TOO_MANY_SIGN_INS = "Too many sign-in attempts. Wait a few minutes, then try again."
TOO_MANY_SIGN_UPS = "Too many new accounts from here. Please try again in an hour."
TOO_MANY_TRIES = "Too many tries from here. Wait a few minutes, then try again."

SIGN_IN = "account_login"
SIGN_UP = "account_signup"


def sign_in_allowed(request: HttpRequest | None, username: str) -> bool:
    """Count one sign-in attempt for this client and this account name; say if both may go on."""
    rates = settings.ACCOUNTS_SIGN_IN_RATES
    address = client_ip(request) if request is not None else None
    keys = {"ip": address or "", "account": username.strip().casefold()}
    allowed = True
    for name, key in keys.items():
        if key and rates.get(name):
            # Every limit counts the attempt, even once another has refused it.
            allowed = hit(f"sign-in-{name}", key, Rate.parse(rates[name])) and allowed
    return allowed


def sign_up_allowed(request: HttpRequest) -> bool:
    """Count one sign-up from this client (each sends an email); say if it may go on."""
    rate = settings.ACCOUNTS_SIGN_UP_RATE
    return not rate or hit("sign-up-ip", client_ip(request) or "", Rate.parse(rate))


def form_allowed(request: HttpRequest, form: str) -> bool:
    """Count one post of the account form ``form`` (a URL name) from this client."""
    rate = settings.ACCOUNTS_FORM_RATE
    return not rate or hit(f"account-form-{form}", client_ip(request) or "", Rate.parse(rate))


def refusal(request: HttpRequest, form: str) -> str:
    """Count one post of ``form``; the reason it is refused, or "" when it may go on."""
    if form == SIGN_IN:
        return "" if sign_in_allowed(request, request.POST.get("login", "")) else TOO_MANY_SIGN_INS
    if form == SIGN_UP:
        return "" if sign_up_allowed(request) else TOO_MANY_SIGN_UPS
    return "" if form_allowed(request, form) else TOO_MANY_TRIES


def throttled(
    view: Callable[..., HttpResponse], form: str, methods: tuple[str, ...] = ("POST",)
) -> Callable[..., HttpResponse]:
    """``view`` with its posts (or requests of the given ``methods``) counted; past the limit it
    answers 429 before the form is read."""

    @wraps(view)
    def throttled_view(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method in methods and (reason := refusal(request, form)):
            context = {"reason": reason, "seo": {"title": "Too many tries", "noindex": True}}
            response = render(request, "account/throttled.html", context, status=429)
            add_never_cache_headers(response)
            return response
        return view(request, *args, **kwargs)

    return throttled_view
