"""What the API adds before a guest's comment reaches the discussion's pipeline.

The comment form has two spam traps a program never sees: a hidden field only scripts fill in,
and a signed timestamp that catches forms posted seconds after they were served. The API has
no form, so it has neither (the pipeline's ``Honeypot`` and ``TimeTrap`` rules pass a
submission without form evidence). In their place a guest posting through the API meets two
more limits of the site's one limiter, before the pipeline's own (per network, address and
account, which every post meets): ``API_GUEST_POST_RATES["address"]`` per client address and
``["guest_key"]`` per guest key. A program minting a new key for every post is still held to
its address; one spreading a key over many addresses, to its key. Members are accounts with a
proven address, limited by the pipeline per account.
"""

from __future__ import annotations

from django.conf import settings

from byline import ratelimits
from byline.api.callers import Caller
from byline.api.errors import ApiError

TOO_OFTEN = "You're posting faster than we allow. Wait a few minutes, then try again."


def check_guest_rate(caller: Caller, ip_address: str | None) -> None:
    """Count one guest post through the API; refuse it with a 429 past either limit."""
    if caller.user is not None:
        return
    rates = settings.API_GUEST_POST_RATES or {}
    keys = [("address", ip_address or ""), ("guest_key", caller.reader.guest_key)]
    for scope, key in keys:
        rate = rates.get(scope)
        if not (key and rate):
            continue
        parsed = ratelimits.Rate.parse(rate)
        if not ratelimits.hit(f"api_post_{scope}", key, parsed):
            raise ApiError(429, "rate_limited", TOO_OFTEN, retry_after=parsed.seconds)
