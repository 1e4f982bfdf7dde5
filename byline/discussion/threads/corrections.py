"""The article's corrections in its thread, each in its place among the comments.

A correction is placed by the moment it first went live (``Correction.published_at``): in the
oldest-first sort after the comments written before it, in the newest-first sort above them; a
page of the thread shows the corrections that fall between its first and last comment and the
one before it (the last comment of the page before, which the cursor names). In the "most voted"
sort, order in time means nothing: every correction heads the first page. A thread narrowed to
inline feedback, to editor's picks or to one conversation shows none.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from byline.discussion.models import Comment, Sort


@dataclass(frozen=True)
class ThreadCorrection:
    """A correction as the thread shows it: the date readers see, the moment that places it."""

    pk: int
    published_on: dt.date
    published_at: dt.datetime
    note: str


def corrections_of(page_id: int) -> list[ThreadCorrection]:
    """The live corrections of an article, oldest first."""
    from byline.newsroom.models import Correction

    rows = (
        Correction.objects.filter(article_id=page_id, published_at__isnull=False)
        .order_by("published_at", "pk")
        .values_list("pk", "published_on", "published_at", "note")
    )
    return [ThreadCorrection(*row) for row in rows]


def place(
    corrections: list[ThreadCorrection],
    roots: list[Comment],
    *,
    sort: str,
    previous: dt.datetime | None,
    last_page: bool,
) -> tuple[dict[int, list[ThreadCorrection]], list[ThreadCorrection]]:
    """Which corrections go before which root comment of this page, and which after its last.

    ``previous`` is when the root before this page was written (None on the first page);
    ``last_page`` whether no page follows, so corrections past the last comment go there.
    """
    before: dict[int, list[ThreadCorrection]] = {}
    if not corrections:
        return before, []
    if sort == Sort.MOST_VOTED:
        if previous is None and roots:
            before[roots[0].pk] = list(reversed(corrections))
            return before, []
        return before, (list(reversed(corrections)) if previous is None else [])
    newest_first = sort != Sort.OLDEST
    ordered = list(reversed(corrections)) if newest_first else corrections

    def between(low, high):
        # Corrections later than ``low`` and no later than ``high`` (None: unbounded).
        return [
            c
            for c in corrections
            if (low is None or c.published_at > low) and (high is None or c.published_at <= high)
        ]

    edge = previous
    for root in roots:
        found = between(root.created_at, edge) if newest_first else between(edge, root.created_at)
        if found:
            before[root.pk] = [c for c in ordered if c in found]
        edge = root.created_at
    after: list[ThreadCorrection] = []
    if last_page:
        rest = between(None, edge) if newest_first else between(edge, None)
        if newest_first and edge is None:
            rest = corrections
        after = [c for c in ordered if c in rest]
    return before, after
