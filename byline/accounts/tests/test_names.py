"""Names people show to others: one line of visible text, however they were typed."""

from __future__ import annotations

import unicodedata
from email.message import EmailMessage

import pytest
from hypothesis import given
from hypothesis import strategies as st

from byline.accounts.names import clean_name
from byline.accounts.tests.factories import UserFactory

HIDDEN_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn"}
# Newlines, a right-to-left override, zero-width characters and a byte-order mark.
HOSTILE = ["Maya\nBcc: all@example.org", "Maya\u202eredaeR", "Ma\u200bya\u200d", "\ufeffMaya\r\n"]


@given(st.text(max_size=120))
def test_a_clean_name_is_one_line_of_visible_text(raw):
    name = clean_name(raw)

    assert not any(unicodedata.category(char) in HIDDEN_CATEGORIES for char in name)
    assert len(name.splitlines()) <= 1
    assert name == name.strip() and "  " not in name
    assert clean_name(name) == name
    EmailMessage()["Subject"] = f"{name} replied to your comment"  # raises on a line break


@given(st.text(alphabet=st.characters(categories=["L", "N"]), min_size=1, max_size=40))
def test_letters_and_digits_are_kept(raw):
    assert clean_name(raw) == unicodedata.normalize("NFC", raw)


@pytest.mark.parametrize("raw", HOSTILE)
def test_hostile_names_lose_only_what_nobody_sees(raw):
    assert clean_name(raw) in {"Maya Bcc: all@example.org", "MayaredaeR", "Maya"}


@pytest.mark.django_db
@pytest.mark.parametrize("raw", HOSTILE)
def test_a_display_name_is_cleaned_where_it_is_written(raw):
    user = UserFactory(display_name=raw)
    user.refresh_from_db()

    assert user.display_name == clean_name(raw)
    assert "\n" not in user.public_name and "\u202e" not in user.public_name
