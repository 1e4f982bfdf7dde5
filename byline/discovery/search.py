"""Site search: turn what a reader typed into a safe query, and rank articles for it.

Readers type anything: quotes, operators, NUL bytes, emoji, whole paragraphs. The search
backends pass words to SQLite FTS5 and PostgreSQL ``to_tsquery`` with incomplete escaping (a
double quote breaks FTS5, a NUL byte breaks psycopg), so only plain words ever reach them: the
query is cut to word characters here, and what cannot be searched is reported, not raised.

Ranking puts stories whose headline contains every word first, then the rest, each group in the
backend's relevance order. The backends alone do not do that: SQLite's BM25 weighs the headline
like the body, so a story about "Marsh" in its headline could rank below one that mentions
Marsh once in the body.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from django.db.models import Q

from byline.newsroom.models import ArticlePage

if TYPE_CHECKING:
    from wagtail.query import PageQuerySet

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
MAX_TERM_LENGTH = 50

# Letters and digits only: an underscore is punctuation to both backends' tokenisers.
WORD = re.compile(r"[^\W_]+")
# Unicode "other" categories: control, format, surrogate, private use and unassigned characters.
INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})


@dataclass(frozen=True)
class SearchQuery:
    """What a reader asked for (``text``, cleaned for display) and the words searched for."""

    text: str
    terms: tuple[str, ...]
    shortened: bool = False

    @property
    def is_blank(self) -> bool:
        return not self.text

    @property
    def is_searchable(self) -> bool:
        return bool(self.terms)

    @property
    def backend_query(self) -> str:
        return " ".join(self.terms)


def clean_text(raw: str) -> str:
    """Return ``raw`` normalised (NFKC), without invisible characters, on one line."""
    text = unicodedata.normalize("NFKC", raw[: MAX_QUERY_LENGTH * 4])
    visible = "".join(
        " " if char.isspace() else char
        for char in text
        if char.isspace() or unicodedata.category(char) not in INVISIBLE_CATEGORIES
    )
    return " ".join(visible.split())


def parse_query(raw: str) -> SearchQuery:
    """Parse a reader's raw ``q`` into a :class:`SearchQuery`; never raises."""
    text = clean_text(raw)
    shortened = len(text) > MAX_QUERY_LENGTH
    text = text[:MAX_QUERY_LENGTH].strip()
    words = [word[:MAX_TERM_LENGTH] for word in WORD.findall(text)]
    # lower(), not casefold(): both backends lower-case their index, and casefold() would turn
    # "straße" into "strasse", which the index does not hold.
    unique = tuple(dict.fromkeys(word.lower() for word in words))
    if len(unique) > MAX_TERMS:
        shortened = True
    return SearchQuery(text=text, terms=unique[:MAX_TERMS], shortened=shortened)


def headline_contains_all(terms: Sequence[str]) -> Q:
    """Match headlines containing every term as a whole word, case-insensitively.

    Terms are letters and digits only, so they are literal in both Python's and PostgreSQL's
    regular expressions, and ``\\W`` means "not a word character" in both.
    """
    condition = Q()
    for term in terms:
        condition &= Q(title__iregex=rf"(^|\W){term}(\W|$)")
    return condition


class RankedResults:
    """Search results as a sliceable sequence for ``Paginator``: headline matches first."""

    def __init__(self, query: SearchQuery, articles: PageQuerySet) -> None:
        in_headline = headline_contains_all(query.terms)
        self.groups = [
            articles.filter(in_headline).search(query.backend_query, operator="and"),
            articles.exclude(in_headline).search(query.backend_query, operator="and"),
        ]

    @cached_property
    def counts(self) -> list[int]:
        return [group.count() for group in self.groups]

    def count(self) -> int:
        return sum(self.counts)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, key: slice) -> list[ArticlePage]:
        if not isinstance(key, slice) or key.step not in (None, 1):
            raise TypeError("RankedResults supports plain slices only.")
        start, stop = key.start or 0, key.stop if key.stop is not None else self.count()
        found: list[ArticlePage] = []
        for group, size in zip(self.groups, self.counts, strict=True):
            if start < size and stop > 0:
                found.extend(group[max(start, 0) : min(stop, size)])
            start, stop = start - size, stop - size
        return found


def search_articles(query: SearchQuery) -> RankedResults | list[ArticlePage]:
    """Return live, public articles matching every word of ``query``, best first."""
    if not query.is_searchable:
        return []
    return RankedResults(query, ArticlePage.objects.live().public().for_listing())
