"""The admin's live sourcing check: the panel's list for the draft being typed, before it is
saved. The edit form's script posts the body's rich-text fields (Draftail's JSON) here."""

from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.template.loader import render_to_string
from django.urls import path
from django.views.decorators.http import require_POST
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

from byline.newsroom.blocks import PARAGRAPH_FEATURES
from byline.newsroom.sourcing.checker import check_text, findings_in_order
from byline.newsroom.sourcing.marks import find_marks

MAX_FIELDS = 500
# The deepest list nesting accepted: the editor's lists go a few levels deep, while the
# converter recurses once per level (a posted depth of thousands ended in a RecursionError).
MAX_DEPTH = 10


def _html_of(contentstate: str, converter: ContentstateConverter) -> str:
    """One rich-text field's HTML as saving the draft would store it; ValueError if it is not
    the editor's JSON."""
    try:
        state = json.loads(contentstate)
    except json.JSONDecodeError as error:
        raise ValueError("A field is not the editor's JSON.") from error
    if not isinstance(state, dict) or not isinstance(state.get("blocks"), list):
        raise ValueError("A field is not the editor's JSON.")
    if not all(_depth_is_sane(block) for block in state["blocks"]):
        raise ValueError("A field is not the editor's JSON.")
    try:
        return converter.to_database_format(contentstate)
    except (KeyError, TypeError, AttributeError, ValueError, IndexError) as error:
        raise ValueError("A field is not the editor's JSON.") from error


def _depth_is_sane(block: object) -> bool:
    """A block's list depth, when it has one, is a small whole number."""
    if not isinstance(block, dict) or "depth" not in block:
        return True
    depth = block["depth"]
    return type(depth) is int and 0 <= depth <= MAX_DEPTH


@require_POST
def check_draft(request: HttpRequest) -> HttpResponse:
    """The panel's list for the posted ``field`` values, in the order posted."""
    fields = request.POST.getlist("field")
    if len(fields) > MAX_FIELDS:
        return HttpResponseBadRequest(f"At most {MAX_FIELDS} rich-text fields are checked.")
    converter = ContentstateConverter(features=PARAGRAPH_FEATURES)
    try:
        htmls = [_html_of(field, converter) for field in fields]
    except ValueError as error:
        return HttpResponseBadRequest(str(error))
    findings = findings_in_order(
        finding for html in htmls for finding in check_text(find_marks(html))
    )
    return HttpResponse(
        render_to_string(
            "newsroom/sourcing/check_results.html",
            {"findings": findings, "unmarked": sum(not f.marked for f in findings)},
            request=request,
        )
    )


urlpatterns = [path("sourcing/check/", check_draft, name="newsroom_sourcing_check")]
