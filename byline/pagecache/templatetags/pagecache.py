"""``{% form_token %}``: the CSRF field, on pages rendered for one reader only."""

from __future__ import annotations

from django import template
from django.middleware.csrf import get_token
from django.utils.html import format_html
from django.utils.safestring import SafeString

from byline.pagecache.shared import is_shared_page

register = template.Library()


@register.simple_tag(takes_context=True)
def form_token(context: template.Context) -> SafeString:
    """Render the CSRF hidden input, or nothing on a page the page cache may share.

    A token in a shared page would be one reader's, and asking for it sets a cookie that makes
    the page unshareable. Forms on shared pages are accepted by their Sec-Fetch-Site header
    instead (byline.csrf); browsers without it get a fresh form from the CSRF failure page.
    """
    request = context.get("request")
    if request is None or is_shared_page(request):
        return SafeString("")
    return format_html(
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', get_token(request)
    )
