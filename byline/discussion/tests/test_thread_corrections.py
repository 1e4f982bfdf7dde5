"""Placing an article's corrections among the comments of a thread read a page at a time."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from hypothesis import given
from hypothesis import strategies as st

from byline.discussion.threads.corrections import ThreadCorrection, place

START = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def at(minute: int) -> dt.datetime:
    return START + dt.timedelta(minutes=minute)


def read_in_pages(comment_minutes, correction_minutes, sort, size):
    """Every item a reader sees paging through the whole thread, in order."""
    roots = [
        SimpleNamespace(pk=n + 1, created_at=at(m)) for n, m in enumerate(sorted(comment_minutes))
    ]
    if sort == "newest":
        roots.reverse()
    corrections = [
        ThreadCorrection(pk=n + 1, published_on=at(m).date(), published_at=at(m), note="")
        for n, m in enumerate(sorted(correction_minutes))
    ]
    seen, previous = [], None
    pages = [roots[i : i + size] for i in range(0, len(roots), size)] or [[]]
    for number, page in enumerate(pages):
        before, after = place(
            corrections, page, sort=sort, previous=previous, last_page=number == len(pages) - 1
        )
        for root in page:
            seen += [("correction", c.published_at) for c in before.get(root.pk, [])]
            seen.append(("comment", root.created_at))
        seen += [("correction", c.published_at) for c in after]
        previous = page[-1].created_at if page else previous
    return seen, corrections


@given(
    comments=st.lists(st.integers(0, 500), max_size=30, unique=True),
    fixes=st.lists(st.integers(0, 500), max_size=6, unique=True),
    sort=st.sampled_from(["oldest", "newest"]),
    size=st.integers(1, 7),
)
def test_every_correction_shows_once_in_time_order_whatever_the_pages(comments, fixes, sort, size):
    seen, corrections = read_in_pages(comments, fixes, sort, size)

    assert sorted(m for kind, m in seen if kind == "correction") == [
        c.published_at for c in corrections
    ]
    moments = [moment for _, moment in seen]
    # A correction at the very moment of a comment may sit on either side of it.
    expected = sorted(moments) if sort == "oldest" else sorted(moments, reverse=True)
    assert [m for m in moments] == expected


@given(
    comments=st.lists(st.integers(0, 500), max_size=30, unique=True),
    fixes=st.lists(st.integers(0, 500), min_size=1, max_size=6, unique=True),
    size=st.integers(1, 7),
)
def test_in_most_voted_every_correction_heads_the_first_page(comments, fixes, size):
    seen, corrections = read_in_pages(comments, fixes, "votes", size)

    assert [kind for kind, _ in seen[: len(corrections)]] == ["correction"] * len(corrections)
    assert sum(kind == "correction" for kind, _ in seen) == len(corrections)
