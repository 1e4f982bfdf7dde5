"""Editors register endpoints in the admin, copy the secret, read the delivery log and resend;
hostile addresses are refused with a reason; others see nothing."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from byline.accounts.tests.factories import UserFactory
from byline.webhooks import events
from byline.webhooks.models import Endpoint, WebhookDelivery
from byline.webhooks.recording import record

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client():
    client = Client()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def form(**fields):
    return {
        "name": "Moderators' Slack",
        "url": "https://127.0.0.1:8252/hook",
        "events": [events.HELD, events.REPORTED],
        "enabled": "on",
        **fields,
    }


def test_an_editor_adds_an_endpoint_and_is_shown_its_secret(admin_client):
    response = admin_client.post("/admin/webhooks/new/", form())

    endpoint = Endpoint.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/admin/webhooks/edit/{endpoint.pk}/"
    assert endpoint.events == [events.HELD, events.REPORTED] and endpoint.enabled
    page = BeautifulSoup(admin_client.get(response["Location"]).content, "html.parser")
    assert page.select_one("#webhook-secret")["value"] == endpoint.secret
    assert endpoint.secret.startswith("whsec_")
    listing = admin_client.get("/admin/webhooks/").content.decode()
    assert "Moderators&#x27; Slack" in listing and endpoint.secret not in listing
    settings_menu = admin_client.get("/admin/").content.decode()
    assert "/admin/webhooks/" in settings_menu


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("file:///etc/passwd", "must start with"),
        ("https://admin:hunter2@hooks.example.org/", "user name and password"),
        ("javascript:alert(1)", "must start with"),
    ],
)
def test_hostile_addresses_are_refused_with_a_reason(admin_client, url, reason):
    response = admin_client.post("/admin/webhooks/new/", form(url=url))

    assert response.status_code == 200
    assert reason in response.content.decode()
    assert not Endpoint.objects.exists()


def test_an_endpoint_needs_at_least_one_event(admin_client):
    response = admin_client.post("/admin/webhooks/new/", form(events=[]))

    assert response.status_code == 200 and not Endpoint.objects.exists()


def test_the_delivery_log_lists_deliveries_and_resends_one(admin_client, endpoint_for):
    endpoint = endpoint_for("http://127.0.0.1:8253/hook")
    (delivery,) = record(events.HELD, lambda: {"comment": {"id": 7}})
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        status="failed", attempts=8, response_code=500, last_error="HTTP 500: <b>boom</b>"
    )

    log = admin_client.get(f"/admin/webhooks/{endpoint.pk}/deliveries/")
    page = BeautifulSoup(log.content, "html.parser")
    row = page.select_one("table.listing tbody tr")
    assert events.HELD in row.get_text() and "Failed" in row.get_text()
    assert "HTTP 500" in row.get_text() and page.select_one("table b") is None  # escaped
    response = admin_client.post(f"/admin/webhooks/deliveries/{delivery.pk}/resend/")

    assert response.status_code == 302
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("pending", 0)


def test_moderators_and_plain_staff_see_no_endpoint_nor_log(endpoint_for, moderator):
    endpoint = endpoint_for("http://127.0.0.1:8253/hook")
    (delivery,) = record(events.HELD, lambda: {"comment": {"id": 7}})
    WebhookDelivery.objects.update(status="failed", attempts=8)
    for user in (UserFactory(is_staff=True), moderator):
        client = Client()
        client.force_login(user)
        for url in (
            "/admin/webhooks/",
            f"/admin/webhooks/edit/{endpoint.pk}/",
            f"/admin/webhooks/{endpoint.pk}/deliveries/",
        ):
            response = client.get(url)
            assert response.status_code in (302, 403), url
            assert endpoint.secret not in response.content.decode()
        assert client.post(f"/admin/webhooks/deliveries/{delivery.pk}/resend/").status_code in (
            302, 403,
        )  # fmt: skip
        assert WebhookDelivery.objects.get().status == "failed"  # not queued again
