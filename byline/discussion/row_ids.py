"""Row ids read from requests: ASCII digits only, and small enough for a database integer.

``str.isdigit`` alone accepts superscripts and other digits that ``int`` refuses, and a long
run of digits overflows a bigint: both would turn a hostile link into a server error.
"""

from __future__ import annotations

LONGEST = 18


def row_id(raw: object) -> int | None:
    """The id ``raw`` spells, or None for anything else."""
    text = str(raw) if raw is not None else ""
    if text.isascii() and text.isdigit() and len(text) <= LONGEST:
        return int(text)
    return None


def row_ids(raws, *, limit: int) -> list[int]:
    """The valid ids among ``raws``, at most ``limit`` of them."""
    return [found for found in map(row_id, raws) if found is not None][:limit]
