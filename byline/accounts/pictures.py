"""Readers' uploaded pictures: read with Pillow, refused unless they are a raster image of a sane
size, and re-encoded as squares without any of the original file's metadata.

Nothing of the upload is kept: not its name or extension (the content decides what it is), not
its bytes (a file that is both an image and something else stays behind), not its EXIF (where a
phone writes the place a photo was taken). What is stored is a WebP made from the pixels
alone, under a random name, in the two sizes Byline shows.
"""

from __future__ import annotations

import contextlib
import io
import re
import secrets
import warnings
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile, File
from django.core.files.storage import default_storage
from PIL import Image, ImageOps

# The profile page's size and the thread's (both twice the CSS size, for sharp screens).
LARGE, SMALL = 256, 96
FOLDER = "avatars"
# What ``store`` names files: nothing with a "/" or ".." beyond the folder is ever deleted.
STORED_NAME = re.compile(rf"{FOLDER}/[A-Za-z0-9_-]+\.webp")
# Raster formats browsers show; SVG (which can carry script) and everything else is refused.
FORMATS = ("JPEG", "PNG", "GIF", "WEBP")

NOT_A_PICTURE = "That file is not a picture we can use: upload a JPEG, PNG, GIF or WebP image."
TOO_LARGE = "That picture is {size} MB; a picture may be at most {limit} MB."
TOO_MANY_PIXELS = (
    "That picture is {width} × {height} pixels, too large to process; "
    "upload one of at most {limit} megapixels."
)


class UnusablePicture(ValueError):
    """An upload that cannot be a reader's picture; ``str()`` says why, for the reader."""


@dataclass(frozen=True)
class Picture:
    large: bytes
    small: bytes


def read_picture(upload: File) -> Picture:
    """Turn an uploaded file into the picture's two squares, or raise ``UnusablePicture``."""
    limit = settings.ACCOUNTS_AVATAR_MAX_BYTES
    if upload.size > limit:
        raise UnusablePicture(TOO_LARGE.format(size=_mb(upload.size), limit=_mb(limit)))
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            # Pillow only warns below twice its own limit; a bomb is refused, not processed.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            square = _square(upload)
    except UnusablePicture:
        raise
    except Exception as error:
        # A hostile or broken file can make a decoder raise almost anything (OSError,
        # SyntaxError, struct.error, ...): each means the same to the reader.
        raise UnusablePicture(NOT_A_PICTURE) from error
    return Picture(large=_webp(square, LARGE), small=_webp(square, SMALL))


def _square(upload: File) -> Image.Image:
    with Image.open(upload, formats=FORMATS) as image:
        # The header is read, the pixels not yet: refuse a bomb before decoding it.
        pixels_limit = settings.ACCOUNTS_AVATAR_MAX_PIXELS
        if image.width * image.height > pixels_limit:
            raise UnusablePicture(
                TOO_MANY_PIXELS.format(
                    width=image.width, height=image.height, limit=pixels_limit // 1_000_000
                )
            )
        upright = ImageOps.exif_transpose(image).convert("RGBA")
        fitted = ImageOps.fit(upright, (LARGE, LARGE), Image.Resampling.LANCZOS)
    # A new image holds the pixels and nothing else: resize and transpose carry ``info`` (EXIF,
    # ICC, comments) along.
    clean = Image.new("RGBA", fitted.size)
    clean.paste(fitted)
    return clean


def _webp(square: Image.Image, size: int) -> bytes:
    image = (
        square if square.width == size else square.resize((size, size), Image.Resampling.LANCZOS)
    )
    buffer = io.BytesIO()
    image.save(buffer, format="WEBP", quality=85, method=4)
    return buffer.getvalue()


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f}".removesuffix(".0")


def store(picture: Picture) -> list[str]:
    """Save the picture's files under one unguessable name; return their storage names, large
    first."""
    stem = f"{FOLDER}/{secrets.token_urlsafe(24)}"
    return [
        default_storage.save(f"{stem}-{LARGE}.webp", ContentFile(picture.large)),
        default_storage.save(f"{stem}-{SMALL}.webp", ContentFile(picture.small)),
    ]


def delete(names: Iterable[str]) -> None:
    """Delete pictures' files (only names ``store`` gives); a file already gone is fine."""
    for name in names:
        if STORED_NAME.fullmatch(name or ""):
            with contextlib.suppress(OSError):
                default_storage.delete(name)
