"""Addresses from other sites, in one canonical spelling: origins (``scheme://host[:port]``) and
the URLs of the pages Byline keeps threads for.

One page must have one thread, whoever names it and however: ``HTTPS://Blog.Example.org:443/a``
and ``https://blog.example.org/a#comments`` are one page. So an address is normalised before it
is compared or stored:

- the scheme is http or https (nothing else can hold a readers' page: ``javascript:``, ``data:``,
  ``file:`` are refused), scheme and host in lower case, an international host in its ASCII
  (IDNA) form, the scheme's default port dropped, no user name or password;
- the path keeps its case (servers tell ``/Post`` from ``/post``), with ``.`` and ``..``
  segments resolved, characters outside ASCII percent-encoded and escapes in upper case, and
  ``/`` for an empty path;
- the fragment is dropped: it names a place on the page, not another page;
- the query is kept, because it can be what names the page (WordPress's ``?p=123``), but
  without what never does: tracking parameters (``utm_*``, ``fbclid``, ... as the page cache
  drops them) and Byline's own permalink parameters (``comment``, ``subscribed``), so that a
  reader arriving by an e-mailed link finds the same thread. What is left is sorted by name,
  so the order a link happens to use makes no second page.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from urllib.parse import SplitResult, quote, unquote_plus, urlsplit

import idna

from byline.pagecache.keys import is_tracking

SCHEMES = {"http": 80, "https": 443}
MAX_ORIGIN_LENGTH = 255
MAX_URL_LENGTH = 2000
# Parameters Byline itself adds to a page's address (its permalinks), which never name a page.
BYLINE_PARAMETERS = frozenset({"comment", "subscribed"})
# A host name: dot-separated labels of letters, digits and hyphens (after IDNA), no empty label.
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
# A last label a browser takes for a number (decimal, octal or hex): the host is an IPv4 address.
_NUMERIC_LABEL = re.compile(r"^(?:[0-9]+|0[xX][0-9a-fA-F]*)$")
# Characters a path may keep as they are; anything else is percent-encoded.
_PATH_SAFE = "/%:@!$&'()*+,;=-._~"
_QUERY_SAFE = "/?%:@!$'()*+,;=-._~"
_ESCAPE = re.compile(r"%([0-9a-fA-F]{2})")
# Whitespace and control characters have no place in an address (browsers encode them).
_FORBIDDEN = re.compile(r"[\x00-\x20\x7f-\x9f\s]")


class AddressError(ValueError):
    """An address refused, with a message for the person who gave it."""


@dataclass(frozen=True)
class Address:
    """A page's canonical URL and the origin it belongs to."""

    url: str
    origin: str
    path: str


def normalise_origin(value: str) -> str:
    """``scheme://host[:port]`` in its canonical spelling, or AddressError saying why not."""
    text = (value or "").strip()
    if not text:
        raise AddressError("Give an origin such as https://blog.example.org.")
    if len(text) > MAX_ORIGIN_LENGTH:
        raise AddressError(f"An origin is at most {MAX_ORIGIN_LENGTH} characters.")
    parts = _split(text, what="origin")
    if parts.path not in ("", "/") or "?" in text or "#" in text:
        raise AddressError(
            "An origin is only a scheme, a host and maybe a port, such as https://blog.example.org"
            " (no path, query or fragment)."
        )
    return _origin(parts)


def normalise_url(value: str) -> Address:
    """The canonical form of a page's absolute http(s) URL, or AddressError saying why not."""
    text = (value or "").strip()
    if not text:
        raise AddressError("Give the page's full address, such as https://blog.example.org/post.")
    if len(text) > MAX_URL_LENGTH:
        raise AddressError(f"The page's address is longer than {MAX_URL_LENGTH} characters.")
    parts = _split(text, what="page's address")
    origin = _origin(parts)
    path = _path(parts.path)
    query = _query(parts.query)
    url = origin + path + (f"?{query}" if query else "")
    if len(url) > MAX_URL_LENGTH:
        raise AddressError(f"The page's address is longer than {MAX_URL_LENGTH} characters.")
    return Address(url=url, origin=origin, path=path)


def _split(text: str, *, what: str) -> SplitResult:
    if _FORBIDDEN.search(text):
        raise AddressError(f"The {what} contains spaces or control characters.")
    try:
        parts = urlsplit(text)
    except ValueError as error:
        raise AddressError(f"The {what} is not a valid URL.") from error
    if parts.scheme.lower() not in SCHEMES:
        raise AddressError(f"The {what} must start with https:// or http://.")
    if not parts.netloc or not parts.hostname:
        raise AddressError(f"The {what} has no host name.")
    if "@" in parts.netloc:
        raise AddressError(f"The {what} may not contain a user name or password.")
    return parts


def _origin(parts: SplitResult) -> str:
    scheme = parts.scheme.lower()
    host = _host(parts.hostname or "", parts.netloc)
    try:
        port = parts.port
    except ValueError as error:
        raise AddressError("The port is not a number from 1 to 65535.") from error
    if port == 0:
        raise AddressError("The port is not a number from 1 to 65535.")
    shown_port = "" if port in (None, SCHEMES[scheme]) else f":{port}"
    return f"{scheme}://{host}{shown_port}"


def _host(hostname: str, netloc: str) -> str:
    """The host in lower case: an IP address as Python spells it, a name in its IDNA form."""
    if "[" in netloc:
        try:
            return f"[{ipaddress.IPv6Address(hostname).compressed}]"
        except ValueError as error:
            raise AddressError("The host is not a valid IPv6 address.") from error
    name = hostname.rstrip(".")
    try:
        return str(ipaddress.IPv4Address(name))
    except ValueError:
        pass
    if _NUMERIC_LABEL.match(name.rpartition(".")[2]):
        # A browser reads "127.1" or "0x7f.0.0.1" as an IPv4 address: one spelling only.
        raise AddressError("Write an IPv4 address as four decimal numbers, such as 192.0.2.1.")
    try:
        # UTS 46 without the transitional mapping, as browsers do: "faß.de" is not "fass.de".
        ascii_name = idna.encode(name, uts46=True, transitional=False).decode("ascii").lower()
    except (idna.IDNAError, UnicodeError) as error:
        raise AddressError("The host is not a valid domain name.") from error
    labels = ascii_name.split(".")
    if len(ascii_name) > 253 or not all(_LABEL.match(label) for label in labels):
        raise AddressError("The host is not a valid domain name.")
    return ascii_name


def _path(path: str) -> str:
    path = _escaped(path)  # "%2e%2e" is ".." too, resolved below
    segments: list[str] = []
    for segment in path.split("/")[1:] if path.startswith("/") else path.split("/"):
        if segment == "..":
            if segments:
                segments.pop()
        elif segment != ".":
            segments.append(segment)
    # A final "." or ".." still names a folder: keep its trailing slash.
    if path.rsplit("/", 1)[-1] in (".", ".."):
        segments.append("")
    return _escaped(quote("/" + "/".join(segments), safe=_PATH_SAFE))


def _query(query: str) -> str:
    """The pairs that may name the page, as they were written (only non-ASCII encoded), sorted
    by name; empty pairs dropped."""
    kept = []
    for pair in query.split("&"):
        name = unquote_plus(pair.partition("=")[0])
        if pair and not is_tracking(name) and name.lower() not in BYLINE_PARAMETERS:
            kept.append((name, _escaped(quote(pair, safe=_QUERY_SAFE))))
    return "&".join(pair for _, pair in sorted(kept, key=lambda item: item[0]))


def _escaped(text: str) -> str:
    """Escapes in upper case, and none for an unreserved character: %61 is "a" (RFC 3986 6.2.2)."""
    return _ESCAPE.sub(_one_escape, text)


def _one_escape(match: re.Match[str]) -> str:
    char = chr(int(match.group(1), 16))
    return char if char in _UNRESERVED else f"%{match.group(1).upper()}"
