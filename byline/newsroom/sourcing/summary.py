""" "How this story is sourced": the article's source marks counted by kind, in words.

Counting: a mark with a name counts once per name and kind (the same outlet cited in three
paragraphs is one outlet); a mark without a name counts once (each unnamed source is taken as
its own). "On the record" is always shown, even at 0: readers of rumour stories look for it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from byline.newsroom.sourcing.checker import rich_text_of_body
from byline.newsroom.sourcing.kinds import KINDS_BY_VALUE
from byline.newsroom.sourcing.marks import Mark, find_marks

# The order readers read the counts in: the weakest sourcing first, "on the record" last.
SUMMARY_ORDER = ("anonymous", "outlet", "social", "document", "own", "on_record")
ALWAYS_SHOWN = frozenset({"on_record"})


@dataclass(frozen=True)
class SourceCount:
    kind: str
    count: int
    names: tuple[str, ...]

    @property
    def words(self) -> str:
        """ "4 anonymous sources", "1 other outlet", "0 on the record"."""
        kind = KINDS_BY_VALUE[self.kind]
        return f"{self.count} {kind.singular if self.count == 1 else kind.plural}"

    @property
    def text(self) -> str:
        """The words with the names: "1 other outlet: Page Six"."""
        return f"{self.words}: {', '.join(self.names)}" if self.names else self.words


@dataclass(frozen=True)
class SourcingSummary:
    counts: tuple[SourceCount, ...]

    @property
    def has_marks(self) -> bool:
        return any(count.count for count in self.counts)

    @property
    def text(self) -> str:
        """The whole summary on one line, as feeds or tests read it."""
        return ", ".join(count.text for count in self.counts)


def summarise_marks(marks: list[Mark]) -> SourcingSummary:
    named: dict[str, dict[str, None]] = {kind: {} for kind in SUMMARY_ORDER}
    unnamed = dict.fromkeys(SUMMARY_ORDER, 0)
    for mark in marks:
        if mark.kind not in named:
            continue
        if mark.name:
            named[mark.kind].setdefault(mark.name, None)
        else:
            unnamed[mark.kind] += 1
    counts = tuple(
        SourceCount(kind=kind, count=len(named[kind]) + unnamed[kind], names=tuple(named[kind]))
        for kind in SUMMARY_ORDER
        if named[kind] or unnamed[kind] or kind in ALWAYS_SHOWN
    )
    return SourcingSummary(counts=counts)


def summarise_body(body: Iterable[Any]) -> SourcingSummary:
    """The summary of every mark in an article body."""
    marks = [mark for _id, html in rich_text_of_body(body) for mark in find_marks(html).marks]
    return summarise_marks(marks)
