"""Attachments as images of Byline's library, read from a copy of ``wp-content/uploads``."""

from __future__ import annotations

import hashlib
import html
import re
from io import BytesIO
from pathlib import Path, PurePosixPath

from django.core.files.images import ImageFile
from PIL import Image, UnidentifiedImageError

from byline.migration import origins
from byline.migration.report import Report
from byline.migration.wordpress.body import split_credit
from byline.migration.wordpress.wxr import Item
from byline.newsroom.models import BylineImage

SIZE_SUFFIX = re.compile(r"-\d+x\d+(?=\.\w+$)")
IMAGE_TYPES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif")
MAX_IMAGE_BYTES = 50 * 1024 * 1024


def uploads_path(url: str) -> str | None:
    """The path under uploads/ of an address such as .../wp-content/uploads/2024/05/a-300x200.jpg,
    without WordPress's size suffix (the original file is the one kept)."""
    _, found, rest = url.partition("/wp-content/uploads/")
    if not found:
        return None
    return SIZE_SUFFIX.sub("", rest.split("?")[0])


class ImageLibrary:
    """Each attachment becomes one image, once; files written are remembered for a dry run."""

    def __init__(self, attachments: dict[str, Item], uploads: Path | None, report: Report):
        self.attachments, self.uploads, self.report = attachments, uploads, report
        self.by_path = {self._relative(item): item.post_id for item in attachments.values()}
        self.images: dict[str, BylineImage | None] = {}
        self.written: list[str] = []

    def _relative(self, item: Item) -> str | None:
        return item.meta.get("_wp_attached_file") or uploads_path(item.attachment_url)

    def resolve(self, attachment_id: str | None, url: str) -> int | None:
        if attachment_id not in self.attachments:
            attachment_id = self.by_path.get(uploads_path(url or "") or "")
        image = self.image(attachment_id) if attachment_id else None
        return image.pk if image else None

    def image(self, attachment_id: str) -> BylineImage | None:
        if attachment_id not in self.images:
            self.images[attachment_id] = self._load(attachment_id)
        return self.images[attachment_id]

    def _load(self, attachment_id: str) -> BylineImage | None:
        item = self.attachments.get(attachment_id)
        if item is None:
            self.report.skip("image", attachment_id, "not in the export")
            return None
        caption, credit = split_credit(html.unescape(item.excerpt))
        alt = item.meta.get("_wp_attachment_image_alt", "")
        known = origins.find("wordpress", "image", attachment_id)
        image = BylineImage.objects.filter(pk=known).first() if known else None
        if image is not None:
            image.title, image.caption, image.credit = (
                item.title[:255] or image.title,
                caption[:300],
                credit[:200],
            )
            image.description = alt[:255]
            image.save()
            self.report.add("image", created=False)
            return image
        data = self._read(item)
        if data is None:
            return None
        name = PurePosixPath(self._relative(item) or f"{attachment_id}.jpg").name
        image = BylineImage(
            title=(html.unescape(item.title) or name)[:255], caption=caption[:300],
            credit=credit[:200], description=alt[:255], source=item.attachment_url[:300],
            file=ImageFile(BytesIO(data), name=name), file_size=len(data),
            file_hash=hashlib.sha1(data).hexdigest(),
        )  # fmt: skip
        image.save()
        self.written.append(image.file.name)
        origins.remember("wordpress", "image", attachment_id, image.pk)
        self.report.add("image", created=True)
        return image

    def _read(self, item: Item) -> bytes | None:
        relative = self._relative(item)
        if not relative or not relative.lower().endswith(IMAGE_TYPES):
            self.report.skip("image", item.post_id, f"not a picture ({relative or 'no file'})")
            return None
        if self.uploads is None:
            self.report.skip("image", item.post_id, f"{relative}: no --uploads folder given")
            return None
        path = (self.uploads / relative).resolve()
        if not path.is_relative_to(self.uploads.resolve()) or not path.is_file():
            self.report.skip("image", item.post_id, f"{relative}: file not found in the uploads")
            return None
        if path.stat().st_size > MAX_IMAGE_BYTES:
            self.report.skip("image", item.post_id, f"{relative}: larger than 50 MB")
            return None
        data = path.read_bytes()
        try:
            Image.open(BytesIO(data)).verify()
        except (UnidentifiedImageError, OSError, SyntaxError) as error:
            self.report.skip("image", item.post_id, f"{relative}: not a readable picture ({error})")
            return None
        return data

    def mark(self) -> int:
        return len(self.written)

    def roll_back_to(self, mark: int) -> None:
        """Forget what an article's rolled-back transaction stored, and delete its files."""
        failed, self.written = self.written[mark:], self.written[:mark]
        self.images.clear()
        storage = BylineImage._meta.get_field("file").storage
        for name in failed:
            storage.delete(name)

    def delete_written(self) -> None:
        """Remove the files this run stored (a dry run, or a rolled-back article)."""
        storage = BylineImage._meta.get_field("file").storage
        for name in self.written:
            storage.delete(name)
        self.written = []
