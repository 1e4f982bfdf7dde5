"""Imports from the Wagtail admin: upload, dry-run report, start (by the worker), progress."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from byline.migration.models import ImportRun
from byline.migration.tests.old_site import wordpress_export
from byline.newsroom.models import ArticlePage

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("chief", "chief@news.test", "pw")


def upload(client, name="wordpress-6.xml", source="wordpress", **fields):
    data = (FIXTURES / name).read_bytes()
    return client.post(
        reverse("migration_imports:listing"),
        {"source": source, "file": SimpleUploadedFile(name, data), "time_zone": "America/New_York",
         "uploads_dir": str(FIXTURES / "uploads"), **fields},
    )  # fmt: skip


def test_a_superuser_uploads_reads_the_dry_run_starts_and_sees_the_report(
    client, superuser, django_capture_on_commit_callbacks
):
    client.force_login(superuser)
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client)
    run = ImportRun.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "migration_imports:detail", args=[run.pk]
    )
    run.refresh_from_db()
    assert run.state == "checked" and run.dry_run_report["imported"]["article"] == 3
    assert not ArticlePage.objects.exists()  # the check wrote nothing
    page = client.get(response["Location"]).content.decode()
    assert "Start the import" in page and "Byline has no free-standing pages" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("migration_imports:start", args=[run.pk]))
    run.refresh_from_db()
    assert run.state == "done" and (run.done, run.total) == (9, 9)
    assert ArticlePage.objects.filter(slug="end-for-lena-and-marco", live=True).exists()
    assert "What was imported" in client.get(response["Location"]).content.decode()


def test_the_upload_is_kept_outside_the_public_media_folder(client, superuser, settings):
    client.force_login(superuser)
    upload(client)
    path = Path(ImportRun.objects.get().file.path)
    assert path.is_file() and not path.is_relative_to(Path(settings.MEDIA_ROOT))


def test_the_form_offers_downloads_from_a_public_old_site_by_default(client, superuser):
    client.force_login(superuser)
    page = BeautifulSoup(client.get(reverse("migration_imports:listing")).content, "html.parser")
    assert page.find("input", {"name": "download_images"}).has_attr("checked")
    assert not page.find("input", {"name": "allow_private_downloads"}).has_attr("checked")


def test_pictures_are_downloaded_by_the_import_and_only_announced_by_its_check(
    client, superuser, django_capture_on_commit_callbacks, old_site, tmp_path
):
    client.force_login(superuser)
    export = wordpress_export(old_site, tmp_path)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("migration_imports:listing"),
            {"source": "wordpress", "file": SimpleUploadedFile("wp.xml", export.read_bytes()),
             "download_images": "on", "allow_private_downloads": "on"},
        )  # fmt: skip
    page = client.get(response["Location"]).content.decode()
    assert "2 pictures not in the uploads will be downloaded from 127.0.0.1:" in page
    assert old_site.requested == []
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("migration_imports:start", args=[ImportRun.objects.get().pk]))
    assert ArticlePage.objects.get(slug="end-for-lena-and-marco").hero_image is not None
    assert old_site.count("/wp-content/uploads/2024/05/red-carpet.png") == 1
    assert "HTTP 404" in client.get(response["Location"]).content.decode()


def test_an_import_starts_once_and_only_after_its_check(
    client, superuser, django_capture_on_commit_callbacks
):
    client.force_login(superuser)
    upload(client)  # the check never ran: on_commit callbacks were not executed
    run = ImportRun.objects.get()
    response = client.post(reverse("migration_imports:start", args=[run.pk]), follow=True)
    assert "not waiting to start" in response.content.decode()
    assert ImportRun.objects.get().state == "checking"


def test_a_hostile_file_fails_with_its_reason(
    client, superuser, django_capture_on_commit_callbacks, tmp_path
):
    client.force_login(superuser)
    bomb = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aa"><!ENTITY b "&a;&a;">]><r>&b;</r>'
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("migration_imports:listing"),
            {"source": "wordpress", "file": SimpleUploadedFile("bomb.xml", bomb)},
        )
    run = ImportRun.objects.get()
    assert run.state == "failed" and "DTD" in run.error
    assert "DTD" in client.get(reverse("migration_imports:detail", args=[run.pk])).content.decode()


def test_bad_form_values_are_refused(client, superuser):
    client.force_login(superuser)
    response = upload(client, time_zone="Mars/Olympus", uploads_dir="/no/such/folder")
    assert response.status_code == 200 and not ImportRun.objects.exists()
    assert "Unknown time zone" in response.content.decode()
    assert "no such folder" in response.content.decode()


def test_only_superusers_may_import(client, django_user_model):
    editor = django_user_model.objects.create_user("ed", "ed@news.test", "pw", is_staff=True)
    editor.user_permissions.add(
        *__import__(
            "django.contrib.auth.models", fromlist=["Permission"]
        ).Permission.objects.filter(codename="access_admin")
    )
    client.force_login(editor)
    # Wagtail answers a refusal inside the admin with a redirect to its home page.
    assert client.get(reverse("migration_imports:listing"))["Location"] == reverse(
        "wagtailadmin_home"
    )
    assert upload(client)["Location"] == reverse("wagtailadmin_home")
    assert not ImportRun.objects.exists()
