"""Avatars: the uploaded picture, else Gravatar only when the site turns it on and only for a
verified address, else initials on a stable colour that white text is legible on; always
decorative, never personal to the viewer."""

from __future__ import annotations

import hashlib

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template
from hypothesis import given
from hypothesis import strategies as st

from byline.accounts import avatars
from byline.accounts.avatars import avatar_for, background_colour, contrast, initials
from byline.accounts.tests.factories import UserFactory


def render(user, name, size=40) -> str:
    template = Template("{% load avatars %}{% avatar user name size %}")
    return template.render(Context({"user": user, "name": name, "size": size}))


def rgb(hex_colour: str) -> tuple[float, float, float]:
    return tuple(int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Maya R.", "MR"),
        ("maya", "M"),
        ("Jean-Luc de la Tour", "JT"),
        ("  ", "?"),
        ("", "?"),
        ("!!! ???", "?"),
        ("<script>alert(1)</script>", "S"),
        ("Zoë Ünal", "ZÜ"),
        ("李 小龙", "李小"),
    ],
)
def test_initials_are_the_first_letters_of_the_first_and_last_words(name, expected):
    assert initials(name) == expected


@given(st.text(max_size=200))
def test_colours_are_stable_and_white_text_on_them_meets_aa(seed):
    colour = background_colour(seed)
    assert colour == background_colour(seed)
    assert len(colour) == 7 and colour.startswith("#")
    assert contrast(rgb(colour), (1.0, 1.0, 1.0)) >= 4.5


def test_different_people_mostly_get_different_colours():
    colours = {background_colour(f"user:{n}") for n in range(50)}
    assert len(colours) > 25


@pytest.mark.django_db
def test_without_a_picture_a_reader_gets_initials_coloured_by_their_id():
    reader = UserFactory(display_name="Maya Reader")
    avatar = avatar_for(reader, reader.public_name, 40)
    assert not avatar.is_picture
    assert avatar.initials == "MR"
    assert avatar.background == background_colour(f"user:{reader.pk}")
    # Renaming keeps the colour: it follows the account, not the name.
    assert avatar_for(reader, "Someone Else", 40).background == avatar.background


def test_a_guest_gets_initials_from_their_name():
    avatar = avatar_for(None, "Ola Guest", 40)
    assert avatar.initials == "OG"
    assert avatar.background == avatar_for(None, "ola guest", 40).background


@pytest.mark.django_db
def test_an_uploaded_picture_wins_and_the_thread_gets_the_small_file():
    reader = UserFactory()
    reader.avatar.name, reader.avatar_small.name = "avatars/abc-256.webp", "avatars/abc-96.webp"
    assert avatar_for(reader, "x", 40).url == "/media/avatars/abc-96.webp"
    assert avatar_for(reader, "x", 96).url == "/media/avatars/abc-256.webp"


@pytest.mark.django_db
def test_gravatar_is_off_unless_the_site_turns_it_on(settings):
    reader = UserFactory(email="Maya@Example.org", verified_email="maya@example.org")
    assert settings.ACCOUNTS_GRAVATAR is False
    assert not avatar_for(reader, "Maya", 40).is_picture
    assert "gravatar" not in render(reader, "Maya")

    settings.ACCOUNTS_GRAVATAR = True
    digest = hashlib.sha256(b"maya@example.org").hexdigest()
    url = avatar_for(reader, "Maya", 40).url
    assert url.startswith(f"https://www.gravatar.com/avatar/{digest}?") and "s=80" in url


@pytest.mark.django_db
def test_gravatar_is_never_asked_about_an_unverified_address_or_a_guest(settings):
    settings.ACCOUNTS_GRAVATAR = True
    unproven = UserFactory(verified_email="")
    assert not avatar_for(unproven, "Unproven", 40).is_picture
    assert not avatar_for(None, "Guest", 40).is_picture


@pytest.mark.django_db
def test_the_tag_renders_decorative_initials_or_a_decorative_picture():
    reader = UserFactory(display_name="Maya Reader")
    initials_html = render(reader, reader.public_name)
    assert 'aria-hidden="true"' in initials_html and ">MR</text>" in initials_html
    assert 'width="40"' in initials_html

    reader.avatar.name, reader.avatar_small.name = "avatars/abc-256.webp", "avatars/abc-96.webp"
    picture_html = render(reader, reader.public_name)
    assert '<img class="avatar" src="/media/avatars/abc-96.webp"' in picture_html
    assert 'alt=""' in picture_html


def test_the_tag_escapes_names_and_survives_odd_arguments():
    html = render(None, '"><script>alert(1)</script>', size="huge")
    assert "<script" not in html and 'width="40"' in html
    assert 'width="16"' in render(None, "x", size=-5)
    assert ">?</text>" in render(AnonymousUser(), "")


@given(st.text(max_size=100))
def test_no_name_puts_markup_in_the_tag(name):
    html = render(None, name)
    assert "<script" not in html.lower()
    assert html.count("<") == 5  # <svg>, <circle/>, <text>, </text>, </svg>


def test_a_background_for_every_hue_passes_aa():
    for n in range(2000):
        assert contrast(rgb(background_colour(str(n))), (1.0, 1.0, 1.0)) >= avatars.AA_CONTRAST
