"""Shapes of the reader's own place: their account, their comments and their subscriptions."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Schema
from pydantic import Field


class MeOut(Schema):
    id: int
    name: str
    email: str
    avatar_url: str | None = Field(description="Absolute URL of the picture, if there is one.")
    verified: bool = Field(description="Whether the reader proved the address is theirs.")
    moderator: bool


class OwnCommentOut(Schema):
    id: int
    page_id: int
    page_title: str
    body_html: str
    status: Literal["published", "held", "removed"] = Field(
        description="As its author reads it: held until a moderator decides."
    )
    created_at: dt.datetime
    edited_at: dt.datetime | None
    reply_count: int
    permalink: str | None = Field(description="Absolute URL, while the comment can be read there.")


class OwnCommentsOut(Schema):
    items: list[OwnCommentOut]
    next: str | None


class OwnSubscriptionOut(Schema):
    id: int
    kind: Literal["article", "replies", "comment", "story", "topic", "person"]
    target_title: str
    target_url: str | None
    frequency: Literal["immediate", "daily"]


class OwnSubscriptionsOut(Schema):
    items: list[OwnSubscriptionOut]


class SubscriptionChangeIn(Schema):
    frequency: Literal["immediate", "daily"]
