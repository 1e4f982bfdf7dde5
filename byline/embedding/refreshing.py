"""Keep an external page's text current: queue a reading when its thread is read and the last
one is missing or stale, and, in the worker, read it and re-anchor its inline feedback when the
text changed.

Readers trigger readings but cannot multiply them: a stale page is claimed for one reading by a
conditional update, and no other is queued until that one is itself stale. A reading that fails
keeps the text Byline had, so a site's bad minute orphans no comment.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page

from byline.discussion.anchoring.workflows import reanchor_page
from byline.embedding import prose
from byline.embedding.fetching import FetchError, fetch_page
from byline.embedding.models import ExternalPage
from byline.embedding.page_texts import PageText

logger = logging.getLogger(__name__)


def request_refresh(page: Page) -> bool:
    """Queue a reading of ``page``'s text (after commit) if it is an external page whose text
    was never read or is older than ``EMBEDDING_PAGE_TEXT_MAX_AGE`` minutes; True if queued."""
    if not isinstance(page, ExternalPage):
        return False
    stale = timezone.now() - dt.timedelta(minutes=settings.EMBEDDING_PAGE_TEXT_MAX_AGE)
    due = (Q(checked_at__isnull=True) | Q(checked_at__lte=stale)) & (
        Q(requested_at__isnull=True) | Q(requested_at__lte=stale)
    )
    rows = PageText.objects.filter(page_id=page.pk)
    times = rows.values_list("checked_at", "requested_at").first()
    if times is not None and not all(moment is None or moment <= stale for moment in times):
        return False  # the common case: one small read, no write
    PageText.objects.get_or_create(page_id=page.pk)
    if not rows.filter(due).update(requested_at=timezone.now()):
        return False  # another reader claimed it first
    transaction.on_commit(lambda: _enqueue(page.pk))
    return True


def _enqueue(page_id: int) -> None:
    from byline.embedding.tasks import refresh_page_text

    refresh_page_text.enqueue(page_id)


def refresh(page_id: int) -> dict[str, int | str]:
    """Read the external page's text from its site; if it changed, store it and re-anchor."""
    page = ExternalPage.objects.filter(pk=page_id).first()
    if page is None:
        return {"state": "gone"}
    row, _ = PageText.objects.get_or_create(page_id=page_id)
    now = timezone.now()
    try:
        fetched = fetch_page(page.external_url)
        blocks = prose.block_texts(fetched.html, encoding=fetched.charset)
    except (FetchError, prose.ProseError) as error:
        logger.info("external page %s not read: %s", page_id, error)
        PageText.objects.filter(pk=row.pk).update(checked_at=now, problem=str(error)[:300])
        return {"state": "failed"}
    changed = blocks != row.blocks
    PageText.objects.filter(pk=row.pk).update(
        blocks=blocks, read_at=now, checked_at=now, problem=""
    )
    counts = reanchor_page(page_id) if changed else {}
    return {"state": "changed" if changed else "unchanged", "blocks": len(blocks), **counts}
