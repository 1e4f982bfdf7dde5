"""A reader's embed tokens: the tokens the sign-in pop-up gave other sites (a grant with an
origin). At most one live token per reader and site (re-issuing revokes the older one); the
reader sees and revokes them in the account area, and a new password revokes them all."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.utils import timezone
from wagtail.models import APIToken

if TYPE_CHECKING:
    from byline.accounts.models import User


def live_embed_tokens(user: User) -> QuerySet[APIToken]:
    """``user``'s embed tokens not revoked and not expired, the most recently made first."""
    now = timezone.now()
    return (
        APIToken.objects.select_related("byline_grant")
        .filter(user=user, revoked_at__isnull=True, byline_grant__isnull=False)
        .exclude(byline_grant__origin="")
        .exclude(byline_grant__expires_at__lte=now)
        .order_by("-created", "-pk")
    )


def revoke_embed_tokens(user: User, *, origin: str | None = None, pk: int | None = None) -> int:
    """Revoke ``user``'s live embed tokens (on one origin, or one token, if named); how many."""
    tokens = APIToken.objects.filter(
        user=user, revoked_at__isnull=True, byline_grant__isnull=False
    ).exclude(byline_grant__origin="")
    if origin is not None:
        tokens = tokens.filter(byline_grant__origin=origin)
    if pk is not None:
        tokens = tokens.filter(pk=pk)
    return tokens.update(revoked_at=timezone.now())
