"""Attachments as images of Byline's library, read from a copy of ``wp-content/uploads`` or
downloaded from the old site."""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin

from django.core.files.images import ImageFile
from PIL import Image, UnidentifiedImageError

from byline.migration import origins
from byline.migration.downloads import Downloader, DownloadError
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


@dataclass(frozen=True)
class Picture:
    """A file to bring in: an attachment of the export, or a picture only a post's body names."""

    key: str  # its origin id: the attachment's id, or "file:" + its path under uploads/
    relative: str | None
    url: str
    title: str = ""
    caption: str = ""
    credit: str = ""
    alt: str = ""

    @classmethod
    def of_attachment(cls, item: Item, relative: str | None) -> Picture:
        caption, credit = split_credit(html.unescape(item.excerpt))
        return cls(
            key=item.post_id, relative=relative, url=item.attachment_url,
            title=html.unescape(item.title), caption=caption, credit=credit,
            alt=item.meta.get("_wp_attachment_image_alt", ""),
        )  # fmt: skip


class _Unavailable(Exception):
    """The file is neither in the uploads nor downloadable; the message says why."""


def picture_downloader(*, allow_private: bool = False) -> Downloader:
    """How an import fetches pictures from the old site: at most MAX_IMAGE_BYTES each."""
    return Downloader(max_bytes=MAX_IMAGE_BYTES, allow_private=allow_private)


class ImageLibrary:
    """Each attachment becomes one image, once; files written are remembered for a dry run.

    A file is read from the uploads folder, or else downloaded from its address when a
    ``downloader`` is given (a dry run only lists what it would download).
    """

    def __init__(
        self, attachments: dict[str, Item], uploads: Path | None, report: Report,
        *, downloader: Downloader | None = None, dry_run: bool = False, site_url: str = "",
    ) -> None:  # fmt: skip
        self.attachments, self.uploads, self.report = attachments, uploads, report
        # Addresses in a post's body may be relative to the site (/wp-content/uploads/...).
        self.site_url = site_url.rstrip("/") + "/"
        self.downloader, self.dry_run = downloader, dry_run
        self.by_path = {self._relative(item): item.post_id for item in attachments.values()}
        self.images: dict[str, BylineImage | None] = {}
        self.written: list[str] = []
        self.downloaded: list[str] = []
        self.to_download: list[str] = []
        # Says which address is being fetched; the importer points it at its progress line.
        self.announce: Callable[[str], None] = lambda label: None

    def _relative(self, item: Item) -> str | None:
        return item.meta.get("_wp_attached_file") or uploads_path(item.attachment_url)

    def resolve(self, attachment_id: str | None, url: str) -> int | None:
        if attachment_id not in self.attachments:
            attachment_id = self.by_path.get(uploads_path(url or "") or "")
        image = self.image(attachment_id) if attachment_id else self.unattached(url or "")
        return image.pk if image else None

    def image(self, attachment_id: str) -> BylineImage | None:
        if attachment_id not in self.images:
            item = self.attachments.get(attachment_id)
            if item is None:
                self.report.skip("image", attachment_id, "not in the export")
                self.images[attachment_id] = None
            else:
                picture = Picture.of_attachment(item, self._relative(item))
                self.images[attachment_id] = self._load(picture)
        return self.images[attachment_id]

    def unattached(self, url: str) -> BylineImage | None:
        """The picture at ``url`` in the uploads that no attachment of the export names (a
        file uploaded by hand, or an attachment deleted since): its original, unscaled file."""
        relative = uploads_path(url)
        if relative is None:
            return None
        # The origin table keeps ids of at most 255 characters: a longer path goes by its hash.
        key = f"file:{relative}"
        if len(key) > 255:
            key = f"file:sha1:{hashlib.sha1(relative.encode()).hexdigest()}"
        if key not in self.images:
            absolute = urljoin(self.site_url, url.split("?")[0])
            original = absolute.rpartition("/wp-content/uploads/")[0]
            picture = Picture(
                key=key, relative=relative, url=f"{original}/wp-content/uploads/{relative}"
            )
            self.images[key] = self._load(picture)
        return self.images[key]

    def _load(self, picture: Picture) -> BylineImage | None:
        known = origins.find("wordpress", "image", picture.key)
        image = BylineImage.objects.filter(pk=known).first() if known else None
        if image is not None:
            # Imported before: its metadata is refreshed, its file is never fetched again.
            image.title, image.caption, image.credit = (
                picture.title[:255] or image.title,
                picture.caption[:300],
                picture.credit[:200],
            )
            image.description = picture.alt[:255]
            image.save()
            self.report.add("image", created=False)
            return image
        data = self._read(picture)
        if data is None:
            return None
        name = PurePosixPath(picture.relative or f"{picture.key}.jpg").name
        image = BylineImage(
            title=(picture.title or name)[:255], caption=picture.caption[:300],
            credit=picture.credit[:200], description=picture.alt[:255], source=picture.url[:300],
            file=ImageFile(BytesIO(data), name=name), file_size=len(data),
            file_hash=hashlib.sha1(data).hexdigest(),
        )  # fmt: skip
        image.save()
        self.written.append(image.file.name)
        origins.remember("wordpress", "image", picture.key, image.pk)
        self.report.add("image", created=True)
        return image

    def _read(self, picture: Picture) -> bytes | None:
        relative = picture.relative
        if not relative or not relative.lower().endswith(IMAGE_TYPES):
            self.report.skip("image", picture.key, f"not a picture ({relative or 'no file'})")
            return None
        try:
            data = self._from_uploads(relative)
            if data is None:
                data = self._download(picture)
        except _Unavailable as why:
            self.report.skip("image", picture.key, f"{relative}: {why}")
            return None
        if data is None:  # a dry run's download, not tried
            return None
        try:
            Image.open(BytesIO(data)).verify()
        except (UnidentifiedImageError, OSError, SyntaxError) as error:
            self.report.skip("image", picture.key, f"{relative}: not a readable picture ({error})")
            return None
        return data

    def _from_uploads(self, relative: str) -> bytes | None:
        """The file in the uploads folder; None when it is not there but may be downloaded."""
        if self.uploads is None:
            if self.downloader is None:
                raise _Unavailable("no --uploads folder given")
            return None
        path = (self.uploads / relative).resolve()
        if not path.is_relative_to(self.uploads.resolve()) or not path.is_file():
            if self.downloader is None:
                raise _Unavailable("file not found in the uploads")
            return None
        if path.stat().st_size > MAX_IMAGE_BYTES:
            raise _Unavailable("larger than 50 MB")
        return path.read_bytes()

    def _download(self, picture: Picture) -> bytes | None:
        assert self.downloader is not None
        if self.dry_run:
            self.to_download.append(picture.url)
            return None
        self.announce(f"downloading {picture.url}")
        try:
            data = self.downloader.fetch(picture.url)
        except DownloadError as error:
            missing = "file not found in the uploads, and " if self.uploads else ""
            raise _Unavailable(f"{missing}downloading {picture.url} failed: {error}") from error
        self.downloaded.append(picture.url)
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
