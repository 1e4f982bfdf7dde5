"""Find the page a thread belongs to from its address: Byline's own page, or the external page
kept for an address on an allowed site, created the first time anyone asks.

Creation is safe when many readers open a new page at once: creators queue on a lock of the
index page (a row lock on PostgreSQL; SQLite lets one writer in at a time anyway), and each
looks again once it holds the lock, so the first one creates the page and the others find it.
The unique address is the last guard: a creator that still loses reads the winner's page.

Only the page itself makes its thread: anyone may call the API, but a browser names the page
that sent a request in its ``Origin`` header, so an external page is created (with the title
given, cleaned to one line of plain text) only for a request from the address's own origin. A
later request from there updates the title when the page's title changed, until an editor edits
the page in the admin (from then on the editor's title holds). Requests from elsewhere, or from
no browser page at all (curl), find an existing page's thread and change nothing.
"""

from __future__ import annotations

import hashlib
import re

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
_TAG_START = re.compile(r"<(?=[!/?a-zA-Z])")
INDEX_SLUG = "external-pages"


class AddressRefused(DiscussionError):
    """The address is not one a thread can belong to (malformed, not http(s), too long)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, field="url")


class OriginNotAllowed(AddressRefused):
    """The address is on a site the editors have not allowed."""


class NotFromItsSite(OriginNotAllowed):
    """The address has no page yet, and the request did not come from the address's site."""


class NoDiscussionHere(AddressRefused):
    """The address is Byline's, but no page with a discussion is there."""


class TooManyNewPages(DiscussionError):
    """One client made threads for more new addresses than ``EMBEDDING_NEW_PAGES_RATE`` allows."""

    def __init__(self, rate: Rate) -> None:
        super().__init__(
            f"Too many new pages from your address ({rate.describe()}): try again later."
        )
        self.retry_after = rate.seconds


# Byline's own code (a shell, a test, a task) may make a page for any allowed address.
ANY_ORIGIN = "*"


def page_for_url(
    url: str, title: str = "", *, client: str | None = None, origin: str | None = ANY_ORIGIN
) -> Page:
    """The page discussed at ``url``: Byline's own (as Wagtail routes it) or the external page
    for an address on an allowed site, created on first use with ``title``. ``origin`` is the
    request's Origin header (None without one): only the address's own origin may create the
    page or change its title. ``client`` (the caller's IP address) is counted against
    ``EMBEDDING_NEW_PAGES_RATE`` when a page is made."""
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
    own = origin == ANY_ORIGIN or _canonical_origin(origin or "") == address.origin
    return external_page(address, title, client=client, own=own)


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


def external_page(
    address: Address, title: str, *, client: str | None = None, own: bool = True
) -> ExternalPage:
    found = ExternalPage.objects.filter(external_url=address.url).first()
    if found is not None:
        if own:
            _retitle(found, title)
        return found
    if not own:
        raise NotFromItsSite(
            f"Only a page of {address.origin} may start its thread on Byline, through the "
            "embed on that page; this address has no thread yet."
        )
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


def _retitle(page: ExternalPage, title: str) -> None:
    """The page's own title, as its site now gives it, unless an editor has set one."""
    cleaned = clean_title(title)
    if not cleaned or cleaned == page.title or page.latest_revision_id is not None:
        return
    ExternalPage.objects.filter(pk=page.pk).update(title=cleaned, draft_title=cleaned)
    page.title = page.draft_title = cleaned


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
    # strip_tags leaves a tag it never sees closed ("<script>alert(1)"): no tag's start stays.
    text = _TAG_START.sub("", text)
    return Truncator(text).chars(MAX_TITLE_LENGTH)


def _fallback_title(address: Address) -> str:
    return Truncator(address.url.partition("://")[2]).chars(MAX_TITLE_LENGTH)


def _slug(address: Address) -> str:
    """Readable in the admin, and unique among the index's children through its digest."""
    digest = hashlib.sha256(address.url.encode()).hexdigest()[:16]
    readable = slugify(address.url.partition("://")[2])[:60].strip("-")
    return f"{readable}-{digest}" if readable else digest


def _canonical_origin(url: str) -> str:
    if not url:
        return ""
    try:
        return normalise_url(url).origin
    except AddressError:
        return ""
