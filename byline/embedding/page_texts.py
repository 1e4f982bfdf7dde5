"""What Byline knows of an external page's text: its prose blocks as the worker last read them
from the other site (``refreshing``), never as a browser said they were."""

from __future__ import annotations

from django.db import models


class PageText(models.Model):
    page = models.OneToOneField(
        "embedding.ExternalPage",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="page_text",
    )
    blocks = models.JSONField(
        default=dict, blank=True, help_text="Block id -> plain text of the page's prose blocks."
    )
    read_at = models.DateTimeField(null=True, blank=True, help_text="Last read successfully.")
    checked_at = models.DateTimeField(null=True, blank=True, help_text="Last tried.")
    # Set when a reading is queued, so that many readers opening a stale page queue one.
    requested_at = models.DateTimeField(null=True, blank=True)
    problem = models.CharField(
        max_length=300, blank=True, help_text="Why the last reading failed, if it did."
    )

    class Meta:
        verbose_name = "external page's text"
        verbose_name_plural = "external pages' texts"

    def __str__(self) -> str:
        return f"Text of external page {self.page_id}"


def texts_of_page(page_id: int) -> dict[str, str]:
    """Block id -> text of the external page as last read ({} before the first reading)."""
    blocks = PageText.objects.filter(page_id=page_id).values_list("blocks", flat=True).first()
    return dict(blocks or {})
