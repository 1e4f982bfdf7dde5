"""How often one client may try to sign in or sign up, counted by the site's one limiter.

Sign-in attempts count per client address (one machine guessing many accounts' passwords) and
per account name (many machines guessing one account's), before the password is checked, so a
throttled guess learns nothing even when it is right.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from byline.ratelimits import Rate, client_ip, hit

TOO_MANY_SIGN_INS = "Too many sign-in attempts. Wait a few minutes, then try again."
TOO_MANY_SIGN_UPS = "Too many new accounts from here. Please try again in an hour."


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
