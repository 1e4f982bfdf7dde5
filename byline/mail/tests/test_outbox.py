"""Posting an email: a row in the caller's transaction, sent by the worker once it commits."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import transaction

from byline.mail import outbox, tasks
from byline.mail.models import OutgoingEmail

pytestmark = pytest.mark.django_db


def confirmation(to: str = "reader@example.org") -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject="Confirm your subscription",
        body="Open this link: http://127.0.0.1:8000/notify/confirm/abc/",
        to=[to],
        headers={"Auto-Submitted": "auto-generated"},
    )
    message.attach_alternative("<p>Open <a href='#'>this link</a></p>", "text/html")
    return message


def test_a_posted_email_is_sent_by_the_worker_once_its_transaction_commits(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        outbox.post(confirmation())
        assert mail.outbox == []

    assert len(callbacks) == 1
    [sent] = mail.outbox
    assert (sent.to, sent.subject) == (["reader@example.org"], "Confirm your subscription")
    assert "notify/confirm/abc/" in sent.body
    assert sent.alternatives[0].mimetype == "text/html"
    assert sent.extra_headers["Auto-Submitted"] == "auto-generated"
    assert sent.extra_headers["Message-ID"].endswith("@127.0.0.1>")
    assert OutgoingEmail.objects.get().status == "sent"


def test_an_email_posted_in_a_rolled_back_transaction_is_never_sent(
    django_capture_on_commit_callbacks,
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        outbox.post(confirmation())
        raise RuntimeError("the change that wanted the email failed")
    tasks.run_outbox()

    assert callbacks == []
    assert OutgoingEmail.objects.count() == 0
    assert mail.outbox == []


def test_every_message_gets_a_message_id_of_its_own_unless_it_has_one():
    first = outbox.post(confirmation())
    second = outbox.post(confirmation())
    given = confirmation()
    given.extra_headers["Message-ID"] = "<digest.1.2@127.0.0.1>"
    kept = outbox.post(given)

    assert first.headers["Message-ID"] != second.headers["Message-ID"]
    assert kept.headers["Message-ID"] == "<digest.1.2@127.0.0.1>"


@pytest.mark.parametrize(
    "message",
    [
        EmailMessage(subject="Two", body="x", to=["a@example.org", "b@example.org"]),
        EmailMessage(subject="Copied", body="x", to=["a@example.org"], cc=["b@example.org"]),
        EmailMessage(subject="Nobody", body="x"),
    ],
)
def test_a_message_for_other_than_one_recipient_is_refused(message):
    with pytest.raises(ValueError, match="one recipient"):
        outbox.post(message)

    assert OutgoingEmail.objects.count() == 0
