"""``{% seo_head %}``: the <head> metadata of every page, described by ``byline.discovery.seo``."""

from __future__ import annotations

from django import template
from django.core.paginator import Page as PaginatorPage
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import SafeString
from wagtail.models import Page

from byline.discovery.seo import head_metadata
from byline.pagecache.fragments import fragment

register = template.Library()


def listing_page_number(context: template.Context) -> int:
    """The number of the page of a paginated listing in the context, 1 when there is none."""
    for value in context.flatten().values():
        # type(), not isinstance(): isinstance would evaluate lazy values such as csrf_token,
        # and an evaluated csrf_token sets a cookie that makes every page uncacheable.
        if issubclass(type(value), PaginatorPage):
            return value.number
    return 1


@register.simple_tag(takes_context=True)
def seo_head(context: template.Context) -> SafeString:
    """Render title, description, canonical link, feeds, Open Graph, Twitter card and JSON-LD.

    Reads ``page`` (a Wagtail page), ``author`` or ``tag`` (a listing's subject) and the
    overrides ``seo_title``, ``seo_description`` and ``seo_noindex`` from the context.
    """
    request = context.get("request")
    site_name = str(context.get("site_name") or "")
    if request is None:
        # Rendered outside a request (an email, a management command): only the title is known.
        return format_html("<title>{}</title>", context.get("seo_title") or site_name)
    options = {
        "site_name": site_name,
        "page": context.get("page"),
        "subject": context.get("author") or context.get("tag"),
        "title": str(context.get("seo_title") or ""),
        "description": str(context.get("seo_description") or ""),
        "noindex": bool(context.get("seo_noindex")),
        "page_number": listing_page_number(context),
    }

    def render() -> str:
        metadata = head_metadata(request, **options)
        return render_to_string("discovery/seo_head.html", {"meta": metadata})

    page = options["page"]
    if not isinstance(page, Page) or getattr(request, "is_preview", False):
        return render()
    # A published page's head changes only with a new revision (or with everything, on a
    # settings change): keep it, per address, as the page cache keeps whole pages.
    parts = (page.pk, page.live_revision_id, request.scheme, request.get_host(), request.path)
    options_part = tuple(value for key, value in options.items() if key != "page")
    return fragment("seo_head", (*parts, *map(str, options_part)), render)
