"""Fixtures and helpers shared by the discovery tests."""

from __future__ import annotations

import json
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from wagtail.models import Page, Site
from wagtail.search import index

from byline.newsroom.models import PublicationSettings

# A headline that would run script if any output put it in HTML or a <script> element unescaped.
HOSTILE = '</script><script>alert(1)</script> "quoted" & <b>bold</b> \u2028'


def reindex(*pages: Page) -> None:
    """Index pages as the worker does after a commit.

    The tests' immediate task backend indexes inside ``post_save``, before modelcluster has
    saved the page's tags and authors, so the index would lag one save behind.
    """
    for page in pages:
        index.insert_or_update_object(page)


def html_of(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def xml_of(response) -> ElementTree.Element:
    assert response.status_code == 200, response.status_code
    return ElementTree.fromstring(response.content)


def json_ld_of(soup: BeautifulSoup) -> list[dict]:
    return [json.loads(tag.string) for tag in soup.find_all("script", type="application/ld+json")]


def meta_values(soup: BeautifulSoup, name: str) -> list[str]:
    """Contents of every <meta property=name> or <meta name=name>, in document order."""
    tags = soup.find_all("meta", attrs={"property": name}) + soup.find_all(
        "meta", attrs={"name": name}
    )
    return [tag["content"] for tag in tags]


def meta_value(soup: BeautifulSoup, name: str) -> str:
    values = meta_values(soup, name)
    assert len(values) == 1, f"{name}: {values}"
    return values[0]


@pytest.fixture(autouse=True)
def _empty_cache():
    """Start every test with an empty cache: Wagtail caches renditions by image id, and ids are
    reused once a test's transaction is rolled back."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def publication(db) -> PublicationSettings:
    return PublicationSettings.for_site(Site.objects.get(is_default_site=True))
