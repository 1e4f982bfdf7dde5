"""``{% seo_head seo %}``: the <head> metadata of every page, described by ``byline.discovery.seo``."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import SafeString
from wagtail.models import Page

from byline.discovery.feeds import site_name_for
from byline.discovery.seo import SeoContext, head_metadata
from byline.pagecache.fragments import fragment

register = template.Library()


@register.simple_tag(takes_context=True)
def seo_head(context: template.Context, seo: SeoContext | dict | None = None) -> SafeString:
    """Render title, description, canonical link, feeds, Open Graph, Twitter card and JSON-LD.

    Reads ``seo``, the ``SeoContext`` the page declared (see ``byline.discovery.seo``), and the
    request; nothing else in the template context.
    """
    declared = SeoContext.of(seo)
    request = context.get("request")
    if request is None:
        # Rendered outside a request (an email, a management command): only the title is known.
        return format_html("<title>{}</title>", declared.title or settings.WAGTAIL_SITE_NAME)
    options = {
        "site_name": site_name_for(request),
        "page": declared.page,
        "subject": declared.subject,
        "title": str(declared.title),
        "description": str(declared.description),
        "noindex": bool(declared.noindex),
        "page_number": declared.page_number,
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
