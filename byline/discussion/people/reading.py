"""What a commenter's public page may show: their published comments on public, live articles,
and nothing else (no comment held, shadowed or removed, no address)."""

from __future__ import annotations

from django.conf import settings
from wagtail.models import Page

from byline.accounts.models import User
from byline.discussion.models import Comment, CommentQuerySet

PER_PAGE = 20


def public_person(user_id: int) -> User | None:
    """The account whose public page this is, or None (the pages are off, no such active
    account)."""
    if not settings.DISCUSSION_PUBLIC_PROFILES:
        return None
    return User.objects.filter(pk=user_id, is_active=True).first()


def published_comments(person: User) -> CommentQuerySet:
    """The person's comments anyone can read under a live article no one restricted, newest
    first, each with its article."""
    public_pages = Page.objects.live().public().values("pk")
    return (
        Comment.objects.filter(
            author=person, status=Comment.Status.PUBLISHED, thread__page__in=public_pages
        )
        .select_related("thread__page")
        .order_by("-created_at", "-id")
    )
