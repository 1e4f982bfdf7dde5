"""Reader-facing discovery views: site search."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from byline.newsroom.models import ArticlePage
from byline.newsroom.models.pages import paginate

MAX_QUERY_LENGTH = 200


def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = None
    if query:
        results = paginate(request, ArticlePage.objects.live().public().search(query))
    return render(
        request,
        "discovery/search.html",
        {"search_query": query, "results": results, "seo_title": "Search"},
    )
