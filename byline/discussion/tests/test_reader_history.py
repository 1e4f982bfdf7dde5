"""A reader's record in the admin: comments, reports, bans, the "Ban" action and who may use it."""

from __future__ import annotations

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from wagtail.models import ModelLogEntry

from byline.accounts.tests.factories import UserFactory
from byline.discussion.identity import Reader
from byline.discussion.models import Ban, Comment, Thread
from byline.discussion.moderation import actions, bans
from byline.discussion.tests.factories import post

pytestmark = pytest.mark.django_db


def moderator():
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def as_user(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def history(**query) -> str:
    return (
        reverse("moderation_reader_history") + "?" + "&".join(f"{k}={v}" for k, v in query.items())
    )


def ban_url(**query) -> str:
    return reverse("moderation_reader_ban") + "?" + "&".join(f"{k}={v}" for k, v in query.items())


def test_an_accounts_record_lists_every_comment_with_its_status_reports_and_bans(article):
    reader = UserFactory()
    kept = post(article, "Kept", as_user=reader)
    hidden = post(article, "Hidden", as_user=reader)
    actions.decide(comment_ids=[hidden.pk], decision="reject", moderator=moderator())
    actions.report_comment(comment_id=kept.pk, reader=Reader(guest_token="r1"), reason="spam")
    Ban.objects.create(kind=Ban.Kind.ACCOUNT, user=reader, reason="Earlier trouble")
    post(article, "Somebody else's", as_user=UserFactory())

    page = soup(as_user(moderator()).get(history(account=reader.pk)))

    rows = page.select("table.listing tbody tr")
    assert len(rows) == 2
    assert {"Published", "Hidden"} == {
        row.select("td")[1].get_text(strip=True).split(",")[0] for row in rows
    }
    assert "Spam" in page.select_one(".moderation-reports").get_text()
    assert "Earlier trouble" in page.select_one("#history-bans").find_next("ul").get_text()


def test_a_guests_record_is_found_by_address(article):
    guest_comment = post(article, "As a guest")

    page = soup(as_user(moderator()).get(history(email=guest_comment.guest_email.upper())))

    assert "As a guest" in page.select_one("table.listing").get_text()
    assert page.select_one("button.serious").get_text(strip=True) == "Ban this address"


@pytest.mark.parametrize(
    "query", ["", "account=abc", "account=999999", "email=not-an-address", "email="]
)
def test_an_unknown_or_malformed_reader_is_not_found(query):
    response = as_user(moderator()).get(reverse("moderation_reader_history") + "?" + query)

    assert response.status_code == 404


@pytest.mark.parametrize("make", [lambda: UserFactory(), lambda: UserFactory(is_staff=True)])
def test_readers_and_other_staff_cannot_see_a_record_or_ban(article, make):
    target = UserFactory()
    post(article, as_user=target)
    client = as_user(make())

    assert client.get(history(account=target.pk)).status_code in (302, 403)
    response = client.post(ban_url(account=target.pk), {"reason": "forged"})
    assert response.status_code in (302, 403)
    assert not Ban.objects.exists()


def test_a_moderator_bans_an_account_with_a_reason_and_expiry_and_it_is_audited(article):
    target, mod = UserFactory(), moderator()
    post(article, as_user=target)
    until = (timezone.now() + dt.timedelta(days=7)).strftime("%Y-%m-%dT%H:%M")

    response = as_user(mod).post(
        ban_url(account=target.pk), {"reason": "Abuse", "expires_at": until}
    )

    assert response.status_code == 302
    ban = Ban.objects.get()
    assert (ban.kind, ban.user_id, ban.reason, ban.created_by_id) == (
        Ban.Kind.ACCOUNT,
        target.pk,
        "Abuse",
        mod.pk,
    )
    assert ban.expires_at is not None and ban.is_active()
    entry = ModelLogEntry.objects.get(action=bans.BAN)
    assert (entry.object_id, entry.user_id) == (str(ban.pk), mod.pk)
    assert Ban.objects.matching(user_id=target.pk, email="", ip_address=None) == [ban]


def test_a_moderator_bans_a_guest_address(article):
    guest_comment = post(article)

    as_user(moderator()).post(ban_url(email=guest_comment.guest_email), {"reason": "Spam"})

    ban = Ban.objects.get()
    assert (ban.kind, ban.email) == (Ban.Kind.EMAIL, guest_comment.guest_email.lower())


def test_an_expiry_in_the_past_is_refused_with_a_message(article):
    target = UserFactory()
    past = (timezone.now() - dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")

    response = as_user(moderator()).post(ban_url(account=target.pk), {"expires_at": past})

    assert response.status_code == 400
    assert "in the future" in soup(response).select_one("[role=alert]").get_text()
    assert not Ban.objects.exists()


def test_a_moderator_cannot_ban_their_own_account():
    mod = moderator()

    response = as_user(mod).post(ban_url(account=mod.pk), {"reason": "oops"})

    assert response.status_code == 400
    assert not Ban.objects.exists()


@hypothesis_settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(reason=st.text(max_size=400), expires=st.text(max_size=40))
def test_hostile_ban_input_gets_an_answer_and_never_a_half_written_row(reason, expires):
    mod, target = moderator(), UserFactory()
    before = Ban.objects.count()

    response = as_user(mod).post(
        ban_url(account=target.pk), {"reason": reason, "expires_at": expires}
    )

    assert response.status_code in (302, 400)
    assert Ban.objects.count() - before == (1 if response.status_code == 302 else 0)


def test_the_queue_and_the_comment_page_link_to_the_record(article):
    reader = UserFactory()
    comment = post(article, "Held", as_user=reader)
    Comment.objects.filter(pk=comment.pk).update(status=Comment.Status.PENDING)
    client = as_user(moderator())
    expected = history(account=reader.pk)

    queue = soup(client.get(reverse("discussion_moderation:queue_pending")))
    detail = soup(client.get(reverse("discussion_moderation:comment", args=[comment.pk])))

    assert queue.select_one(f'a[href="{expected}"]') is not None
    assert detail.select_one(f'a[href="{expected}"]') is not None


def test_a_moderator_pins_and_picks_from_the_comment_page(article):
    comment = post(article, "Worth reading")
    client = as_user(moderator())
    url = reverse("moderation_feature_comment", args=[comment.pk])

    client.post(url, {"change": "pin"})
    client.post(url, {"change": "pick"})

    assert Thread.objects.get(page=article).pinned_comment_id == comment.pk
    assert Comment.objects.get(pk=comment.pk).is_picked
    detail = soup(client.get(reverse("discussion_moderation:comment", args=[comment.pk])))
    assert detail.select_one("form.moderation-feature button[value=unpin]")


def test_a_reader_cannot_pin_from_the_admin(article):
    comment = post(article)

    response = as_user(UserFactory()).post(
        reverse("moderation_feature_comment", args=[comment.pk]), {"change": "pin"}
    )

    assert response.status_code in (302, 403)
    assert Thread.objects.get(page=article).pinned_comment_id is None
