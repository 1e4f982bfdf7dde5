"""Render each demo page once, so that its image renditions exist before the first reader comes.

The templates ask for AVIF and WebP renditions in several sizes; Pillow takes about 0.4 s to
encode a 1600-pixel AVIF, so a cold article page costs one to two seconds and a cold home page
about four. Rendering the pages through Django's test client creates exactly the renditions the
templates ask for, whatever they ask for next year, instead of a list of specs kept in step by
hand. While it runs, AVIF is encoded at a faster libavif speed, which halves the time.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.conf import settings
from django.http.request import validate_host
from django.test import Client
from django.urls import reverse
from PIL import Image
from wagtail.models import Site

from byline.newsroom.models import ArticlePage, Author, Person, SectionPage, Topic


@dataclass(frozen=True)
class PageTiming:
    path: str
    status: int
    seconds: float


@dataclass
class WarmingReport:
    timings: list[PageTiming] = field(default_factory=list)

    @property
    def seconds(self) -> float:
        return sum(timing.seconds for timing in self.timings)

    @property
    def failures(self) -> list[PageTiming]:
        return [timing for timing in self.timings if timing.status != 200]

    def describe(self) -> str:
        slowest = max(self.timings, key=lambda timing: timing.seconds, default=None)
        detail = f"; the slowest was {slowest.path} at {slowest.seconds:.1f} s" if slowest else ""
        return (
            f"Rendered {len(self.timings)} pages once in {self.seconds:.1f} s to prepare their"
            f" image renditions{detail}."
        )


def demo_paths(site: Site | None = None) -> list[str]:
    """Every reader-facing page of the site: home, sections, articles, authors and tags."""
    site = site or Site.objects.get(is_default_site=True)
    pages = [
        site.root_page,
        *SectionPage.objects.live().public().descendant_of(site.root_page),
        *ArticlePage.objects.live().public().descendant_of(site.root_page).order_by("path"),
    ]
    return [
        *(page.get_url_parts()[2] for page in pages),
        *(author.get_absolute_url() for author in Author.objects.all()),
        *(topic.get_absolute_url() for topic in Topic.objects.all()),
        *(person.get_absolute_url() for person in Person.objects.all()),
        reverse("newsroom:corrections"),
    ]


def warm_pages(paths: Iterable[str]) -> WarmingReport:
    """GET each path once through the test client and time it; errors are reported, not raised."""
    client = Client(HTTP_HOST=_allowed_host(), raise_request_exception=False)
    secure = getattr(settings, "SECURE_SSL_REDIRECT", False)
    report = WarmingReport()
    with quick_avif_encoding():
        for path in paths:
            started = time.perf_counter()
            response = client.get(path, secure=secure)
            elapsed = time.perf_counter() - started
            report.timings.append(PageTiming(path, response.status_code, elapsed))
    return report


def _allowed_host() -> str:
    """The default site's hostname if Django accepts it, or else the first concrete allowed host."""
    site = Site.objects.get(is_default_site=True)
    candidates = [site.hostname, *(host.lstrip(".") for host in settings.ALLOWED_HOSTS)]
    for host in candidates:
        if host and host != "*" and validate_host(host, settings.ALLOWED_HOSTS):
            return host
    return "localhost"


@contextmanager
def quick_avif_encoding(speed: int = 8) -> Iterator[None]:
    """Encode AVIF at libavif speed ``speed`` (Pillow's default is 6) until the block ends.

    At speed 8 a 1600-pixel rendition takes a fifth of the time for a file 4 to 13% larger: a
    fair trade for the demo's first start, which would otherwise spend most of a minute here.
    """
    Image.init()
    original = Image.SAVE.get("AVIF")
    if original is None:
        yield
        return

    def save_quickly(image: Image.Image, fp, filename) -> None:
        image.encoderinfo.setdefault("speed", speed)
        original(image, fp, filename)

    Image.register_save("AVIF", save_quickly)
    try:
        yield
    finally:
        Image.register_save("AVIF", original)
