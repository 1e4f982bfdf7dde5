"""/people/<id>/: a commenter's public page (DISCUSSION_PUBLIC_PROFILES turns them off)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from byline.discussion.people import reading


# Rendered afresh for everyone: a comment published or moderated would otherwise wait for the
# page to expire, and nothing purges this page.
@cache_control(private=True, max_age=0)
@require_safe
def person(request: HttpRequest, user_id: int) -> HttpResponse:
    """The person's avatar, name, bio, when they joined and their published comments, a page at
    a time; 404 for anyone with none, so the page tells no one which accounts exist."""
    person = reading.public_person(user_id)
    if person is None:
        raise Http404("No such person.")
    comments = Paginator(reading.published_comments(person), reading.PER_PAGE)
    if comments.count == 0:
        raise Http404("No such person.")
    context = {
        "person": person,
        "comments": comments.get_page(request.GET.get("page")),
        "seo": {"title": person.public_name, "noindex": True},
    }
    return render(request, "discussion/people/person.html", context)
