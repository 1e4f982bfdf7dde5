"""What readers say under each demo article, section by section, as data."""

from __future__ import annotations

from byline.discussion.demo.conversations import celebrity, film, music, tv

CONVERSATIONS = (
    *celebrity.CONVERSATIONS,
    *tv.CONVERSATIONS,
    *music.CONVERSATIONS,
    *film.CONVERSATIONS,
)

__all__ = ["CONVERSATIONS"]
