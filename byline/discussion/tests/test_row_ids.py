"""Ids read from requests: only plain ASCII digits that fit a database integer count."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from byline.discussion.row_ids import row_id, row_ids


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("42", 42), ("007", 7), ("9" * 18, int("9" * 18)), (12, 12)],
)
def test_plain_digits_are_ids(raw, expected):
    assert row_id(raw) == expected


@pytest.mark.parametrize("raw", [None, "", "-1", "1.0", " 1", "1e3", "9" * 19, "²", "١٢", "１"])
def test_anything_else_is_none(raw):
    assert row_id(raw) is None


@given(st.text(max_size=30))
def test_no_text_raises_and_every_id_spells_itself(raw):
    found = row_id(raw)

    assert found is None or str(found) == raw.lstrip("0") or (found == 0 and set(raw) == {"0"})


def test_a_list_keeps_the_valid_ids_up_to_the_limit():
    assert row_ids(["3", "x", "²", "5", "8"], limit=2) == [3, 5]
