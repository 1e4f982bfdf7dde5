"""The site's default mail backend: whatever sends an email through Django's mail API (Wagtail's
password reset and workflow notices, a library's account emails) posts it to the outbox, so it
commits with the request's changes and the worker sends it through the real server
(``MAILERS["outgoing"]``). Byline's own emails call ``outbox.post`` directly.
"""

from __future__ import annotations

import copy

from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend

from byline.mail import outbox


class OutboxBackend(BaseEmailBackend):
    """Posts each message to the outbox, one row per recipient (cc and bcc included, each
    getting a copy addressed to them alone, so no recipient sees another's address)."""

    def send_messages(self, email_messages) -> int:
        posted = 0
        for message in email_messages:
            for recipient in message.recipients():
                outbox.post(addressed_to(message, recipient))
            posted += 1
        return posted


def addressed_to(message: EmailMessage, recipient: str) -> EmailMessage:
    single = copy.copy(message)
    single.to, single.cc, single.bcc = [recipient], [], []
    return single
