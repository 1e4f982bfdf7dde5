"""The newsroom for reading: ``/articles`` (by section or topic), ``/articles/{id}``,
``/sections`` and ``/topics``. Live, public pages only, for everyone; no writes.

Why not mount Wagtail 8's own ninja API (``wagtail.api.v3``) here: its page router carries
the editors' writes (create, update, publish, move, delete) in the same router as the reads,
and for a signed-in caller it lists every page the account may edit, drafts and private pages
included, where this API must show what the public site shows and nothing more. It also pages
by offset, answers in its own error shape and describes pages through per-model
``api_fields``. So these are small schemas of Byline's own over the newsroom's QuerySets
(``ArticlePage.objects.live().public()...for_listing()``, as the section pages list them),
paged by cursor, while the body reuses what Wagtail's API does give: each block's
``get_api_representation``, with its ``rich_text_format`` choice.
"""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest
from ninja import Query, Router

from byline.api.absolute import absolute
from byline.api.callers import caller_of
from byline.api.errors import ERRORS, ApiError
from byline.api.keyset import Keyset
from byline.api.schemas.newsroom import ArticleDetailOut, ArticlesOut, SectionsOut, TopicsOut
from byline.api.schemas.paging import AFTER, LIMIT, RowId
from byline.newsroom.models import ArticlePage, SectionPage, Topic

router = Router(tags=["newsroom"])

ARTICLES = Keyset(field="first_published_at")
# Wagtail's public formats only: its "db_" ones carry the stored page and image references
# (ids of drafts and private pages included), which are not the public's to read.
RichTextFormat = Literal["html", "markdown"]
SECTION: Any = Query(None, max_length=255, description="A section's slug.")
TOPIC: Any = Query(None, max_length=100, description="A topic's slug.")
RICH_TEXT_FORMAT: Any = Query("html", description="How rich text is given (Wagtail's formats).")


def _articles():
    return ArticlePage.objects.live().public().for_listing().prefetch_related("tagged_topics__tag")


@router.get("/articles", response={200: ArticlesOut, **ERRORS}, summary="Articles, newest first")
def articles(
    request: HttpRequest,
    section: str | None = SECTION,
    topic: str | None = TOPIC,
    after: str | None = AFTER,
    limit: int = LIMIT,
):
    """Published articles, newest first; ``section`` and ``topic`` take a slug."""
    caller_of(request)  # Nothing to allow, but a dead token is told so.
    found = _articles()
    if section:
        chosen = SectionPage.objects.live().public().filter(slug=section).first()
        if chosen is None:
            raise ApiError(404, "not_found", "There is no section with that slug.", "section")
        found = found.child_of(chosen)
    if topic:
        tag = Topic.objects.filter(slug=topic).first()
        if tag is None:
            raise ApiError(404, "not_found", "There is no topic with that slug.", "topic")
        found = found.tagged_with_topic(tag)
    page, following = ARTICLES.page(found, after, limit)
    return {"items": [_article(article) for article in page], "next": following}


@router.get(
    "/articles/{article_id}", response={200: ArticleDetailOut, **ERRORS}, summary="One article"
)
def article(
    request: HttpRequest,
    article_id: RowId,
    rich_text_format: RichTextFormat = RICH_TEXT_FORMAT,
):
    caller_of(request)
    found = _articles().filter(pk=article_id).first()
    if found is None:
        raise ApiError(404, "not_found", "There is no published article with that id.")
    return {**_article(found), "body": _body(request, found, rich_text_format)}


def _body(request: HttpRequest, article: ArticlePage, rich_text_format: str) -> list:
    # Wagtail's rich text blocks read the format from the request's query, defaulting to its
    # database HTML (internal links unresolved): this API defaults to display HTML instead.
    query = request.GET.copy()
    query["rich_text_format"] = rich_text_format
    request.GET = query
    return article.body.stream_block.get_api_representation(article.body, {"request": request})


def _article(article: ArticlePage) -> dict:
    section = article.section
    return {
        "id": article.pk,
        "title": article.title,
        "url": absolute(article.url),
        "standfirst": article.standfirst,
        "type_of_work": article.type_of_work,
        "first_published_at": article.first_published_at,
        "updated_at": article.updated_at,
        "section": (
            {"id": section.pk, "title": section.title, "slug": section.slug} if section else None
        ),
        "topics": [_topic(tagged.tag) for tagged in article.tagged_topics.all()],
        "authors": [
            {"name": author.name, "slug": author.slug, "role": author.role}
            for author in article.byline_authors
        ],
    }


@router.get("/sections", response={200: SectionsOut, **ERRORS}, summary="The sections")
def sections(request: HttpRequest):
    """The site's sections in menu order."""
    caller_of(request)
    found = SectionPage.objects.live().public().in_menu_order()
    return {
        "items": [
            {
                "id": section.pk,
                "title": section.title,
                "slug": section.slug,
                "url": absolute(section.url),
                "intro": section.intro,
            }
            for section in found
        ]
    }


@router.get("/topics", response={200: TopicsOut, **ERRORS}, summary="The topics")
def topics(request: HttpRequest):
    """Every topic, by name."""
    caller_of(request)
    return {"items": [_topic(topic) for topic in Topic.objects.order_by("name")]}


def _topic(topic: Topic) -> dict:
    return {
        "slug": topic.slug,
        "name": topic.name,
        "description": topic.description,
        "url": absolute(topic.get_absolute_url()),
    }
