"""Readers' uploaded pictures: only real raster images of a sane size are kept, re-encoded as
squares with none of the upload's metadata; everything else is refused with a reason."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from PIL import Image

from byline.accounts import pictures
from byline.accounts.pictures import UnusablePicture, read_picture

SVG_WITH_SCRIPT = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b'<script>alert(document.cookie)</script><rect width="10" height="10"/></svg>'
)


def image_bytes(size=(400, 300), format="PNG", mode="RGB", **save) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, "orange").save(buffer, format=format, **save)
    return buffer.getvalue()


def upload(content: bytes, name: str = "me.png", content_type: str = "image/png"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def opened(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


@pytest.mark.parametrize(
    ("format", "mode"),
    [("PNG", "RGB"), ("PNG", "P"), ("JPEG", "RGB"), ("JPEG", "CMYK"), ("GIF", "P"),
     ("WEBP", "RGBA"), ("PNG", "LA")],
)  # fmt: skip
def test_a_picture_becomes_two_webp_squares(format, mode):
    picture = read_picture(upload(image_bytes((640, 200), format, mode)))

    large, small = opened(picture.large), opened(picture.small)
    assert (large.format, large.size) == ("WEBP", (pictures.LARGE, pictures.LARGE))
    assert (small.format, small.size) == ("WEBP", (pictures.SMALL, pictures.SMALL))


def test_exif_is_dropped_and_the_orientation_applied():
    """A phone's EXIF (here a GPS block and a camera name) does not survive; a picture taken
    sideways is turned upright first."""
    exif = Image.Exif()
    exif[0x0110] = "Secret Phone 3000"  # camera model
    exif[0x0112] = 6  # orientation: rotate 90°
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 0.0)}  # GPS
    image = Image.new("RGB", (400, 200), "white")
    image.paste((0, 0, 0), (0, 0, 400, 100))  # top half black: after turning, a side is
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    assert b"Secret Phone" in buffer.getvalue()

    picture = read_picture(upload(buffer.getvalue(), "photo.jpg", "image/jpeg"))

    for data in (picture.large, picture.small):
        assert b"Secret Phone" not in data
        result = opened(data)
        assert not result.getexif()
        assert "exif" not in result.info and "icc_profile" not in result.info
    large = opened(picture.large).convert("RGB")
    # Turned a quarter: black now fills one side (left or right), not the top.
    left, right = large.getpixel((10, 128)), large.getpixel((245, 128))
    assert {left, right} != {large.getpixel((128, 10))} and left != right


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (SVG_WITH_SCRIPT, "avatar.svg"),
        (SVG_WITH_SCRIPT, "avatar.png"),  # an SVG dressed as a PNG
        (b"<html><script>alert(1)</script></html>", "me.jpg"),
        (b"GIF89a<script>alert(1)</script>", "me.gif"),  # a polyglot's header, no image
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "broken.png"),
        (b"%PDF-1.4 not a picture", "me.pdf"),
        (b"", "empty.png"),
        (image_bytes(format="BMP"), "me.bmp"),  # an image, but not one we accept
        (image_bytes(format="TIFF"), "me.tif"),
    ],
)
def test_what_is_not_a_usable_picture_is_refused(content, name):
    with pytest.raises(UnusablePicture) as refused:
        read_picture(upload(content, name))
    assert str(refused.value) == pictures.NOT_A_PICTURE


def test_the_content_decides_not_the_extension():
    """A PNG named .jpg (or with no extension) is a PNG, and fine."""
    for name in ("me.jpg", "me", "me.svg", "../../etc/passwd"):
        picture = read_picture(upload(image_bytes(), name, "image/svg+xml"))
        assert opened(picture.large).format == "WEBP"


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(settings):
    settings.ACCOUNTS_AVATAR_MAX_BYTES = 2_000_000
    with pytest.raises(UnusablePicture) as refused:
        read_picture(upload(b"\x00" * 2_500_001))
    assert str(refused.value) == "That picture is 2.5 MB; a picture may be at most 2 MB."


def test_huge_dimensions_are_refused_before_decoding(settings):
    """A small file that decodes to a vast image (a decompression bomb) is refused."""
    settings.ACCOUNTS_AVATAR_MAX_PIXELS = 25_000_000
    bomb = image_bytes((6000, 6000), "PNG", "1")
    assert len(bomb) < 50_000
    with pytest.raises(UnusablePicture) as refused:
        read_picture(upload(bomb))
    assert "6000 × 6000 pixels" in str(refused.value)
    assert "at most 25 megapixels" in str(refused.value)


def test_pillows_own_bomb_limit_is_a_refusal_too(settings, monkeypatch):
    settings.ACCOUNTS_AVATAR_MAX_PIXELS = 10**12
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    with pytest.raises(UnusablePicture) as refused:
        read_picture(upload(image_bytes((40, 40))))  # 1,600 pixels: over the limit, a warning
    assert str(refused.value) == pictures.NOT_A_PICTURE


@hypothesis_settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    prefix=st.sampled_from([b"", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff\xe0", b"GIF89a", b"RIFF"]),
    body=st.binary(max_size=2000),
)
def test_any_bytes_are_a_picture_or_a_refusal_never_an_error(prefix, body):
    try:
        picture = read_picture(upload(prefix + body))
    except UnusablePicture as refused:
        assert str(refused)
    else:
        assert opened(picture.large).size == (pictures.LARGE, pictures.LARGE)


@hypothesis_settings(max_examples=40, deadline=None)
@given(
    data=st.data(),
    format=st.sampled_from(["PNG", "JPEG", "GIF", "WEBP"]),
    width=st.integers(1, 700),
    height=st.integers(1, 700),
)
def test_a_real_image_damaged_anywhere_is_never_an_error(data, format, width, height):
    content = bytearray(image_bytes((width, height), format))
    for _ in range(data.draw(st.integers(0, 4))):
        index = data.draw(st.integers(0, len(content) - 1))
        content[index] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(1, len(content)))
    try:
        picture = read_picture(upload(bytes(content[:cut])))
    except UnusablePicture:
        return
    assert opened(picture.small).size == (pictures.SMALL, pictures.SMALL)


def test_stored_files_have_unguessable_names_and_only_avatars_are_deleted(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    picture = read_picture(upload(image_bytes()))
    first, second = pictures.store(picture), pictures.store(picture)

    assert first[0].startswith("avatars/") and first[0].endswith("-256.webp")
    assert first[1].endswith("-96.webp")
    assert first[0] != second[0] and len(first[0]) > len("avatars/-256.webp") + 30
    assert all((tmp_path / name).exists() for name in first + second)
    (tmp_path / "other.txt").write_text("keep")

    pictures.delete([*first, "other.txt", "avatars/../other.txt", "avatars/gone.webp"])

    assert not any((tmp_path / name).exists() for name in first)
    assert (tmp_path / "other.txt").exists() and (tmp_path / second[0]).exists()


@pytest.mark.django_db
def test_deleting_an_account_deletes_its_picture_files_once_committed(
    settings, tmp_path, django_capture_on_commit_callbacks
):
    from byline.accounts.tests.factories import UserFactory

    settings.MEDIA_ROOT = tmp_path
    user = UserFactory()
    user.avatar.name, user.avatar_small.name = pictures.store(read_picture(upload(image_bytes())))
    user.save()
    files = [tmp_path / user.avatar.name, tmp_path / user.avatar_small.name]
    with django_capture_on_commit_callbacks(execute=False):
        user.delete()  # not committed yet: a rollback must find the files
        assert all(file.exists() for file in files)
    user = UserFactory()
    user.avatar.name, user.avatar_small.name = [str(file.relative_to(tmp_path)) for file in files]
    user.save()
    with django_capture_on_commit_callbacks(execute=True):
        user.delete()
    assert not any(file.exists() for file in files)
