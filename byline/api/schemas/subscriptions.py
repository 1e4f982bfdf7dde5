"""Shapes of "Notify of" subscriptions made through the API (``POST /threads/{id}/subscriptions``)."""

from __future__ import annotations

from typing import Literal

from ninja import Schema
from pydantic import Field

from byline.api.schemas.paging import RowId


class SubscribeIn(Schema):
    kind: Literal["article", "replies", "comment"] = Field(
        description="New comments on the article, replies to the reader's own comments there, "
        "or replies to one comment (name it in `comment_id`)."
    )
    comment_id: RowId | None = None
    email: str | None = Field(
        None, max_length=254, description="A guest's address; a signed-in reader's is used."
    )
    frequency: Literal["immediate", "daily"] | None = Field(
        None, description="As they happen, or one daily digest (default: the reader's choice)."
    )


class SubscribeOut(Schema):
    status: Literal["active", "confirm_by_email"] = Field(
        description="`active` for a signed-in reader's proven address; otherwise a link to "
        "confirm is emailed, and the answer is the same whatever is known of the address."
    )
    message: str
