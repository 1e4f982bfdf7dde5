"""Which endpoint addresses Byline posts to: the SSRF policy.

An endpoint is typed by an editor, and the worker posts to it from inside the newsroom's
network, so an address is refused unless:

- its scheme is ``https`` (``http`` only when ``WEBHOOKS_ALLOW_HTTP``, on with ``DEBUG``);
- it names a host and carries no user name or password (a secret belongs in the signature);
- every address its host resolves to is a public one: loopback, private, link-local (cloud
  metadata at 169.254.169.254), multicast, reserved and unspecified addresses are refused
  unless ``WEBHOOKS_ALLOW_PRIVATE_ADDRESSES`` (on with ``DEBUG`` and in the tests).

The form checks the address when it is saved; the worker checks it again before every
attempt, resolving the host itself and connecting to the address it checked (so a name that
resolves elsewhere later, DNS rebinding, gains nothing). Redirects are never followed: a 3xx
answer is a failed attempt.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import SplitResult, urlsplit

from django.conf import settings

from byline.public_addresses import is_public


class Refused(ValueError):
    """An endpoint address Byline does not post to; the message says why."""


class Unresolved(Refused):
    """A host name that did not resolve: perhaps a passing DNS failure, so the worker retries
    it (the form refuses it all the same)."""


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str
    port: int
    path: str
    address: str  # the IP address checked, which the worker connects to


def check(url: str, *, resolve: bool = True) -> Target:
    """The address to post ``url`` to, or ``Refused`` with the reason."""
    parts = _parts(url)
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme == "https" else 80)
    address = _allowed_address(host, port) if resolve else host
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return Target(parts.scheme, host, port, path, address)


def _parts(url: str) -> SplitResult:
    if any(character.isspace() or ord(character) < 32 for character in url):
        raise Refused("An endpoint URL cannot contain spaces or control characters.")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises for a port that is not a number in range
    except ValueError as error:
        raise Refused("This is not a valid URL.") from error
    allowed = ("https", "http") if _http_allowed() else ("https",)
    if parts.scheme not in allowed:
        raise Refused(
            "Endpoint URLs must start with https://."
            if "http" not in allowed
            else "Endpoint URLs must start with https:// or http://."
        )
    if not parts.hostname:
        raise Refused("An endpoint URL needs a host name.")
    if parts.username is not None or parts.password is not None:
        raise Refused(
            "Leave the user name and password out of the URL: deliveries are signed instead."
        )
    if parts.fragment:
        raise Refused("An endpoint URL cannot have a #fragment.")
    return parts


def _allowed_address(host: str, port: int) -> str:
    """The first address ``host`` resolves to, once every one of them is allowed."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except UnicodeError as error:  # not a host name at all: no retry makes it one
        raise Refused(f"The host {host} cannot be found.") from error
    except OSError as error:
        raise Unresolved(f"The host {host} cannot be found.") from error
    addresses = [str(info[4][0]).split("%")[0] for info in found]
    if not addresses:
        raise Unresolved(f"The host {host} cannot be found.")
    if not settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES:
        for address in addresses:
            if not is_public(ipaddress.ip_address(address)):
                raise Refused(
                    f"The host {host} is on a private or local network ({address}); "
                    "webhooks go to public addresses only."
                )
    return addresses[0]


def _http_allowed() -> bool:
    return bool(settings.DEBUG or settings.WEBHOOKS_ALLOW_HTTP)
