"""The archive of one person's data: every kind of row appears, nobody else's does."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from byline.discussion.privacy import archive
from byline.discussion.privacy.subjects import DataSubject
from byline.discussion.tests.privacy.world import MAYA_GUEST_ADDRESS, build

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(article):
    return build(article)


def maya(world) -> DataSubject:
    # Maya proved her guest address too (as a claim would record it in allauth).
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=world.maya, email=MAYA_GUEST_ADDRESS, verified=True)
    return DataSubject.of_user(world.maya)


def test_every_kind_of_row_of_the_reader_appears(world):
    data = archive.collect(maya(world))
    assert data["account"]["username"] == "maya"
    assert {row["address"] for row in data["account"]["email_addresses"]} == {
        "maya@example.org", MAYA_GUEST_ADDRESS,
    }  # fmt: skip
    assert {row["body"] for row in data["comments"]} == {
        "Maya's opening thought.", "Maya's lonely aside.", "Maya before her account.",
    }  # fmt: skip
    assert {row["ip_address"] for row in data["comments"]} == {"198.51.100.7"}
    assert sorted(row["vote"] for row in data["votes"]) == ["down", "up"]
    assert [row["note"] for row in data["reports"]] == ["Maya's report note"]
    assert {row["address"] for row in data["subscribers"]} == {
        "maya@example.org", MAYA_GUEST_ADDRESS,
    }  # fmt: skip
    assert all(row["subscriptions"] for row in data["subscribers"])
    assert [row["address"] for row in data["notification_deliveries"]] == ["maya@example.org"]
    assert [row["subject"] for row in data["emails"]] == ["Maya's welcome"]


def test_another_readers_data_never_appears(world):
    text = json.dumps(archive.collect(maya(world)))
    for trace in ("bob@example.org", "Bob answers Maya", "Bob's own point", "Bob's note",
                  "Bob's welcome", "203.0.113.9"):  # fmt: skip
        assert trace not in text


def test_an_ip_address_dropped_by_the_retention_is_not_in_the_archive(world):
    from byline.discussion.models import Comment

    Comment.objects.update(ip_address=None)
    data = archive.collect(maya(world))
    assert all("ip_address" not in row for row in data["comments"])


def test_a_guest_address_finds_its_comments_and_the_votes_of_its_browser(world):
    data = archive.collect(DataSubject.of_address(MAYA_GUEST_ADDRESS.upper()))
    assert data["account"] is None
    assert [row["body"] for row in data["comments"]] == ["Maya before her account."]
    assert [row["vote"] for row in data["votes"]] == ["down"]
    assert [row["address"] for row in data["subscribers"]] == [MAYA_GUEST_ADDRESS]


def test_the_zip_holds_the_json_and_a_readable_page_with_nothing_unescaped(world):
    world.maya.display_name = "<script>alert(1)</script>"
    world.maya.save()
    data = archive.collect(maya(world))
    files = zipfile.ZipFile(io.BytesIO(archive.zipped(data)))
    assert sorted(files.namelist()) == ["data.json", "index.html"]
    assert json.loads(files.read("data.json"))["account"]["display_name"].startswith("<script>")
    page = files.read("index.html").decode()
    assert "Maya&#x27;s lonely aside." in page
    assert "<script>" not in page


def test_email_bodies_and_shadow_bans_are_left_out(world):
    from byline.discussion.models import Ban

    Ban.objects.create(kind=Ban.Kind.ACCOUNT, user=world.maya, shadow=True, reason="troll")
    Ban.objects.create(kind=Ban.Kind.EMAIL, email="maya@example.org", reason="private note")
    data = archive.collect(maya(world))
    text = json.dumps(data)
    assert "secret link" not in text and "troll" not in text and "private note" not in text
    assert [ban["on"] for ban in data["bans"]] == ["Email address"]


def test_the_profile_picture_mutes_and_accounts_elsewhere_appear(world, settings, tmp_path):
    from allauth.socialaccount.models import SocialAccount

    from byline.accounts import pictures
    from byline.discussion.threads import muting

    settings.MEDIA_ROOT = tmp_path
    maya_user = world.maya
    maya_user.bio = "Reads the science pages."
    maya_user.avatar.name = f"{pictures.FOLDER}/abc-256.webp"
    maya_user.avatar_small.name = f"{pictures.FOLDER}/abc-96.webp"
    maya_user.save()
    muting.mute(reader=maya_user, muted_id=world.bob.pk)
    muting.mute(reader=world.bob, muted_id=maya_user.pk)  # Bob's choice, not Maya's data
    SocialAccount.objects.create(
        user=maya_user, provider="github", uid="4242", extra_data={"login": "maya-p"}
    )
    data = archive.collect(maya(world))
    assert data["account"]["bio"] == "Reads the science pages."
    assert [row["file"] for row in data["account"]["picture"]] == [
        maya_user.avatar.name, maya_user.avatar_small.name,
    ]  # fmt: skip
    assert all(row["url"].startswith("http") for row in data["account"]["picture"])
    assert [row["muted"] for row in data["mutes"]] == ["Bob Stone"]
    [social] = data["social_accounts"]
    assert (social["provider"], social["uid"]) == ("github", "4242")
    assert social["extra_data"] == {"login": "maya-p"} and social["date_joined"]
    page = archive.render_html(data)
    assert "Reads the science pages." in page and "maya-p" in page and "abc-96.webp" in page
    assert "Bob Stone" in page
