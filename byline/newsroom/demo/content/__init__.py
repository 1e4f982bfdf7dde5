"""The demo newsroom's content as data: the publication, its people and its stories.

The stories follow rumours to their ends: a split that was denied, an engagement that was
confirmed (followed as a developing story, in ``stories``), a feud that was a deadline, an exit that was a negotiation, a reunion that happened.
"""

from __future__ import annotations

from byline.newsroom.demo.content import celebrity, film, music, tv
from byline.newsroom.demo.content.newsroom import AUTHORS, PEOPLE, PUBLICATION, SECTIONS, TOPICS
from byline.newsroom.demo.content.stories import (
    STORIES,
    STORIES_INDEX_INTRO,
    STORIES_INDEX_TITLE,
)

ARTICLES = (*celebrity.ARTICLES, *tv.ARTICLES, *music.ARTICLES, *film.ARTICLES)

__all__ = [
    "ARTICLES",
    "AUTHORS",
    "PEOPLE",
    "PUBLICATION",
    "SECTIONS",
    "STORIES",
    "STORIES_INDEX_INTRO",
    "STORIES_INDEX_TITLE",
    "TOPICS",
]
