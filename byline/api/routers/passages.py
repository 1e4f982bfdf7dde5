"""``GET /threads/{page_id}/passages``: the commented passages of a page, with their counts.

What the embed's passages script highlights on another site's page (and what an article's
script gets inline in the page): one entry per passage of the current text that comments the
caller can see respond to. Open one with the comments' inline filter
(``block``, ``start``, ``end``).
"""

from __future__ import annotations

from typing import Annotated

from django.http import HttpRequest
from ninja import Path, Router, Schema

from byline.api.callers import caller_of
from byline.api.errors import ERRORS
from byline.discussion.anchoring import display
from byline.discussion.http import discussed_page

router = Router(tags=["Threads and comments"])

PageId = Annotated[int, Path(ge=1, le=2**31 - 1, description="The commented page's id.")]


class CommentedPassage(Schema):
    block: str
    start: int
    end: int
    quote: str
    count: int


class CommentedPassages(Schema):
    items: list[CommentedPassage]


@router.get(
    "/threads/{page_id}/passages",
    response={200: CommentedPassages, **ERRORS},
    summary="The commented passages of a page, with how many comments each has",
)
def passages(request: HttpRequest, page_id: PageId) -> dict:
    """Readers' selections on the page's current text (editor prompts are in the thread's
    ``prompts``); positions count characters of the block's text with whitespace collapsed."""
    caller = caller_of(request)
    page = discussed_page(page_id)
    rows = display.highlights(page, caller.viewer)
    return {
        "items": [
            {"block": row["block"], "start": row["start"], "end": row["end"],
             "quote": row["exact"], "count": row["count"]}
            for row in rows
            if not row["prompt"]
        ]
    }  # fmt: skip
