"""The one place that decides what face a person shows: their uploaded picture, else (only when
the site turns it on) their Gravatar, else initials on a colour of their own.

An avatar always sits beside the person's name, so it is decorative: pages mark it hidden from
screen readers, which would otherwise read the name twice. Nothing here depends on who is
looking, so pages that show avatars stay shareable by the page cache. Reading an avatar costs no
query: everything comes from the user row the caller already has.
"""

from __future__ import annotations

import colorsys
import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from django.conf import settings

from byline.accounts.pictures import SMALL

if TYPE_CHECKING:
    from byline.accounts.models import User

GRAVATAR_URL = "https://www.gravatar.com/avatar/"
WHITE = "#ffffff"
# WCAG 2.2 AA for normal text: initials on their background are at least this legible.
AA_CONTRAST = 4.5


@dataclass(frozen=True)
class Avatar:
    size: int
    url: str = ""
    initials: str = ""
    background: str = ""
    foreground: str = WHITE

    @property
    def is_picture(self) -> bool:
        return bool(self.url)


def avatar_for(user: User | None, name: str, size: int) -> Avatar:
    """The avatar of ``user`` (None for a guest, who has only ``name``) at ``size`` CSS pixels."""
    if user is not None and user.avatar:
        picture = user.avatar_small if size * 2 <= SMALL and user.avatar_small else user.avatar
        return Avatar(size=size, url=picture.url)
    if user is not None and settings.ACCOUNTS_GRAVATAR and user.verified_address:
        return Avatar(size=size, url=gravatar_url(user.verified_address, size))
    seed = f"user:{user.pk}" if user is not None and user.pk else f"name:{name.casefold()}"
    return Avatar(size=size, initials=initials(name), background=background_colour(seed))


def initials(name: str) -> str:
    """Up to two letters: the first of the name's first and last words ("Maya R." -> "MR")."""
    words = ["".join(char for char in word if char.isalnum()) for word in name.split()]
    words = [word for word in words if word]
    if not words:
        return "?"
    letters = words[0][0] + (words[-1][0] if len(words) > 1 else "")
    return letters.upper()


def background_colour(seed: str) -> str:
    """A colour that is always the same for ``seed``, dark enough for white initials to meet
    AA contrast."""
    digest = hashlib.blake2b(seed.encode(), digest_size=4).digest()
    hue = int.from_bytes(digest) % 360 / 360
    lightness = 0.45
    while True:
        colour = colorsys.hls_to_rgb(hue, lightness, 0.6)
        if contrast(colour, (1.0, 1.0, 1.0)) >= AA_CONTRAST:
            return "#" + "".join(f"{round(channel * 255):02x}" for channel in colour)
        lightness -= 0.02


def contrast(first: tuple[float, float, float], second: tuple[float, float, float]) -> float:
    """WCAG's contrast ratio between two sRGB colours (channels from 0 to 1)."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(colour: tuple[float, float, float]) -> float:
    def linear(channel: float) -> float:
        channel = round(channel * 255) / 255  # as the hex colour will be
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(channel) for channel in colour)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def gravatar_url(address: str, size: int) -> str:
    """Gravatar's picture for a verified address: its SHA-256, which is why it is off unless
    the site turns it on (ACCOUNTS_GRAVATAR)."""
    digest = hashlib.sha256(address.strip().lower().encode()).hexdigest()
    return f"{GRAVATAR_URL}{digest}?{urlencode({'s': size * 2, 'd': 'identicon'})}"
