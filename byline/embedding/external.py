"""Find the page a thread belongs to from its address: Byline's own page, or the external page
kept for an address on an allowed site, created the first time anyone asks.

Creation is safe when many readers open a new page at once: creators queue on a lock of the
index page (a row lock on PostgreSQL; SQLite lets one writer in at a time anyway), and each
looks again once it holds the lock, so the first one creates the page and the others find it.
The unique address is the last guard: a creator that still loses reads the winner's page.

The title is the one given the first time, cleaned to one line of plain text; later callers
cannot change it (anyone may call), editors can in the admin.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator, slugify
from wagtail.models import Page, Site

from byline.accounts.names import clean_name
from byline.discussion.errors import DiscussionError
from byline.embedding import origins
from byline.embedding.addresses import Address, AddressError, normalise_url
from byline.embedding.models import ExternalPage, ExternalPageIndex
from byline.ratelimits import Rate, hit

MAX_TITLE_LENGTH = 200
INDEX_SLUG = "external-pages"


class AddressRefused(DiscussionError):
    """The address is not one a thread can belong to (malformed, not http(s), too long)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, field="url")


class OriginNotAllowed(AddressRefused):
    """The address is on a site the editors have not allowed."""


class NoDiscussionHere(AddressRefused):
    """The address is Byline's, but no page with a discussion is there."""


class TooManyNewPages(DiscussionError):
    """One client made threads for more new addresses than ``EMBEDDING_NEW_PAGES_RATE`` allows."""

    def __init__(self, rate: Rate) -> None:
        super().__init__(
            f"Too many new pages from your address ({rate.describe()}): try again later."
        )
        self.retry_after = rate.seconds


def page_for_url(url: str, title: str = "", *, client: str | None = None) -> Page:
    """The page discussed at ``url``: Byline's own (as Wagtail routes it) or the external page
    for an address on an allowed site, created on first use with ``title``. ``client`` (the
    caller's IP address) is counted against ``EMBEDDING_NEW_PAGES_RATE`` when a page is made:
    anyone may name any address on an allowed site, and each makes a page."""
    try:
        address = normalise_url(url)
    except AddressError as error:
        raise AddressRefused(str(error)) from error
    site = byline_site(address.origin)
    if site is not None:
        return byline_page(site, address)
    if not origins.is_allowed(address.origin):
        raise OriginNotAllowed(
            f"{address.origin} is not a site Byline's discussion may appear on; "
            "its editors can allow it."
        )
    return external_page(address, title, client=client)


def byline_site(origin: str) -> Site | None:
    """The Wagtail site at ``origin``: the public address (``BYLINE_BASE_URL``) is the default
    site's, and each site's own root URL is its."""
    if origin == _canonical_origin(settings.BYLINE_BASE_URL):
        return Site.objects.filter(is_default_site=True).select_related("root_page").first()
    for site in Site.objects.select_related("root_page"):
        if origin == _canonical_origin(site.root_url):
            return site
    return None


def byline_page(site: Site, address: Address) -> Page:
    components = [part for part in address.path.split("/") if part]
    # Wagtail's routing wants a request only to note what a routable page resolved.
    try:
        page = site.root_page.localized.specific.route(HttpRequest(), components).page
    except Http404:
        page = None
    if page is None or not getattr(page.specific, "has_discussion", False):
        raise NoDiscussionHere("There is no discussion at this address of Byline.")
    return page.specific


def external_page(address: Address, title: str, *, client: str | None = None) -> ExternalPage:
    found = ExternalPage.objects.filter(external_url=address.url).first()
    if found is not None:
        return found
    _count_new_page(client)
    try:
        with transaction.atomic():
            index = ExternalPageIndex.objects.select_for_update().get(pk=index_page().pk)
            found = ExternalPage.objects.filter(external_url=address.url).first()
            return found or _create(index, address, title)
    except (IntegrityError, ValidationError):
        # Made by a writer the lock did not order (found by the unique address, or by the
        # uniqueness check Wagtail makes before saving): that page is the one.
        found = ExternalPage.objects.filter(external_url=address.url).first()
        if found is None:
            raise
        return found


def _create(index: ExternalPageIndex, address: Address, title: str) -> ExternalPage:
    now = timezone.now()
    page = ExternalPage(
        title=clean_title(title) or _fallback_title(address),
        slug=_slug(address),
        external_url=address.url,
        live=True,
        # Seen first now: the thread closes, like an article's, the set number of days later.
        first_published_at=now,
        last_published_at=now,
    )
    return index.add_child(instance=page)


def _count_new_page(client: str | None) -> None:
    if not settings.EMBEDDING_NEW_PAGES_RATE or not client:
        return
    rate = Rate.parse(settings.EMBEDDING_NEW_PAGES_RATE)
    if not hit("embedding-new-page", client, rate):
        raise TooManyNewPages(rate)


def index_page() -> ExternalPageIndex:
    """The hidden parent of every external page, made under the tree's root on first use."""
    index = ExternalPageIndex.objects.first()
    if index is not None:
        return index
    with transaction.atomic():
        root = Page.objects.select_for_update().get(pk=Page.get_first_root_node().pk)
        index = ExternalPageIndex.objects.first()
        if index is None:
            index = root.add_child(
                instance=ExternalPageIndex(title="Pages of other sites", slug=INDEX_SLUG, live=True)
            )
    return index


def clean_title(title: str) -> str:
    """One line of plain text, at most ``MAX_TITLE_LENGTH`` characters."""
    text = clean_name(strip_tags(str(title or "")[: MAX_TITLE_LENGTH * 20]))
    return Truncator(text).chars(MAX_TITLE_LENGTH)


def _fallback_title(address: Address) -> str:
    return Truncator(address.url.partition("://")[2]).chars(MAX_TITLE_LENGTH)


def _slug(address: Address) -> str:
    """Readable in the admin, and unique among the index's children through its digest."""
    digest = hashlib.sha256(address.url.encode()).hexdigest()[:16]
    readable = slugify(address.url.partition("://")[2])[:60].strip("-")
    return f"{readable}-{digest}" if readable else digest


def _canonical_origin(url: str) -> str:
    try:
        return normalise_url(url).origin
    except AddressError:
        return ""
