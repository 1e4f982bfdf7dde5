"""Find the links in a comment: the ones Markdown made, and the addresses typed as plain text."""

from __future__ import annotations

import contextlib
import html
import re
from urllib.parse import urlsplit

_HREF = re.compile(r'<a\s[^>]*?href="([^"]*)"', re.IGNORECASE)
# Bare addresses: with a scheme, starting with www., or a name under a common spam-bearing TLD.
_BARE = re.compile(
    r"(?i)\b(?:https?://[^\s<>\"'()]+|www\.[^\s<>\"'()]+"
    r"|[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|net|org|info|biz|io|co|ru|cn|xyz|top|site"
    r"|online|shop|store|club|click|link|live|me|us|uk|de|fr|win|bid|loan|vip|app)\b(?:/[^\s<>\"'()]*)?)"
)


def extract(body_html: str, text: str) -> list[str]:
    """Every distinct link target in the comment, in order of appearance."""
    found: dict[str, None] = {}
    for href in _HREF.findall(body_html):
        found.setdefault(html.unescape(href).strip(), None)
    for address in _BARE.findall(text):
        found.setdefault(address.rstrip(".,;:!?"), None)
    return list(found)


def host_of(link: str) -> str:
    """The lower-case host a link points to, without ``www.``; '' for mailto: and nonsense."""
    if link.lower().startswith("mailto:"):
        return ""
    target = link if "://" in link else f"http://{link}"
    try:
        host = (urlsplit(target).hostname or "").rstrip(".").lower()
    except ValueError:
        return ""
    with contextlib.suppress(UnicodeError):
        host = host.encode("idna").decode("ascii")
    return host.removeprefix("www.")


def is_within(host: str, domain: str) -> bool:
    """Whether ``host`` is ``domain`` or one of its subdomains."""
    domain = domain.strip().lower().removeprefix("www.").rstrip(".")
    return bool(domain) and (host == domain or host.endswith("." + domain))
