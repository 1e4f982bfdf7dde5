"""Who is who in a thread: the badges beside a commenter's name, and who may feature comments.

"Author" is an account linked (``newsroom.Author.user``) to one of the article's credited
authors; "Moderator" may moderate comments (the ``discussion.moderate_comment`` permission,
through the Moderators group, directly, or as a superuser); "Staff" may use the Wagtail admin.
A moderator is staff too, so the thread says the more telling of the two.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Exists, OuterRef, Q

from byline.discussion.models import Comment
from byline.newsroom.models import ArticleAuthor

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from byline.accounts.models import User

AUTHOR = "Author"
MODERATOR = "Moderator"
STAFF = "Staff"

MODERATE = "discussion.moderate_comment"
FEATURE = "discussion.feature_comment"


def can_feature(user: User | AnonymousUser | None) -> bool:
    """Whether ``user`` may pin comments and mark editor's picks: editors and moderators."""
    return bool(
        user is not None
        and user.is_active
        and user.is_authenticated
        and (user.has_perm(FEATURE) or user.has_perm(MODERATE))
    )


def attach_roles(comments: Iterable[Comment], page_id: int | None) -> None:
    """Give each comment the badges of its account (``.roles``), in one query for them all."""
    comments = list(comments)
    user_ids = {comment.author_id for comment in comments if comment.author_id}
    roles = roles_of(user_ids, page_id) if user_ids else {}
    for comment in comments:
        comment.roles = roles.get(comment.author_id, ()) if comment.author_id else ()


def roles_of(user_ids: set[int], page_id: int | None) -> dict[int, tuple[str, ...]]:
    moderate = Permission.objects.filter(content_type__app_label="discussion", codename="moderate_comment")  # fmt: skip
    rows = (
        get_user_model()
        ._default_manager.filter(pk__in=user_ids, is_active=True)
        .annotate(
            wrote_article=Exists(
                ArticleAuthor.objects.filter(article_id=page_id, author__user_id=OuterRef("pk"))
            ),
            moderates=Exists(
                moderate.filter(Q(user=OuterRef("pk")) | Q(group__user=OuterRef("pk")))
            ),
        )
        .values_list("pk", "wrote_article", "moderates", "is_staff", "is_superuser")
    )
    found = {}
    for pk, wrote_article, moderates, is_staff, is_superuser in rows:
        badges = [AUTHOR] if wrote_article else []
        if moderates or is_superuser:
            badges.append(MODERATOR)
        elif is_staff:
            badges.append(STAFF)
        found[pk] = tuple(badges)
    return found
