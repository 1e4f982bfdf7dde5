"""Shapes of the newsroom's articles, sections and topics, for reading (live, public pages)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Schema
from pydantic import Field


class SectionOut(Schema):
    id: int
    title: str
    slug: str
    url: str | None
    intro: str


class SectionsOut(Schema):
    items: list[SectionOut]


class TopicOut(Schema):
    slug: str
    name: str
    description: str
    url: str | None


class TopicsOut(Schema):
    items: list[TopicOut]


class AuthorOut(Schema):
    name: str
    slug: str
    role: str


class ArticleSection(Schema):
    id: int
    title: str
    slug: str


class ArticleOut(Schema):
    id: int = Field(description="The page's id: also its thread's `page_id` (`/threads/{id}`).")
    title: str
    url: str | None
    standfirst: str
    type_of_work: str
    first_published_at: dt.datetime | None
    updated_at: dt.datetime | None
    section: ArticleSection | None
    topics: list[TopicOut]
    authors: list[AuthorOut]


class ArticlesOut(Schema):
    items: list[ArticleOut]
    next: str | None


class ArticleDetailOut(ArticleOut):
    body: list[dict[str, Any]] = Field(
        description="The body's blocks as Wagtail's API gives them ({type, value, id}), rich "
        "text as HTML unless `rich_text_format` asks for another of Wagtail's formats."
    )
