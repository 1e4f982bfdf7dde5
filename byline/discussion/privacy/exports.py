"""Asking for an archive of one's data: a row now, the archive from the worker after commit."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from byline.discussion import tasks
from byline.discussion.models import DataExport

if TYPE_CHECKING:
    from byline.accounts.models import User


def request_export(*, address: str, user: User | None = None) -> DataExport:
    """Ask the worker to prepare the archive of ``user`` (with their proven addresses) or, for a
    guest, of ``address``, and to email its link to ``address``.

    An archive already being prepared for the same person is the answer to a second request:
    a reader pressing the button twice gets one archive and one email.
    """
    with transaction.atomic():
        pending = DataExport.objects.filter(status=DataExport.Status.PENDING)
        pending = pending.filter(user=user) if user else pending.filter(user=None, address=address)
        export = pending.select_for_update().first()
        if export is not None:
            return export
        now = timezone.now()
        export = DataExport.objects.create(
            user=user,
            address=address,
            expires_at=now + dt.timedelta(days=settings.PRIVACY_EXPORT_DAYS),
        )
        transaction.on_commit(partial(tasks.build_data_export.enqueue, export.pk))
    return export
