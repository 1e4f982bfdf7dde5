"""``{% related_rail page %}``: the "More on this story" rail under an article."""

from __future__ import annotations

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from byline.pagecache.fragments import fragment

register = template.Library()


@register.simple_tag(takes_context=True)
def related_rail(context: template.Context, page) -> SafeString:
    """Render the rail, kept per live revision: choosing and drawing the stories costs more
    than the rest of the article, and they change far less often than its comments."""
    request = context.get("request")

    def render() -> str:
        context_data = {"related_articles": page.related_articles(), "request": request}
        return render_to_string("newsroom/includes/related_rail.html", context_data)

    if request is None or getattr(request, "is_preview", False):
        return SafeString(render())
    host = request.get_host()
    return fragment("related_rail", (page.pk, page.live_revision_id, host), render)
