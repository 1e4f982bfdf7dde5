"""The profile page: a signed-in reader changes their display name, bio and picture; whatever
they send, nothing half-saved, no markup stored, and a clear message for what is refused."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from PIL import Image

from byline.accounts import profiles
from byline.accounts.forms import ProfileForm
from byline.accounts.models import User
from byline.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db
URL = "/accounts/profile/"


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def reader(client) -> User:
    user = UserFactory(username="maya", display_name="Maya")
    client.force_login(user)
    return user


def png(size=(300, 200), colour="teal", name="me.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def save(client, **fields):
    data = {"display_name": "Maya", "bio": "", **fields}
    return client.post(URL, data)


def test_the_page_is_named_and_for_signed_in_readers_only(client):
    assert reverse("account_profile") == URL
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_the_page_shows_the_form_the_account_nav_and_the_current_face(client, reader):
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in html and 'class="account-nav"' in html
    assert 'aria-hidden="true"' in html and ">M</text>" in html
    assert "Remove my picture" not in html  # nothing to remove yet
    assert (
        response["Cache-Control"].startswith("max-age=0") or "no-cache" in response["Cache-Control"]
    )


def test_name_and_bio_are_saved_as_one_clean_paragraph(client, reader):
    response = save(
        client, display_name="  Maya\u200b  R. ", bio="I write\r\n\r\nabout  films. I <3 them."
    )
    assert response.status_code == 302 and response["Location"] == URL
    reader.refresh_from_db()
    assert reader.display_name == "Maya R."
    assert reader.bio == "I write about films. I <3 them."
    assert "Your profile is saved." in client.get(URL).content.decode()


@pytest.mark.parametrize(
    "bio",
    ["<script>alert(1)</script>", "Hello <b>there</b>", "<img src=x onerror=alert(1)>",
     "a </p> b", "<!-- hidden -->", "< script>alert(1)</script>"],
)  # fmt: skip
def test_a_bio_with_markup_is_refused_and_nothing_is_saved(client, reader, bio):
    response = save(client, display_name="New name", bio=bio)
    assert response.status_code == 400
    assert "Your bio is plain text" in response.content.decode()
    reader.refresh_from_db()
    assert (reader.display_name, reader.bio) == ("Maya", "")


def test_a_bio_longer_than_the_limit_is_refused(client, reader):
    response = save(client, bio="x" * (profiles.BIO_MAX_LENGTH + 1))
    assert response.status_code == 400
    assert "at most 300 characters" in response.content.decode()


@hypothesis_settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.text(max_size=400))
def test_any_bio_is_saved_as_plain_text_or_refused_with_a_reason(bio):
    form = ProfileForm({"display_name": "Maya", "bio": bio})
    if not form.is_valid():
        assert form.errors["bio"]
        return
    kept = form.cleaned_data["bio"]
    assert not profiles.MARKUP.search(kept)
    assert "\n" not in kept and "\r" not in kept and "\x00" not in kept
    assert len(kept) <= profiles.BIO_MAX_LENGTH and kept == kept.strip()


def test_an_upload_is_stored_square_under_a_random_name(client, reader, media):
    response = client.post(
        URL, {"display_name": "Maya", "bio": "", "picture": png(name="../../x.svg")}
    )
    assert response.status_code == 302
    reader.refresh_from_db()
    assert reader.avatar.name.startswith("avatars/") and reader.avatar.name.endswith(".webp")
    assert "x.svg" not in reader.avatar.name
    assert Image.open(media / reader.avatar.name).size == (256, 256)
    assert Image.open(media / reader.avatar_small.name).size == (96, 96)
    html = client.get(URL).content.decode()
    assert f'src="/media/{reader.avatar.name}"' in html and "Remove my picture" in html


def test_a_new_picture_replaces_the_old_whose_files_are_deleted(client, reader, media):
    client.post(URL, {"display_name": "Maya", "picture": png(colour="red")})
    reader.refresh_from_db()
    old = [reader.avatar.name, reader.avatar_small.name]

    client.post(URL, {"display_name": "Maya", "picture": png(colour="blue")})
    reader.refresh_from_db()

    assert reader.avatar.name not in old
    assert (media / reader.avatar.name).exists()
    assert not any((media / name).exists() for name in old)


def test_removing_the_picture_deletes_its_files_and_brings_back_initials(client, reader, media):
    client.post(URL, {"display_name": "Maya", "picture": png()})
    reader.refresh_from_db()
    old = [reader.avatar.name, reader.avatar_small.name]

    client.post(URL, {"display_name": "Maya", "remove_picture": "on"})

    reader.refresh_from_db()
    assert not reader.avatar and not reader.avatar_small
    assert not any((media / name).exists() for name in old)
    assert ">M</text>" in client.get(URL).content.decode()


def test_saving_without_a_new_picture_keeps_the_old_one(client, reader, media):
    client.post(URL, {"display_name": "Maya", "picture": png()})
    reader.refresh_from_db()
    kept = reader.avatar.name
    save(client, bio="Changed only the bio.")
    reader.refresh_from_db()
    assert reader.avatar.name == kept and (media / kept).exists()


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", "a.svg",
         "not a picture we can use"),
        (b"just text", "a.png", "not a picture we can use"),
        (b"\x00" * 6_000_001, "a.jpg", "a picture may be at most 5 MB"),
    ],
)  # fmt: skip
def test_a_refused_upload_says_why_and_changes_nothing(
    client, reader, media, content, name, message
):
    upload = SimpleUploadedFile(name, content, content_type="image/png")
    response = client.post(URL, {"display_name": "Renamed", "bio": "new", "picture": upload})
    assert response.status_code == 400
    assert message in response.content.decode()
    reader.refresh_from_db()
    assert (reader.display_name, reader.bio, reader.avatar.name) == ("Maya", "", "")
    assert not (media / "avatars").exists() or not any((media / "avatars").iterdir())


def test_a_change_tells_the_apps_above_only_when_the_face_or_name_changed(client, reader):
    heard = []
    profiles.profile_changed.connect(lambda sender, user, **kw: heard.append(user.pk), weak=False,
                                     dispatch_uid="test-profile-changed")  # fmt: skip
    try:
        save(client, bio="Only the bio.")
        assert heard == []
        save(client, display_name="Maya R.")
        assert heard == [reader.pk]
        client.post(URL, {"display_name": "Maya R.", "picture": png()})
        assert heard == [reader.pk, reader.pk]
    finally:
        profiles.profile_changed.disconnect(dispatch_uid="test-profile-changed")


def test_a_failed_save_deletes_the_new_files(reader, media, monkeypatch):
    from byline.accounts import pictures

    picture = pictures.read_picture(png())
    monkeypatch.setattr(User, "save", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("db")))
    with pytest.raises(RuntimeError):
        profiles.update_profile(
            user=reader, change=profiles.ProfileChange("Maya", "", picture=picture)
        )
    assert not any((media / "avatars").iterdir())
