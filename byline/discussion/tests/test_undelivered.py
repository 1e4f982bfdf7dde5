"""The admin screen of notifications the worker gave up on: who sees it, and resending."""

from __future__ import annotations

import smtplib

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.test import Client
from django.urls import reverse

from byline.accounts.tests.factories import UserFactory
from byline.discussion import tasks
from byline.discussion.admin.undelivered import UndeliveredEmailsView, UndeliveredView
from byline.discussion.models import Delivery
from byline.discussion.notify import subscriptions
from byline.discussion.tests.factories import follower, post
from byline.mail.models import OutgoingEmail
from byline.newsroom.tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db

LISTING = "discussion_undelivered:listing"
RESEND = "discussion_undelivered:resend"
EMAILS = "discussion_undelivered:emails"


class RefusingBackend(LocmemBackend):
    """A mail server that refuses every message for good, until told otherwise."""

    refusing = True

    def send_messages(self, messages):
        if RefusingBackend.refusing:
            raise smtplib.SMTPDataError(554, b"Transaction failed")
        return super().send_messages(messages)


@pytest.fixture
def failed(settings, django_capture_on_commit_callbacks):
    """Two deliveries the worker gave up on, and a mail server that then recovers."""
    settings.MAILERS = {
        **settings.MAILERS,
        "outgoing": {"BACKEND": "byline.discussion.tests.test_undelivered.RefusingBackend"},
    }
    article = ArticlePageFactory(title="Who wrote the anonymous letter?")
    for address in ("ann@example.org", "bob@example.org"):
        follower(article, address)
    post(article, "A reply nobody got.")
    RefusingBackend.refusing = True
    tasks.run_notifications()
    RefusingBackend.refusing = False
    yield list(Delivery.objects.order_by("subscriber__address"))
    RefusingBackend.refusing = True


def signed_in(**fields) -> Client:
    """An editor (Wagtail's Editors group) or, with ``is_superuser=True``, an administrator."""
    user = UserFactory(is_staff=True, **fields)
    user.groups.add(Group.objects.get(name="Editors"))
    client = Client()
    client.force_login(user)
    return client


def listed_ids(response) -> list[int]:
    rows = BeautifulSoup(response.content, "html.parser").select("tr[data-delivery-id]")
    return sorted(int(row["data-delivery-id"]) for row in rows)


def test_the_screen_lists_what_failed_with_its_error(failed):
    response = signed_in(is_superuser=True).get(reverse(LISTING))

    assert response.status_code == 200
    assert listed_ids(response) == sorted(d.pk for d in failed)
    assert b"bob@example.org" in response.content
    assert b"554" in response.content


def test_it_is_in_the_reports_menu_of_superusers_only(failed):
    url = reverse(LISTING).encode()

    assert url in signed_in(is_superuser=True).get(reverse("wagtailadmin_home")).content
    assert url not in signed_in().get(reverse("wagtailadmin_home")).content


def test_editors_may_neither_see_nor_resend(failed):
    client = signed_in()

    # Wagtail answers a refusal in its admin with a redirect to the dashboard and a message.
    for response in (client.get(reverse(LISTING)), client.post(reverse(RESEND), {"all": "1"})):
        assert (response.status_code, response["Location"]) == (302, reverse("wagtailadmin_home"))
    assert set(Delivery.objects.values_list("status", flat=True)) == {"failed"}


def test_resending_the_selection_delivers_it_once(failed, django_capture_on_commit_callbacks):
    client = signed_in(is_superuser=True)
    first = failed[0]

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse(RESEND), {"ids": [str(first.pk)]}, follow=True)

    assert b"1 notification queued again." in response.content
    assert [message.to for message in mail.outbox] == [["ann@example.org"]]
    assert Delivery.objects.get(pk=first.pk).status == "sent"
    assert Delivery.objects.get(pk=failed[1].pk).status == "failed"


def test_resending_all_empties_the_screen(failed, django_capture_on_commit_callbacks):
    client = signed_in(is_superuser=True)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse(RESEND), {"all": "1"})

    assert sorted(m.to[0] for m in mail.outbox) == ["ann@example.org", "bob@example.org"]
    assert b"Every notification has been delivered" in client.get(reverse(LISTING)).content


@pytest.mark.parametrize("ids", [[], ["x"], ["-1"], ["9" * 40], ["1 OR 1=1"], ["²"]])
def test_a_bad_selection_changes_nothing_and_says_why(failed, ids):
    response = signed_in(is_superuser=True).post(reverse(RESEND), {"ids": ids}, follow=True)

    assert response.status_code == 200
    assert b"Choose at least one undelivered notification." in response.content
    assert set(Delivery.objects.values_list("status", flat=True)) == {"failed"}


def test_resending_needs_a_csrf_token(failed):
    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    assert client.post(reverse(RESEND), {"all": "1"}).status_code == 403


def test_the_screen_shows_a_page_at_a_time_newest_first(failed, monkeypatch):
    monkeypatch.setattr(UndeliveredView, "paginate_by", 1)
    client = signed_in(is_superuser=True)
    newest_first = list(
        Delivery.objects.order_by("-created_at", "-pk").values_list("pk", flat=True)
    )

    first, second = client.get(reverse(LISTING)), client.get(f"{reverse(LISTING)}?p=2")

    assert [listed_ids(first), listed_ids(second)] == [[newest_first[0]], [newest_first[1]]]
    assert f'href="{reverse(LISTING)}?p=2"'.encode() in first.content
    assert b"Resend all 2" in second.content


def test_a_resend_returns_to_the_page_it_was_made_on(failed):
    client = signed_in(is_superuser=True)
    page_two = f"{reverse(LISTING)}?p=2"

    response = client.post(reverse(RESEND), {"ids": [str(failed[0].pk)], "next": page_two})

    assert response["Location"] == page_two
    assert Delivery.objects.get(pk=failed[0].pk).status == "pending"


def test_editors_may_not_read_the_results_fragment_either(failed):
    results = reverse("discussion_undelivered:listing_results")

    assert signed_in().get(results)["Location"] == reverse("wagtailadmin_home")
    assert listed_ids(signed_in(is_superuser=True).get(results)) == sorted(d.pk for d in failed)


@pytest.fixture
def failed_email(settings, django_capture_on_commit_callbacks):
    """A confirmation the worker gave up on (the mail server refused it for good)."""
    settings.MAILERS = {
        **settings.MAILERS,
        "outgoing": {"BACKEND": "byline.discussion.tests.test_undelivered.RefusingBackend"},
    }
    RefusingBackend.refusing = True
    article = ArticlePageFactory(title="Who wrote the anonymous letter?")
    with django_capture_on_commit_callbacks(execute=True):
        subscriptions.subscribe(page=article, kind="article", email="cat@example.org")
    RefusingBackend.refusing = False
    yield OutgoingEmail.objects.get()
    RefusingBackend.refusing = True


def test_other_emails_that_failed_are_listed_and_resent(
    failed_email, django_capture_on_commit_callbacks
):
    client = signed_in(is_superuser=True)
    listing = client.get(reverse(EMAILS))
    rows = BeautifulSoup(listing.content, "html.parser").select("tr[data-email-id]")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("discussion_undelivered:resend_emails"),
            {"ids": [str(failed_email.pk)]},
            follow=True,
        )

    assert failed_email.status == "failed"
    assert [int(row["data-email-id"]) for row in rows] == [failed_email.pk]
    assert b"Confirm your subscription" in listing.content
    assert b"554" in listing.content
    assert b"1 email queued again." in response.content
    assert [m.to for m in mail.outbox] == [["cat@example.org"]]
    assert b"Every other email has been delivered" in client.get(reverse(EMAILS)).content


def test_editors_may_not_resend_other_emails(failed_email):
    response = signed_in().post(reverse("discussion_undelivered:resend_emails"), {"all": "1"})

    assert response.status_code == 302
    assert OutgoingEmail.objects.get().status == "failed"


def test_the_notifications_screen_links_the_other_failed_emails(failed):
    page = signed_in(is_superuser=True).get(reverse(LISTING))

    link = BeautifulSoup(page.content, "html.parser").find("a", string="undelivered emails")
    assert link["href"] == reverse(EMAILS)


def test_other_emails_come_a_page_at_a_time_and_only_to_superusers(failed_email, monkeypatch):
    monkeypatch.setattr(UndeliveredEmailsView, "paginate_by", 1)
    second = OutgoingEmail.objects.create(
        **{
            field.name: getattr(failed_email, field.name)
            for field in OutgoingEmail._meta.concrete_fields
            if not field.primary_key
        }
    )
    client = signed_in(is_superuser=True)

    first_page = client.get(reverse(EMAILS))
    second_page = client.get(f"{reverse(EMAILS)}?p=2")

    assert [email_ids(first_page), email_ids(second_page)] == [[second.pk], [failed_email.pk]]
    assert signed_in().get(reverse(EMAILS))["Location"] == reverse("wagtailadmin_home")


def email_ids(response) -> list[int]:
    rows = BeautifulSoup(response.content, "html.parser").select("tr[data-email-id]")
    return [int(row["data-email-id"]) for row in rows]
