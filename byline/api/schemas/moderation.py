"""Shapes of the moderation queues and decisions, for moderators' tools (scope ``moderate``)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Schema
from pydantic import Field

from byline.api.schemas.paging import RowId


class QueueAuthor(Schema):
    name: str
    account_id: int | None = Field(description="The account's id; null for a guest.")
    email: str | None = Field(description="A guest's address (a member's is on their account).")
    banned: bool
    history: dict[str, int] = Field(
        description="How many of the author's comments are in each state (and how many are spam)."
    )


class QueueReport(Schema):
    reason: str
    note: str
    created_at: dt.datetime


class QueueItem(Schema):
    id: int
    page_id: int
    page_title: str
    body_html: str
    status: Literal["published", "held", "hidden", "shadowed", "removed"]
    created_at: dt.datetime
    author: QueueAuthor
    rule: str = Field(description="Why the pipeline held it: the rule's code, or empty.")
    reason: str = Field(description="The rule's words for it, as the author was told.")
    spam_score: float | None
    is_spam: bool
    report_count: int
    reports: list[QueueReport] = Field(description="Its open reports, oldest first.")
    admin_url: str = Field(description="The comment in the moderation screens of the admin.")


class QueueOut(Schema):
    items: list[QueueItem]
    next: str | None


class DecisionIn(Schema):
    comment_ids: list[RowId] = Field(min_length=1, max_length=500)
    decision: Literal["approve", "reject", "spam"]


class DecisionOut(Schema):
    changed: int = Field(description="How many comments the decision changed.")
    message: str
