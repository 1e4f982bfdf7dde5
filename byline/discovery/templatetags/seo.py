"""The <head> metadata of every page: title, description and canonical link."""

from __future__ import annotations

from django import template
from django.template.loader import render_to_string

register = template.Library()


@register.simple_tag(takes_context=True)
def seo_head(context: template.Context) -> str:
    page = context.get("page")
    title = context.get("seo_title") or getattr(page, "seo_title", "") or getattr(page, "title", "")
    site_name = context.get("site_name", "")
    return render_to_string(
        "discovery/seo_head.html",
        {"title": title, "site_name": site_name, "request": context.get("request")},
    )
