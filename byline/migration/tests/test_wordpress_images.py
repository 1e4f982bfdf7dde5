"""Pictures of a WordPress import: read from the uploads folder or downloaded from the old site,
which here is a real HTTP server on 127.0.0.1 serving the export's one picture."""

from __future__ import annotations

import hashlib
from io import BytesIO, StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from PIL import Image

from byline.migration.models import Origin
from byline.migration.tests.old_site import FIXTURES, wordpress_export
from byline.newsroom.models import ArticlePage, BylineImage

pytestmark = pytest.mark.django_db
PICTURE = "/wp-content/uploads/2024/05/red-carpet.png"
GONE = "/wp-content/uploads/2023/01/gone.jpg"


def run(export: Path, *args: str) -> str:
    out = StringIO()
    call_command(
        "import_wordpress", str(export), "--time-zone", "America/New_York", *args, stdout=out
    )
    return out.getvalue()


def article(slug: str) -> ArticlePage:
    return ArticlePage.objects.get(slug=slug)


def image_blocks(slug: str) -> list[tuple[BylineImage, str, str]]:
    return [
        (block.value["image"], block.value["caption"], block.value["credit"])
        for block in article(slug).body
        if block.block_type == "image"
    ]


def test_pictures_are_downloaded_from_the_old_site_with_their_captions_and_credits(
    old_site, tmp_path
):
    export = wordpress_export(old_site, tmp_path)

    output = run(export, "--allow-private-downloads")

    hero = article("end-for-lena-and-marco").hero_image
    original = (FIXTURES / "uploads" / PICTURE.removeprefix("/wp-content/uploads/")).read_bytes()
    assert hero.file_hash == hashlib.sha1(original).hexdigest()
    assert hero.file.read() == original and hero.source == old_site.url + PICTURE
    assert (hero.caption, hero.credit, hero.description) == (
        "The couple arrive at the Palladium premiere",
        "Northlight Agency / Mara Quell",
        "Two actors on a red carpet, waving",
    )
    assert image_blocks("end-for-lena-and-marco") == [
        (hero, "Arriving together in March", "Northlight Agency / Mara Quell")
    ]
    assert image_blocks("second-season-confirmed") == [(hero, "The cast on set", "Studio Handout")]
    assert BylineImage.objects.count() == 1
    assert old_site.count(PICTURE) == 1
    assert f"[5/9] downloading {old_site.url}{PICTURE}" in output
    assert "1 picture downloaded from 127.0.0.1:" in output


def test_a_picture_the_old_site_does_not_have_is_reported_and_the_post_still_imports(
    old_site, tmp_path
):
    output = run(wordpress_export(old_site, tmp_path), "--allow-private-downloads")

    assert old_site.count(GONE) == 1
    assert (
        f"image file:2023/01/gone.jpg: 2023/01/gone.jpg: downloading {old_site.url}{GONE}"
        " failed: the server answered HTTP 404"
    ) in output
    assert article("second-season-confirmed").live


def test_a_picture_in_the_uploads_is_not_downloaded(old_site, tmp_path):
    output = run(
        wordpress_export(old_site, tmp_path),
        "--uploads", str(FIXTURES / "uploads"), "--allow-private-downloads",
    )  # fmt: skip

    assert article("end-for-lena-and-marco").hero_image is not None
    assert old_site.requested == [GONE]
    assert (
        f"2023/01/gone.jpg: file not found in the uploads, and downloading {old_site.url}{GONE}"
        " failed: the server answered HTTP 404"
    ) in output


def test_a_second_run_downloads_nothing_it_imported_before(old_site, tmp_path):
    export = wordpress_export(old_site, tmp_path)
    run(export, "--allow-private-downloads")
    images = list(BylineImage.objects.values_list("pk", "file"))

    run(export, "--allow-private-downloads")

    assert old_site.count(PICTURE) == 1
    assert list(BylineImage.objects.values_list("pk", "file")) == images
    assert Origin.objects.get(kind="image", original_id="4").object_id == str(images[0][0])


def test_a_private_address_is_refused_unless_allowed(old_site, tmp_path):
    output = run(wordpress_export(old_site, tmp_path))

    assert old_site.requested == []
    assert article("end-for-lena-and-marco").hero_image is None
    assert (
        f"image 4: 2024/05/red-carpet.png: downloading {old_site.url}{PICTURE} failed:"
        " 127.0.0.1 is at 127.0.0.1, a private or local address"
    ) in output


def test_a_file_that_is_not_a_picture_is_reported(old_site, tmp_path):
    export = wordpress_export(old_site, tmp_path)
    old_site.put(PICTURE, b"<html>Log in to continue</html>")

    output = run(export, "--allow-private-downloads")

    assert article("end-for-lena-and-marco").hero_image is None
    assert not BylineImage.objects.exists()
    assert "image 4: 2024/05/red-carpet.png: not a readable picture" in output


def test_a_dry_run_downloads_nothing_and_says_what_the_import_would(old_site, tmp_path):
    output = run(wordpress_export(old_site, tmp_path), "--allow-private-downloads", "--dry-run")

    assert old_site.requested == []
    assert not BylineImage.objects.exists()
    assert "2 pictures not in the uploads will be downloaded from 127.0.0.1:" in output


def test_no_download_never_reaches_the_old_site(old_site, tmp_path):
    output = run(wordpress_export(old_site, tmp_path), "--allow-private-downloads", "--no-download")

    assert old_site.requested == []
    assert "image 4: 2024/05/red-carpet.png: no --uploads folder given" in output


def test_a_picture_only_the_body_names_is_downloaded_whole_from_a_relative_address(
    old_site, tmp_path
):
    export = wordpress_export(old_site, tmp_path)
    export.write_text(
        export.read_text().replace(f'src="{old_site.url}{GONE}"', f'src="{GONE[:-4]}-300x200.jpg"')
    )
    jpeg = BytesIO()
    Image.new("RGB", (30, 20), "navy").save(jpeg, "JPEG")
    old_site.put(GONE, jpeg.getvalue())

    run(export, "--allow-private-downloads")

    picture = BylineImage.objects.get(source=old_site.url + GONE)
    assert picture.file.read() == jpeg.getvalue() and (picture.width, picture.height) == (30, 20)
    assert (picture, "", "") in image_blocks("second-season-confirmed")
    assert old_site.count(GONE) == 1
    assert Origin.objects.get(kind="image", original_id="file:2023/01/gone.jpg").object_id == str(
        picture.pk
    )
