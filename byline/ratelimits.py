"""The site's one rate limiter, kept in the cache (Redis in production, so every process
shares them): comments, reports, subscriptions, manage-link requests, sign-in and sign-up.

Each limit is "N per period" for a key (a client address from ``client_ip``, an IP range, an
email address, an account). Counts live
in fixed windows; the estimate weighs the previous window by how much of it still overlaps the
sliding period, so a burst across a window boundary cannot double the allowance.
"""

from __future__ import annotations

import hashlib
import ipaddress
import math
import re
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

_RATE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([smhd])\s*$")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class Rate:
    count: int
    seconds: int

    @classmethod
    def parse(cls, value: str) -> Rate:
        """Read "5/10m" (five per ten minutes), "30/h", "100/d"."""
        match = _RATE.match(value)
        if not match:
            raise ValueError(f"A rate looks like '5/10m' or '30/h', not {value!r}.")
        count, amount, unit = match.groups()
        return cls(int(count), int(amount or 1) * _UNITS[unit])

    def describe(self) -> str:
        for unit, name in ((86400, "day"), (3600, "hour"), (60, "minute")):
            if self.seconds % unit == 0:
                amount = self.seconds // unit
                return (
                    f"{self.count} per {name}"
                    if amount == 1
                    else f"{self.count} per {amount} {name}s"
                )
        return f"{self.count} per {self.seconds} seconds"


def hit(scope: str, key: str, rate: Rate, *, now: float | None = None) -> bool:
    """Count one attempt for ``key`` and say whether it stays within ``rate``."""
    now = time.time() if now is None else now
    window = int(now // rate.seconds)
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    current_key = f"discussion:rate:{scope}:{rate.seconds}:{digest}:{window}"
    previous_key = f"discussion:rate:{scope}:{rate.seconds}:{digest}:{window - 1}"
    cache.add(current_key, 0, timeout=rate.seconds * 2 + 1)
    try:
        current = cache.incr(current_key)
    except ValueError:
        # The key expired between add and incr: start the window again.
        cache.set(current_key, 1, timeout=rate.seconds * 2 + 1)
        current = 1
    previous = cache.get(previous_key) or 0
    elapsed = (now % rate.seconds) / rate.seconds
    estimate = current + math.ceil(previous * (1 - elapsed))
    return estimate <= rate.count


def network_of(ip_address: str | None, *, ipv4_prefix: int = 24, ipv6_prefix: int = 56) -> str:
    """The range an address belongs to, as people get them: a /24 for IPv4, a /56 for IPv6."""
    if not ip_address:
        return ""
    try:
        address = ipaddress.ip_address(ip_address)
    except ValueError:
        return ""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    prefix = ipv4_prefix if address.version == 4 else ipv6_prefix
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False))


def client_ip(request: HttpRequest) -> str | None:
    """The client's address: REMOTE_ADDR, or the one the trusted proxies saw.

    Each of the ``DISCUSSION_TRUSTED_PROXIES`` proxies appends the address it received from to
    X-Forwarded-For, so the client is that many entries from the right; anything further left
    was written by the client and proves nothing.
    """
    remote = request.META.get("REMOTE_ADDR") or None
    proxies = settings.DISCUSSION_TRUSTED_PROXIES
    if proxies <= 0:
        return _valid_ip(remote)
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < proxies:
        return _valid_ip(remote)
    return _valid_ip(forwarded[-proxies]) or _valid_ip(remote)


def _valid_ip(value: str | None) -> str | None:
    try:
        return str(ipaddress.ip_address((value or "").strip()))
    except ValueError:
        return None
