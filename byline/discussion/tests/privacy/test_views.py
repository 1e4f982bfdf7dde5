"""The pages of readers' data: asking for an archive, the emailed link, erasing, guests."""

from __future__ import annotations

import io
import re
import zipfile
from unittest import mock

import pytest
from django.core import mail, signing
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from byline.accounts.models import User
from byline.accounts.tests.factories import UserFactory
from byline.discussion.models import Comment, DataExport, Subscriber
from byline.discussion.privacy import links
from byline.discussion.tests.privacy.world import MAYA_GUEST_ADDRESS, build

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"


@pytest.fixture
def world(article):
    return build(article)


def link_in(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0).replace("http://testserver", "")


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def ask_for_archive(client, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("my_data"))
    return response


def test_the_page_asks_a_signed_in_reader_and_sends_strangers_to_sign_in(client, world):
    assert client.get(reverse("my_data")).status_code == 302
    client.force_login(world.maya)
    response = client.get(reverse("my_data"))
    assert response.status_code == 200
    assert b"Prepare my archive" in response.content


def test_a_reader_gets_the_archive_by_an_emailed_link(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.maya)
    response = ask_for_archive(client, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    export = DataExport.objects.get()
    assert export.status == DataExport.Status.READY and export.user == world.maya
    # Stored privately: not under MEDIA_ROOT, with no URL of its own.
    from django.conf import settings

    assert str(settings.PRIVACY_EXPORTS_ROOT) in export.archive.path
    assert str(settings.MEDIA_ROOT) not in export.archive.path
    [message] = [m for m in mail.outbox if m.to == ["maya@example.org"]]
    client.logout()  # the link is what opens it
    download = client.get(path_of(link_in(message)))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert "no-store" in download["Cache-Control"]
    files = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    assert "Maya's lonely aside." in files.read("data.json").decode()


def test_asking_twice_while_one_is_prepared_makes_one_archive(client, world):
    client.force_login(world.maya)
    # Outside captured commits the worker never starts: the first stays "being prepared".
    client.post(reverse("my_data"))
    client.post(reverse("my_data"))
    assert DataExport.objects.get().status == DataExport.Status.PENDING


def test_a_reader_without_a_proven_address_is_told_why(client, world):
    world.maya.verified_email = ""
    world.maya.save()
    client.force_login(world.maya)
    response = client.post(reverse("my_data"))
    assert response.status_code == 400
    assert b"Confirm your email address first" in response.content
    assert not DataExport.objects.exists()


def test_the_requests_are_limited(client, world, settings):
    settings.PRIVACY_REQUEST_RATE = "2/h"
    client.force_login(world.maya)
    statuses = [client.post(reverse("my_data")).status_code for _ in range(3)]
    assert statuses == [302, 302, 429]


def test_an_expired_link_gets_a_clear_page(client, world, django_capture_on_commit_callbacks):
    client.force_login(world.maya)
    ask_for_archive(client, django_capture_on_commit_callbacks)
    url = path_of(link_in(mail.outbox[-1]))
    with mock.patch("django.core.signing.time.time", return_value=10**10):
        response = client.get(url)
    assert response.status_code == 400
    assert b"expired" in response.content


def test_a_tampered_link_gets_a_clear_page(client, world):
    token = links.download_token(1)
    for bad in (token[:-2] + "xx", "nothing", signing.TimestampSigner(salt="other").sign("1")):
        response = client.get(reverse("my_data_download", args=[bad]))
        assert response.status_code == 400
        assert b"not valid" in response.content


def test_a_deleted_archive_says_so(client, world, django_capture_on_commit_callbacks):
    client.force_login(world.maya)
    ask_for_archive(client, django_capture_on_commit_callbacks)
    url = path_of(link_in(mail.outbox[-1]))
    DataExport.objects.all().delete()
    response = client.get(url)
    assert response.status_code == 410
    assert b"no longer kept" in response.content


@hypothesis_settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    token=st.text(
        alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="/\x00"),
        min_size=1,
        max_size=200,
    )
)
def test_no_download_token_makes_a_server_error(client, token):
    response = client.get(
        reverse("my_data_download", args=["x"]).replace("x/", "") + _quote(token) + "/"
    )
    assert response.status_code in (400, 404)


def _quote(text: str) -> str:
    from urllib.parse import quote

    return quote(text, safe="")


def test_erasing_needs_the_password_and_says_what_happens(client, world):
    client.force_login(world.maya)
    page = client.get(reverse("my_data_erase"))
    assert b"cannot be undone" in page.content and b"votes are taken back" in page.content
    wrong = client.post(
        reverse("my_data_erase"),
        {"comments": "remove", "understood": "on", "password": "guess"},
    )
    assert wrong.status_code == 400 and b"not your password" in wrong.content
    assert User.objects.filter(pk=world.maya.pk).exists()
    unticked = client.post(reverse("my_data_erase"), {"comments": "remove", "password": PASSWORD})
    assert unticked.status_code == 400
    assert User.objects.filter(pk=world.maya.pk).exists()


def test_a_reader_erases_their_account_and_is_signed_out(client, world):
    client.force_login(world.maya)
    response = client.post(
        reverse("my_data_erase"),
        {"comments": "keep", "understood": "on", "password": PASSWORD},
    )
    assert response.status_code == 200
    assert b"Your account is erased" in response.content
    assert not User.objects.filter(pk=world.maya.pk).exists()
    assert Comment.objects.get(pk=world.maya_leaf.pk).author_name == "A former reader"
    assert client.get(reverse("my_data")).status_code == 302  # signed out


def test_an_account_without_a_password_must_sign_in_again(client, world):
    world.maya.set_unusable_password()
    world.maya.save()
    client.force_login(world.maya)
    page = client.get(reverse("my_data_erase"))
    assert reverse("account_reauthenticate").encode() in page.content
    response = client.post(reverse("my_data_erase"), {"comments": "remove", "understood": "on"})
    assert response.status_code == 400
    assert User.objects.filter(pk=world.maya.pk).exists()


def guest_asks(client, address: str, action: str):
    mail.outbox.clear()
    return client.post(reverse("my_data_guest"), {"email": address, "action": action})


def test_a_guest_gets_the_same_answer_whether_or_not_the_address_has_data(
    client, world, django_capture_on_commit_callbacks
):
    answers = []
    for address in (MAYA_GUEST_ADDRESS, "nobody@example.org"):
        with django_capture_on_commit_callbacks(execute=True):
            response = guest_asks(client, address, "export")
        # The page is the same but for the form's fresh CSRF token.
        page = re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", response.content)
        answers.append((response.status_code, page))
        assert [m.to for m in mail.outbox if m.subject.startswith("Confirm")] == [[address]]
    assert answers[0] == answers[1]


def test_a_guest_exports_through_the_link_sent_to_the_address(
    client, world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        guest_asks(client, MAYA_GUEST_ADDRESS, "export")
    confirm = path_of(link_in(mail.outbox[-1]))
    # Opening the link (a mail scanner does) changes nothing; the button does.
    assert client.get(confirm).status_code == 200
    assert not DataExport.objects.exists()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(confirm).status_code == 200
    export = DataExport.objects.get()
    assert export.user is None and export.address == MAYA_GUEST_ADDRESS
    download = client.get(path_of(link_in(mail.outbox[-1])))
    data = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content))).read("data.json")
    assert b"Maya before her account." in data and b"Maya's lonely aside." not in data


def test_a_guest_erases_through_the_link_sent_to_the_address(
    client, world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        guest_asks(client, MAYA_GUEST_ADDRESS, "erase")
    confirm = path_of(link_in(mail.outbox[-1]))
    assert b"cannot be undone" in client.get(confirm).content
    assert client.post(confirm, {"comments": "remove"}).status_code == 400
    response = client.post(confirm, {"comments": "remove", "understood": "on"})
    assert response.status_code == 200
    assert not Comment.objects.filter(pk=world.maya_guest.pk).exists()
    assert not Subscriber.objects.filter(address=MAYA_GUEST_ADDRESS).exists()
    assert User.objects.filter(pk=world.maya.pk).exists()


def test_a_guest_link_cannot_be_forged_or_reused_after_it_expires(client, world):
    token = links.guest_token(MAYA_GUEST_ADDRESS, "erase")
    forged = signing.TimestampSigner(salt=links.DOWNLOAD_SALT).sign_object(
        {"a": MAYA_GUEST_ADDRESS, "do": "erase"}
    )
    for bad in (forged, token[:-1] + ("A" if token[-1] != "A" else "B")):
        assert client.post(reverse("my_data_guest_confirm", args=[bad])).status_code == 400
    with mock.patch("django.core.signing.time.time", return_value=10**10):
        response = client.post(reverse("my_data_guest_confirm", args=[token]))
    assert response.status_code == 400 and b"expired" in response.content
    assert Comment.objects.filter(pk=world.maya_guest.pk).exists()


@pytest.mark.parametrize(
    "data",
    [
        {"email": "not an address", "action": "export"},
        {"email": "a@example.org", "action": "drop tables"},
        {"email": "<script>@x", "action": "export"},
        {"email": "a@example.org\r\nBcc: b@example.org", "action": "export"},
        {},
    ],
)
def test_hostile_guest_requests_get_a_clear_answer_and_no_email(client, db, data):
    mail.outbox.clear()
    response = client.post(reverse("my_data_guest"), data)
    assert response.status_code == 400
    assert b"<script>@x" not in response.content
    from byline.mail.models import OutgoingEmail

    assert not OutgoingEmail.objects.exists()


def test_guest_requests_are_limited_per_address(client, db, settings):
    settings.PRIVACY_REQUEST_RATE = "1/h"
    first = client.post(reverse("my_data_guest"), {"email": "x@example.org", "action": "export"})
    again = client.post(reverse("my_data_guest"), {"email": "X@example.org", "action": "erase"})
    assert (first.status_code, again.status_code) == (200, 429)


def test_the_privacy_page_says_what_is_kept_and_for_how_long(client, db, settings):
    settings.PRIVACY_IP_RETENTION_DAYS = 45
    response = client.get(reverse("privacy"))
    text = response.content.decode()
    assert response.status_code == 200
    assert "45 days" in text
    for word in ("comments", "IP addresses", "Votes", "Subscriptions"):
        assert word in text
    assert reverse("my_data") in text and reverse("my_data_guest") in text
    # Linked from every page's footer.
    assert f'href="{reverse("privacy")}"' in client.get("/").content.decode()


def test_a_staff_account_is_not_erased_from_the_readers_page(client, world):
    staff = UserFactory(username="editor", is_staff=True)
    client.force_login(staff)
    response = client.post(
        reverse("my_data_erase"), {"comments": "remove", "understood": "on", "password": PASSWORD}
    )
    assert response.status_code == 400
    assert User.objects.filter(pk=staff.pk).exists()


def test_a_failed_archive_is_marked_failed_and_a_new_request_builds_a_new_one(
    world, django_capture_on_commit_callbacks
):
    from byline.discussion.privacy import archive, archives, exports

    with mock.patch.object(archive, "collect", side_effect=RuntimeError("disk full")):
        first = exports.request_export(user=world.maya, address="maya@example.org")
        with pytest.raises(RuntimeError):
            archives.build(first.pk)
    first.refresh_from_db()
    assert first.status == DataExport.Status.FAILED and not first.archive
    with django_capture_on_commit_callbacks(execute=True):
        second = exports.request_export(user=world.maya, address="maya@example.org")
    assert second.pk != first.pk
    second.refresh_from_db()
    assert second.status == DataExport.Status.READY
