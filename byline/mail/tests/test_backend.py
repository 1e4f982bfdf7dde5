"""Django's mail API posts to the outbox: what Wagtail or a library sends commits with the
request's changes and leaves through the worker, like Byline's own emails."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.mail import EmailMessage, send_mail
from django.db import transaction

from byline.accounts.tests.factories import UserFactory
from byline.mail.models import OutgoingEmail

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def outbox_as_default(settings):
    """The default mailer of every environment, which Django's test set-up replaces."""
    settings.MAILERS = {
        **settings.MAILERS,
        "default": {"BACKEND": "byline.mail.backend.OutboxBackend"},
    }


def test_send_mail_is_sent_by_the_worker_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        send_mail("Welcome", "Hello.", None, ["reader@example.org"])
        assert mail.outbox == []
        assert OutgoingEmail.objects.get().status == "pending"

    assert [(sent.to, sent.subject) for sent in mail.outbox] == [
        (["reader@example.org"], "Welcome")
    ]
    assert OutgoingEmail.objects.get().status == "sent"


def test_mail_sent_in_a_rolled_back_request_is_never_sent(django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        send_mail("Welcome", "Hello.", None, ["reader@example.org"])
        raise RuntimeError("the request failed after asking for the email")

    assert OutgoingEmail.objects.count() == 0
    assert mail.outbox == []


def test_each_recipient_gets_a_copy_addressed_to_them_alone(django_capture_on_commit_callbacks):
    message = EmailMessage(
        "Minutes", "Attached below.", to=["a@example.org"], cc=["b@example.org"],
        bcc=["c@example.org"],
    )  # fmt: skip

    with django_capture_on_commit_callbacks(execute=True):
        sent_count = message.send()

    assert sent_count == 1
    assert sorted((sent.to, sent.cc, sent.bcc) for sent in mail.outbox) == [
        (["a@example.org"], [], []),
        (["b@example.org"], [], []),
        (["c@example.org"], [], []),
    ]


def test_a_message_the_outbox_cannot_hold_is_refused_and_nothing_is_written():
    message = EmailMessage("Report", "See the file.", to=["a@example.org"])
    message.attach("report.csv", "a,b\n", "text/csv")

    with pytest.raises(ValueError, match="no attachments"):
        message.send()
    assert OutgoingEmail.objects.count() == 0


def test_wagtails_password_reset_goes_through_the_outbox(
    client, django_capture_on_commit_callbacks
):
    UserFactory(email="editor@example.org", is_staff=True)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/admin/password_reset/", {"email": "editor@example.org"})

    assert response.status_code == 302
    assert OutgoingEmail.objects.get().recipient == "editor@example.org"
    [sent] = mail.outbox
    assert "/admin/password_reset/confirm/" in sent.body
