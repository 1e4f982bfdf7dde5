"""What an API token may do. The token itself is Wagtail's (``wagtail.models.APIToken``: hashed
key, shown once, revocable, listed in the admin under Settings > API tokens); Byline adds its
scopes, an expiry and, for a reader's token handed to the embed, the one site it works from."""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class Scope(models.TextChoices):
    # Reading public threads and pages needs no token; scopes are for what else a key may do.
    COMMENT = "comment", "Post, edit and delete its reader's comments, vote and report"
    SUBSCRIBE = "subscribe", "Manage its reader's Notify of subscriptions"
    ACCOUNT = "account", "Read its reader's own account data"
    MODERATE = "moderate", "Read the moderation queues and decide (its reader must be a moderator)"


class TokenGrant(models.Model):
    token = models.OneToOneField(
        "wagtailcore.APIToken", on_delete=models.CASCADE, related_name="byline_grant"
    )
    scopes = models.JSONField(default=list, blank=True)
    # Set for a reader's token handed to the embed on one site: requests from elsewhere fail.
    origin = models.CharField(max_length=200, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "API token's grant"

    def __str__(self) -> str:
        return f"{self.token}: {', '.join(self.scopes) or 'read only'}"

    @property
    def expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()
