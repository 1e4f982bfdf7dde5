"""``{% load discussion %}``: the discussion's pieces in the newsroom's pages.

Loaded by the templates the discussion fills the newsroom's slots with
(``discussion/slots/*.html``, named by the ``byline_slot_*`` hooks in ``wagtail_hooks.py``), so
the newsroom never names the discussion. Each tag takes what its piece needs as arguments, plus
the request from the page's context, and renders one dataclass of ``threads/in_pages.py``: the
dataclass is the whole context its template gets.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from wagtail.models import Page

from byline.discussion.threads import in_pages
from byline.discussion.threads.forms import CommentForm
from byline.newsroom.models import StoryPage

register = template.Library()


def render_piece(piece: in_pages.Piece | None, context: template.Context) -> SafeString:
    if piece is None:
        return SafeString("")
    return SafeString(
        render_to_string(piece.template_name, piece.template_context(), request=context["request"])
    )


@register.simple_tag(takes_context=True)
def thread_under(
    context: template.Context, page: Page, form: CommentForm | None = None
) -> SafeString:
    """``{% thread_under page form=comment_form_with_errors %}``: the thread under the article;
    ``form``, when given, is a refused comment form shown again with its errors (a name missing
    from the context reaches a tag as an empty string: no form)."""
    refused = form if isinstance(form, CommentForm) else None
    return render_piece(
        in_pages.thread_under_article(context["request"], page, form=refused), context
    )


@register.simple_tag(takes_context=True)
def follow_form(context: template.Context, target: Any) -> SafeString:
    """``{% follow_form story %}`` (or a topic, or a person): the form that follows it."""
    if not target:
        return SafeString("")
    return render_piece(in_pages.follow_box(context["request"], target), context)


@register.simple_tag(takes_context=True)
def prompt_marker(context: template.Context, page: Page, block: Any) -> SafeString:
    """``{% prompt_marker page block %}``: the marker on one editor's prompt. The answer counts
    of all the page's prompts are worked out once per render and kept in the page's
    ``slot_memo``; a page rendered without one counts for this prompt alone."""
    memo = context.get("slot_memo")
    if memo is None:
        memo = {}
    return render_piece(in_pages.prompt_marker(context["request"], page, block, memo), context)


@register.simple_tag(takes_context=True)
def comment_count_link(context: template.Context, page: Page) -> SafeString:
    return render_piece(in_pages.comment_count_link(page), context)


@register.simple_tag(takes_context=True)
def most_discussed_rail(context: template.Context) -> SafeString:
    return render_piece(in_pages.most_discussed_rail(), context)


@register.simple_tag(takes_context=True)
def liveliest_comments(context: template.Context, story: StoryPage) -> SafeString:
    """``{% liveliest_comments page %}``: the most voted comments across a story's threads."""
    return render_piece(in_pages.liveliest_comments(story), context)
