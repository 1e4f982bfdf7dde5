"""Sending from an outbox table, at most once per row: claim, attempt, send, record, retry.

Two outboxes use it: the single emails of ``mail.models.OutgoingEmail`` (``dispatch``) and the
comment notifications' ``Delivery`` rows (``discussion.notify.delivery``). Both have the same
sending fields (``status`` pending/sending/sent/failed, ``due_at``, ``attempts``, ``claim``,
``locked_until``, ``attempted_at``, ``sent_at``, ``last_error``); this module only touches
those, so each outbox keeps its own rows and its own reasons for sending.

Why each step is where it is:

1. ``claim`` holds a batch of due rows for one run (``SELECT ... FOR UPDATE SKIP LOCKED`` on
   PostgreSQL; SQLite serialises writers) with a hold that runs out, in a short transaction of
   its own. No SMTP happens inside any transaction or row lock.
2. ``Attempt.start`` marks a row attempted in a commit of its own (the same commit marks the
   previous message sent), and only then is the message handed to SMTP.
3. A worker that dies leaves its rows "sending" with a hold that runs out; the next ``claim``
   takes them back. Rows never attempted are sent as usual. The one row per dead worker that was
   attempted but not marked sent may or may not have reached the server: it is sent again with
   the same Message-ID, which mail stores use to drop a duplicate. That is the residual risk,
   and the smallest one an SMTP client can have.
4. A refused send is retried with a doubling delay (``NOTIFICATIONS_RETRY_SECONDS``, at most
   ``LONGEST_RETRY``) until ``NOTIFICATIONS_MAX_ATTEMPTS`` or a permanent refusal (a 5xx
   answer), then the row is "failed", for the staff to see and send again.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import secrets
import smtplib
from collections.abc import Callable, Sequence
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.db import connection, models, transaction
from django.db.models import F
from django.utils import timezone

from byline.mail.models import OutboxRow

logger = logging.getLogger("byline.mail")

Clock = Callable[[], dt.datetime]
LONGEST_RETRY = dt.timedelta(hours=6)
# No connection to the server: this message and the rest of a batch wait for a retry.
CONNECTION_ERRORS = (smtplib.SMTPServerDisconnected, OSError)
# What one message can meet: the connection's errors, a refusal, an address that cannot be
# encoded (ValueError).
SEND_ERRORS = (OSError, smtplib.SMTPException, ValueError)

# The mailer that reaches the real mail server; the default one posts to the outbox.
SERVER = "outgoing"

# The statuses every outbox's rows share (test_dispatch.py checks each outbox offers them).
PENDING, SENDING, SENT, FAILED = (
    OutboxRow.Status.PENDING,
    OutboxRow.Status.SENDING,
    OutboxRow.Status.SENT,
    OutboxRow.Status.FAILED,
)


def lease() -> dt.timedelta:
    """How long a run holds what it claimed before another run may take it over."""
    return dt.timedelta(seconds=settings.NOTIFICATIONS_LEASE_SECONDS)


def run_budget() -> dt.timedelta:
    """How long one run keeps claiming before it hands over to a fresh run."""
    return dt.timedelta(seconds=settings.NOTIFICATIONS_RUN_SECONDS)


# 1. Claiming -----------------------------------------------------------------------------


def claim(
    due: models.QuerySet,
    *,
    now: dt.datetime,
    narrow: Callable[[models.QuerySet], models.QuerySet | None] | None = None,
) -> str | None:
    """Hold up to ``NOTIFICATIONS_BATCH_SIZE`` of the ``due`` rows for this run; return the
    claim that marks them, or None if there were none. ``narrow`` picks among the locked due
    rows (one recipient's, for a digest)."""
    token = secrets.token_hex(16)
    with transaction.atomic():
        locked = due.select_for_update(skip_locked=True)
        chosen = narrow(locked) if narrow is not None else locked
        if chosen is None:
            return None
        ids = list(
            chosen.order_by("due_at", "pk").values_list("pk", flat=True)[
                : settings.NOTIFICATIONS_BATCH_SIZE
            ]
        )
        if not ids:
            return None
        rows = due.model._default_manager.filter(pk__in=ids)
        uncertain = rows.filter(status=SENDING, attempted_at__isnull=False).count()
        if uncertain:
            logger.warning(
                "Taking over %d %s row(s) a stopped worker may have handed to the SMTP server; "
                "they are sent again with the same Message-ID.",
                uncertain,
                due.model._meta.verbose_name,
            )
        rows.update(status=SENDING, claim=token, locked_until=now + lease())
    return token


def release(model: type[models.Model], claim: str) -> None:
    """Give back the rows of a claim that were never attempted (the run stopped early)."""
    model._default_manager.filter(claim=claim, status=SENDING, attempted_at__isnull=True).update(
        status=PENDING, claim="", locked_until=None
    )


# 2. Attempting ---------------------------------------------------------------------------


class Attempt:
    """Messages through one SMTP connection, opened when first needed, each attempt recorded
    in a commit before the message is handed over; ``model`` is the outbox's row."""

    def __init__(self, model: type[models.Model], clock: Clock) -> None:
        self.rows = model._default_manager
        self.clock = clock
        self.connection: Any = None
        self.sent: tuple[str, list[int]] | None = None  # accepted, marked in the next commit

    def __enter__(self) -> Attempt:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def start(self, ids: list[int], claim: str) -> bool:
        """Mark ``ids`` attempted, and the previous message sent, in one commit; False if this
        run's hold was taken over by another worker (then nothing more is sent). The hold on
        ``ids`` is renewed from now: a batch may take longer than one hold, each attempt not."""
        with transaction.atomic():
            _asynchronous_commit()
            self.flush()
            now = self.clock()
            started = self.rows.filter(pk__in=ids, claim=claim, status=SENDING).update(
                attempted_at=now, attempts=F("attempts") + 1, locked_until=now + lease()
            )
        return started == len(ids)

    def send(self, message: EmailMessage, ids: list[int], claim: str) -> None:
        if self.connection is None:
            opened = mailers[SERVER]
            opened.open()
            self.connection = opened
        try:
            self.connection.send_messages([message])
        except CONNECTION_ERRORS:
            self.drop_connection()
            raise
        self.sent = (claim, ids)

    def flush(self) -> None:
        if self.sent:
            claim, ids = self.sent
            self.rows.filter(pk__in=ids, claim=claim).update(
                status=SENT, sent_at=self.clock(), locked_until=None
            )
            self.sent = None

    def drop_connection(self) -> None:
        if self.connection is not None:
            with contextlib.suppress(OSError, smtplib.SMTPException):
                self.connection.close()
            self.connection = None

    def close(self) -> None:
        with transaction.atomic():
            self.flush()
        self.drop_connection()


def _asynchronous_commit() -> None:
    """On PostgreSQL, let this transaction commit without waiting for its WAL flush.

    These are the per-message marks: a killed worker loses none of them (the server has them),
    and a crash of the database server itself could lose the last fraction of a second of them,
    which means resending those few messages with the same Message-IDs. Waiting for a flush per
    message would cost more than the rest of sending it.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


def send_batch(
    batch: Sequence[models.Model],
    *,
    compose: Callable[[Any], EmailMessage | None],
    failed: Callable[[Sequence[Any], Exception], None],
    clock: Clock,
) -> int:
    """Send a claimed batch over one SMTP connection, one message after another; return how
    many were sent. ``compose`` makes a row's message (None: the row was dealt with otherwise,
    e.g. cancelled); ``failed`` records a failure (see ``record_failure``)."""
    if not batch:
        return 0
    model, claim = type(batch[0]), batch[0].claim  # type: ignore[attr-defined]
    sent = 0
    try:
        with Attempt(model, clock) as attempt:
            for index, row in enumerate(batch):
                message = compose(row)
                if message is None:
                    continue
                if not attempt.start([row.pk], claim):
                    logger.warning(
                        "A batch of %s was taken over; this run stops sending it.",
                        model._meta.verbose_name_plural,
                    )
                    break
                try:
                    attempt.send(message, [row.pk], claim)
                except CONNECTION_ERRORS as error:
                    failed(batch[index:], error)
                    break
                except SEND_ERRORS as error:
                    failed([row], error)
                    continue
                sent += 1
    finally:
        release(model, claim)
    return sent


# 3. Failing ------------------------------------------------------------------------------


def record_failure(
    row: models.Model,
    claim: str,
    error: Exception,
    *,
    now: dt.datetime,
    max_attempts: int | None = None,
    first_retry: int | None = None,
    permanent: Callable[[Exception], bool] | None = None,
) -> dt.timedelta | None:
    """Put a row whose send failed back for a retry with a doubling delay, and return the delay;
    or, when the limit is reached or the server refused it for good, mark it failed and return
    None. ``attempts`` on ``row`` is the count before this attempt; a failure counts one,
    whether or not SMTP was reached. ``max_attempts`` and ``first_retry`` (seconds) replace the
    ``NOTIFICATIONS_*`` settings for an outbox with its own (the webhooks'), and ``permanent``
    (which errors are not worth a retry) replaces ``is_permanent``, which knows SMTP only."""
    attempts = row.attempts + 1  # type: ignore[attr-defined]
    rows = type(row)._default_manager.filter(pk=row.pk, claim=claim)
    limit = settings.NOTIFICATIONS_MAX_ATTEMPTS if max_attempts is None else max_attempts
    if (permanent or is_permanent)(error) or attempts >= limit:
        rows.update(
            status=FAILED, attempts=attempts, last_error=str(error)[:1000], locked_until=None
        )
        return None
    delay = retry_delay(attempts, first=first_retry)
    rows.update(
        status=PENDING,
        attempts=attempts,
        due_at=now + delay,
        claim="",
        locked_until=None,
        attempted_at=None,
        last_error=str(error)[:1000],
    )
    return delay


def retry_delay(attempts: int, *, first: int | None = None) -> dt.timedelta:
    """The wait after the ``attempts``-th failed attempt: doubling from ``first`` seconds
    (``NOTIFICATIONS_RETRY_SECONDS``), at most ``LONGEST_RETRY``."""
    first = settings.NOTIFICATIONS_RETRY_SECONDS if first is None else first
    return min(dt.timedelta(seconds=first * 2 ** (attempts - 1)), LONGEST_RETRY)


def is_permanent(error: Exception) -> bool:
    if isinstance(error, ValueError):  # an address the backend cannot even encode
        return True
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in error.recipients.values())
    code = getattr(error, "smtp_code", None)
    return isinstance(code, int) and code >= 500


def queue_again(failed: models.QuerySet) -> int:
    """Put failed rows back, due now, with their attempts counted afresh. Failed rows were
    never accepted by the mail server, so sending them again cannot double an email."""
    return failed.filter(status=FAILED).update(
        status=PENDING,
        attempts=0,
        due_at=timezone.now(),
        claim="",
        locked_until=None,
        attempted_at=None,
    )
