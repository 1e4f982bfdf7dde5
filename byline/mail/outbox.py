"""Posting an email: one outbox row, written in the caller's transaction, sent by the worker.

Why an outbox rather than a task per email, or sending on the spot: the row commits or rolls
back with the change that asked for the email (a confirmation for a subscription that was
rolled back is never sent; one for a subscription that committed is never lost, even if the
process dies right after the commit), the worker retries a refused send later (the task queue
retries nothing), and no SMTP exchange ever runs inside a transaction or a row lock. The
message is rendered here, once, so the worker needs nothing but the row.
"""

from __future__ import annotations

from email.utils import make_msgid
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from byline.mail import tasks
from byline.mail.models import OutgoingEmail


def post(message: EmailMessage) -> OutgoingEmail:
    """Write ``message`` to the outbox in the caller's transaction, and wake the worker once
    that transaction commits.

    One recipient per message (each gets their own row, retried on its own), a plain-text body
    and at most an HTML alternative: what Byline's emails are. The message gets a Message-ID
    now unless it has one, so that a resend after an uncertain attempt is the same message.
    """
    if len(message.to) != 1 or message.cc or message.bcc or message.attachments:
        raise ValueError("An outbox email has exactly one recipient and no attachments.")
    alternatives = getattr(message, "alternatives", [])
    if (
        any(alternative.mimetype != "text/html" for alternative in alternatives)
        or len(alternatives) > 1
    ):
        raise ValueError("An outbox email has at most one alternative, in HTML.")
    headers = {"Message-ID": make_msgid(domain=mail_domain()), **message.extra_headers}
    email = OutgoingEmail.objects.create(
        sender=message.from_email,
        recipient=message.to[0],
        subject=str(message.subject),
        body=str(message.body),
        html=alternatives[0].content if alternatives else "",
        headers=headers,
        due_at=timezone.now(),
    )
    transaction.on_commit(tasks.wake)
    return email


def mail_domain() -> str:
    """The domain of the site's Message-IDs: the host of ``BYLINE_BASE_URL``."""
    return urlsplit(settings.BYLINE_BASE_URL).hostname or "localhost"
