"""Listings that are not pages in the tree: an author's, a topic's, a person's and corrections."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from byline.newsroom.models import ArticlePage, Author, Correction, Person, Topic
from byline.newsroom.models.pages import paginate


def _live_articles():
    return ArticlePage.objects.live().public()


def author_detail(request: HttpRequest, slug: str) -> HttpResponse:
    author = get_object_or_404(
        Author.objects.select_related("photo").prefetch_related("links"), slug=slug
    )
    articles = paginate(request, _live_articles().by_author(author).for_listing())
    seo = {"subject": author, "page_number": articles.number}
    return render(
        request,
        "newsroom/author_page.html",
        {"author": author, "articles": articles, "seo": seo},
    )


def topic_detail(request: HttpRequest, slug: str) -> HttpResponse:
    topic = get_object_or_404(Topic, slug=slug)
    articles = paginate(request, _live_articles().tagged_with_topic(topic).for_listing())
    return render(
        request,
        "newsroom/tag_page.html",
        {
            "tag": topic,
            "tag_kind": "Topic",
            "articles": articles,
            "seo": {"subject": topic, "page_number": articles.number},
        },
    )


def person_detail(request: HttpRequest, slug: str) -> HttpResponse:
    person = get_object_or_404(Person, slug=slug)
    articles = paginate(request, _live_articles().tagged_with_person(person).for_listing())
    return render(
        request,
        "newsroom/tag_page.html",
        {
            "tag": person,
            "tag_kind": "Person",
            "articles": articles,
            "seo": {"subject": person, "page_number": articles.number},
        },
    )


def corrections_archive(request: HttpRequest) -> HttpResponse:
    corrections = paginate(
        request,
        Correction.objects.filter(article__in=_live_articles()).select_related("article"),
    )
    seo = {
        "title": "Corrections",
        "description": "Every correction we have published, newest first.",
        "page_number": corrections.number,
    }
    return render(
        request,
        "newsroom/corrections_archive.html",
        {"corrections": corrections, "seo": seo},
    )
