"""Places in the newsroom's pages that apps above it fill, through Wagtail hooks.

The newsroom cannot import the apps that depend on it (discussion, discovery). An app fills
``{% slot "<name>" %}`` by registering a hook ``byline_slot_<name>`` that takes nothing and
returns the name of a template the app owns; the slot renders that template with the page's
context, as ``{% include %}`` would. That template loads the app's own tag library and hands its
tags what they need as arguments (``{% thread_under page %}``), so what each piece reads is
declared in the app's tags, not fished out of the page's context or the request by Python
called from here.

Why a template name rather than a hook that renders: the newsroom's own templates cannot
``{% load discussion %}`` without naming an app above them (import-linter does not read
templates, but the layering holds for them too), and a rendering function handed the whole
context hides what it reads. A template the app owns keeps the newsroom to this one generic tag
and shows, in one line, which values of the page each piece takes.

Article pages carry ``slot_memo``, a dict fresh for each render of the page: what several slots
of one page share (the discussion's answer counts for every editor's prompt) is worked out once
and kept there. It is a context value rather than state on the request, and the StreamField
blocks' copies of the context share it.
"""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe
from wagtail import hooks

register = template.Library()


@register.simple_tag(takes_context=True)
def slot(context: template.Context, name: str) -> SafeString:
    assert context.template is not None  # a tag is always rendered inside a template
    fragments = [
        context.template.engine.get_template(fill()).render(context)
        for fill in hooks.get_hooks(f"byline_slot_{name}")
    ]
    # Each fragment is a rendered template, escaped by the template engine.
    return mark_safe("".join(fragments))
