"""Places in the newsroom's pages that apps above it fill, through Wagtail hooks.

The newsroom cannot import the apps that depend on it (discussion, discovery); they register a
hook named ``byline_slot_<name>`` taking the template context and returning safe HTML.
"""

from __future__ import annotations

from django import template
from django.utils.html import format_html_join
from wagtail import hooks

register = template.Library()


@register.simple_tag(takes_context=True)
def slot(context: template.Context, name: str) -> str:
    fragments = [renderer(context) for renderer in hooks.get_hooks(f"byline_slot_{name}")]
    return format_html_join("", "{}", ((fragment,) for fragment in fragments if fragment))
