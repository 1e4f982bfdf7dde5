"""The image library: editorial metadata, and crops that respect the focal point."""

from __future__ import annotations

import io

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage

from byline.newsroom.models import BylineImage
from byline.newsroom.tests.factories import ImageFactory

pytestmark = pytest.mark.django_db


def half_black_half_white(width: int = 1600, height: int = 900) -> ImageFile:
    picture = PILImage.new("RGB", (width, height), "black")
    picture.paste((255, 255, 255), (width // 2, 0, width, height))
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    return ImageFile(buffer, name="halves.png")


def mean_brightness(rendition) -> float:
    with rendition.file.open("rb") as handle:
        picture = PILImage.open(handle).convert("L")
        return sum(picture.getdata()) / (picture.width * picture.height)


@pytest.mark.parametrize(("focal_x", "expect_white"), [(1400, True), (200, False)])
def test_square_crops_follow_the_focal_point(focal_x, expect_white):
    """A square crop of a wide picture keeps the side the editor marked as the focal point."""
    image = ImageFactory(file=half_black_half_white())
    image.focal_point_x, image.focal_point_y = focal_x, 450
    image.focal_point_width = image.focal_point_height = 100
    image.save()

    rendition = image.get_rendition("fill-300x300-c100")

    assert (mean_brightness(rendition) > 200) is expect_white


def test_renditions_can_be_avif_and_webp():
    image = ImageFactory(file__width=640, file__height=360)

    avif = image.get_rendition("fill-320x180|format-avif")
    webp = image.get_rendition("fill-320x180|format-webp")

    assert avif.file.name.endswith(".avif") and (avif.width, avif.height) == (320, 180)
    assert webp.file.name.endswith(".webp")


def test_editorial_fields_are_editable_in_the_admin_form():
    assert {"caption", "credit", "source", "usage_rights"} <= set(BylineImage.admin_form_fields)


def test_image_admin_is_the_custom_model(admin_client):
    ImageFactory(title="Premiere night", credit="Northlight Agency / Mara Quell")

    response = admin_client.get("/admin/images/")

    assert response.status_code == 200
    assert "Premiere night" in response.content.decode()
