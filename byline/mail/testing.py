"""Mail backends for tests of anything that sends through the outbox (``settings.MAILERS``);
the ``flaky`` and ``sends_outside_transactions`` fixtures of the root conftest.py use them."""

from __future__ import annotations

import smtplib

from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.db import connection

SOME_SMTP_REFUSAL: Exception = smtplib.SMTPDataError(451, b"Try again later")


class FlakyBackend(LocmemBackend):
    """Refuses the first ``failures`` messages with ``error``, then delivers."""

    failures = 0
    error: Exception = SOME_SMTP_REFUSAL

    def send_messages(self, messages):
        if FlakyBackend.failures > 0:
            FlakyBackend.failures -= 1
            raise FlakyBackend.error
        return super().send_messages(messages)


class AtomicBlockCheckingBackend(LocmemBackend):
    """Delivers, noting whether a database transaction was open at the moment of sending."""

    in_atomic_block: list[bool] = []

    def send_messages(self, messages):
        AtomicBlockCheckingBackend.in_atomic_block.append(connection.in_atomic_block)
        return super().send_messages(messages)
