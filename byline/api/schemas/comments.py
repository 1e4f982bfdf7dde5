"""What the API says of threads and comments, and what it takes to post, edit, vote and report.

A comment's text is only ever its stored ``body_html``, rendered and sanitised once when it was
written (``discussion.markup``); nothing here renders or trusts what a reader typed. No email
address, IP address, guest key or moderation note of anyone leaves through these shapes.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import AfterValidator, ConfigDict, Field, field_validator

COMMENT_EXAMPLE: dict[str, Any] = {
    "id": 812,
    "page_id": 41,
    "parent_id": None,
    "depth": 0,
    "author": {
        "name": "Maya R.",
        "url": "https://news.example.org/people/17/",
        "avatar_url": None,
        "initials": "MR",
        "member": True,
        "role": None,
    },
    "body_html": "<p>Who is the <em>source</em>?</p>",
    "created_at": "2026-12-07T09:14:03Z",
    "edited_at": None,
    "score": 3,
    "status": "published",
    "reply_count": 1,
    "replies": [],
    "replies_next": None,
    "permalink": "https://news.example.org/comments/812/",
    "own": False,
    "my_vote": 1,
    "can_edit": False,
    "can_delete": False,
    "pinned": False,
    "picked": False,
    "passage": None,
}


def _no_nul(value: str) -> str:
    # PostgreSQL stores no NUL character in text, and no person means one: the API drops it,
    # as the site's middleware does for forms and query strings.
    return value.replace("\x00", "")


Text = Annotated[str, AfterValidator(_no_nul)]


class Author(Schema):
    name: str = Field(description="The name shown, escaped by whoever displays it as text.")
    url: str | None = Field(description="The author's public page, if they have one.")
    avatar_url: str | None = Field(description="Their picture; none means show the initials.")
    initials: str
    member: bool = Field(description="A reader with an account (else a guest).")
    role: str | None = Field(description='"Author", "Moderator" or "Staff" badges, if any.')


class PassageOut(Schema):
    block: str = Field(description="The article block's stable id.")
    start: int
    end: int
    quote: str = Field(description="The words commented on, plain text.")
    prompt: str | None = Field(None, description="The editor's prompt this answers, if any.")


class Comment(Schema):
    model_config = ConfigDict(json_schema_extra={"examples": [COMMENT_EXAMPLE]})

    id: int
    page_id: int
    parent_id: int | None
    depth: int
    author: Author
    body_html: str = Field(
        description="Sanitised HTML: p, br, em, strong, a, blockquote, code, pre, lists."
    )
    created_at: dt.datetime
    edited_at: dt.datetime | None
    score: int
    status: Literal["published", "held", "removed"] = Field(
        description='"held": waits for a moderator (only its author sees it); "removed": a '
        "placeholder kept for its replies."
    )
    reply_count: int
    replies: list[Comment] = Field(
        description="A root's first replies, flat, in conversation order (each with its depth)."
    )
    replies_next: str | None = Field(
        description="Cursor for GET /comments/{id}/replies?after= when more replies follow."
    )
    permalink: str
    own: bool
    my_vote: Literal[-1, 0, 1]
    can_edit: bool
    can_delete: bool
    pinned: bool = Field(description="Pinned by an editor above the thread.")
    picked: bool = Field(description="An editor's pick.")
    passage: PassageOut | None


class ThreadPrompt(Schema):
    id: str
    question: str


class Thread(Schema):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "page_id": 41,
                    "title": "The tour resumes in Leeds",
                    "url": "https://news.example.org/music/the-tour-resumes/",
                    "comment_count": 12,
                    "open": True,
                    "closed_reason": None,
                    "premoderated": False,
                    "sorts": ["newest", "oldest", "votes"],
                    "live_events_url": "https://live.news.example.org/threads/9/events",
                    "since": "1733562000000-0",
                    "prompts": [{"id": "q-source", "question": "Do you believe them?"}],
                }
            ]
        }
    )

    page_id: int
    title: str
    url: str
    comment_count: int
    open: bool
    closed_reason: str | None
    premoderated: bool
    sorts: list[str]
    live_events_url: str | None = Field(
        description="The thread's Server-Sent Events stream, where the site runs one."
    )
    since: str | None = Field(
        description="The last event before this answer: open the stream after it."
    )
    prompts: list[ThreadPrompt]


class CommentPage(Schema):
    items: list[Comment]
    next: str | None = Field(description="Cursor for the next page (after=), none at the end.")
    total: int = Field(description="The thread's published comments, replies included.")


class ReplyPage(Schema):
    items: list[Comment]
    next: str | None


class PassageIn(Schema):
    block: Text = Field("", max_length=64)
    start: int = Field(0, ge=0, le=999_999_999)
    end: int = Field(0, ge=0, le=999_999_999)
    quote: Text = Field("", max_length=2000, description="The selected words, as shown.")
    prompt: Text = Field("", max_length=64, description="Or: the editor's prompt answered.")


class NewComment(Schema):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"body": "Who is the *source*?", "name": "Maya R.", "email": "maya@example.org"}
            ]
        }
    )

    body: Text = Field(max_length=100_000, description="Byline's Markdown subset.")
    parent_id: int | None = Field(None, ge=1, le=2**63 - 1)
    name: Text | None = Field(None, max_length=80, description="Guests only: the name shown.")
    email: Text | None = Field(
        None, max_length=254, description="Guests only: never shown; for replies and checks."
    )
    passage: PassageIn | None = None


class Posted(Schema):
    comment: Comment
    status: Literal["published", "held"] = Field(
        description='"held" waits for a moderator. A comment only its author can see for '
        'another reason reads as "published".'
    )
    message: str
    guest_key: str | None = Field(
        description="A guest's new key: send it as X-Byline-Guest to edit, delete and vote."
    )


class CommentEdit(Schema):
    body: Text = Field(max_length=100_000)


class VoteIn(Schema):
    value: Literal[-1, 0, 1]

    @field_validator("value", mode="before")
    @classmethod
    def _an_integer(cls, value: object) -> object:
        # JSON's true, or 1.0, equal 1 in Python: a vote is only ever the integer itself.
        if type(value) is not int:
            raise ValueError("give 1, -1, or 0 to take the vote back.")
        return value


class VoteOut(Schema):
    score: int
    my_vote: Literal[-1, 0, 1]


class ReportIn(Schema):
    reason: Literal["spam", "abuse", "privacy", "off_topic", "other"]
    note: Text = Field("", max_length=500)


class Reported(Schema):
    message: str


Comment.model_rebuild()
