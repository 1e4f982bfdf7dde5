"""A reader's private choice not to see another account holder's comments unfolded."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class Mute(models.Model):
    """``reader`` sees the comments of ``muted`` folded away; nobody else is affected."""

    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="discussion_mutes"
    )
    muted = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="discussion_muted_by"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["reader", "muted"], name="one_mute_per_pair"),
            models.CheckConstraint(condition=~Q(reader=models.F("muted")), name="no_self_mute"),
        ]

    def __str__(self) -> str:
        return f"{self.reader_id} mutes {self.muted_id}"
