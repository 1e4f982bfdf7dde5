"""The account area over HTTP: signed-in only, the author's view of statuses, constant queries
per page, subscriptions changed through their owner only, preferences, and claiming by POST."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from byline.accounts.tests.factories import UserFactory
from byline.discussion.models import Comment, Subscriber, Subscription
from byline.discussion.readers import history
from byline.discussion.tests.factories import follower, post

pytestmark = [pytest.mark.django_db, pytest.mark.article(title="Who wrote the hit?")]
ADDRESS = "guest-token-maya@example.org"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def reader():
    return UserFactory(username="maya", email=ADDRESS)


@pytest.fixture
def client_of(reader) -> Client:
    client = Client()
    client.force_login(reader)
    return client


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize(
    "name", ["my_comments", "my_subscriptions", "my_preferences", "claim_guest_past"]
)
def test_every_page_sends_a_stranger_to_sign_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login") + "?next=")


def test_my_comments_show_each_status_as_its_author_understands_it(article, reader, client_of):
    statuses = ["published", "pending", "shadowed", "hidden", "removed"]
    for status in statuses:
        comment = post(article, f"Comment {statuses.index(status)}.", as_user=reader)
        Comment.objects.filter(pk=comment.pk).update(status=status)
    post(article, "Not mine.", token="other")

    page = soup(client_of.get(reverse("my_comments")))

    items = page.select(".own-comment")
    shown = {
        item.select_one(".own-comment__body").get_text(strip=True): item.select_one(
            ".own-comment__status"
        ).get_text()
        for item in items
    }
    assert shown == {
        "Comment 4.": "Removed",
        "Comment 3.": "Removed",
        "Comment 2.": "Published",
        "Comment 1.": "Awaiting moderation",
        "Comment 0.": "Published",
    }
    assert "shadow" not in page.get_text().lower()
    # Newest first, each linked to the comment itself when its author can read it there.
    assert "Comment 4." in items[0].get_text()
    links = [item.select_one(".own-comment__article a") for item in items]
    assert [link["href"] if link else None for link in links] == [
        None,
        None,
        *[
            reverse("discussion:permalink", args=[c.pk])
            for c in Comment.objects.filter(author=reader, status__in=statuses[:3]).order_by("-pk")
        ],
    ]
    assert page.select_one('.account-nav a[aria-current="page"]').get_text() == "My comments"


def test_replies_are_counted_and_linked(article, reader, client_of):
    mine = post(article, "Mine.", as_user=reader)
    post(article, "A reply.", parent=mine, token="other")
    page = soup(client_of.get(reverse("my_comments")))
    link = page.select_one(".own-comment__meta a")
    assert link.get_text(" ", strip=True).startswith("1 reply")
    assert link["href"] == reverse("discussion:permalink", args=[mine.pk])


def test_my_comments_cost_the_same_queries_on_every_page(
    article, reader, client_of, django_assert_num_queries
):
    for n in range(history.PER_PAGE * 2 + 3):
        post(article, f"Comment {n}.", as_user=reader)
    client_of.get(reverse("my_comments"))  # warm the site root cache
    # The account navigation asks which sign-in providers the site has: one of the 14.
    with django_assert_num_queries(14) as first:
        first_page = client_of.get(reverse("my_comments"))
    with django_assert_num_queries(len(first)):
        last_page = client_of.get(reverse("my_comments") + "?page=3")
    assert len(soup(first_page).select(".own-comment")) == history.PER_PAGE
    assert len(soup(last_page).select(".own-comment")) == 3
    assert "Comment 0." in last_page.content.decode()


@given(page=st.text(max_size=30))
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_any_page_number_answers_a_page(client_of, page):
    assert client_of.get(reverse("my_comments"), {"page": page}).status_code == 200


def test_the_claim_is_offered_and_made_by_post_only(article, reader, client_of):
    post(article, "Written as a guest.")
    offer = soup(client_of.get(reverse("my_comments"))).select_one(".claim-offer")
    assert "1 comment" in offer.get_text()
    assert offer.select_one("form")["action"] == reverse("claim_guest_past")

    assert client_of.get(reverse("claim_guest_past")).status_code == 405
    assert Comment.objects.get().author is None
    response = client_of.post(reverse("claim_guest_past"), follow=True)
    assert Comment.objects.get().author == reader
    page = soup(response)
    assert "Claimed 1 comment:" in page.select_one(".account-messages").get_text()
    assert page.select_one(".claim-offer") is None
    assert "Written as a guest." in page.select_one(".own-comments").get_text()


def test_the_claim_needs_the_csrf_token(article, reader):
    post(article)
    client = Client(enforce_csrf_checks=True)
    client.force_login(reader)
    assert client.post(reverse("claim_guest_past")).status_code == 403
    assert Comment.objects.get().author is None


def test_an_address_in_the_request_claims_nothing(article, client_of):
    post(article, token="someone-else")
    client_of.post(reverse("claim_guest_past"), {"email": "someone-else@example.org"})
    assert Comment.objects.get().author is None


def test_my_subscriptions_list_every_verified_addresss_subscriptions(article, reader, client_of):
    follower(article, ADDRESS, kind="article")
    follower(article, ADDRESS, kind="replies", frequency="daily")
    follower(article, "someone@example.org")
    items = soup(client_of.get(reverse("my_subscriptions"))).select(".notify-manage__item")
    texts = sorted(item.get_text(" ", strip=True) for item in items)
    assert len(texts) == 2
    assert "New follow-up comments" in texts[0] and "Who wrote the hit?" in texts[0]
    assert "New replies to my comments" in texts[1]


def test_changing_and_stopping_one_subscription(article, reader, client_of):
    followed = follower(article, ADDRESS)
    url = reverse("my_subscriptions")
    response = client_of.post(
        url, {"action": "frequency", "subscription": followed.pk, "frequency": "daily"}
    )
    assert response.status_code == 302
    followed.refresh_from_db()
    assert followed.frequency == "daily"

    response = client_of.post(
        url, {"action": "frequency", "subscription": followed.pk, "frequency": "hourly"}
    )
    assert response.status_code == 400
    assert "Choose how often" in soup(response).select_one("[role=alert]").get_text()
    followed.refresh_from_db()
    assert followed.frequency == "daily"

    client_of.post(url, {"action": "stop", "subscription": followed.pk})
    assert not Subscription.objects.exists()


@pytest.mark.parametrize("action", ["frequency", "stop"])
@pytest.mark.parametrize(
    "forged", ["other", "999999", "", "-1", "1e9", "<script>", "99999999999999999999"]
)
def test_a_forged_subscription_id_is_a_404_and_changes_nothing(article, client_of, action, forged):
    theirs = follower(article, "someone@example.org")
    subscription = str(theirs.pk) if forged == "other" else forged
    response = client_of.post(
        reverse("my_subscriptions"),
        {"action": action, "subscription": subscription, "frequency": "daily"},
    )
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.frequency == "immediate"


def test_stop_all_stops_only_the_readers_subscriptions(article, reader, client_of):
    follower(article, ADDRESS)
    follower(article, ADDRESS, kind="replies")
    theirs = follower(article, "someone@example.org")
    response = client_of.post(reverse("my_subscriptions"), {"action": "stop-all"}, follow=True)
    assert "Stopped 2 subscriptions." in soup(response).select_one(".account-messages").get_text()
    assert list(Subscription.objects.all()) == [theirs]
    assert Subscriber.objects.get(address=ADDRESS).mentions  # mentions are a preference


def test_an_unverified_reader_sees_and_changes_no_subscription(article):
    user = UserFactory(email=ADDRESS, verified_email="")
    user.emailaddress_set.update(verified=False)
    followed = follower(article, ADDRESS)
    client = Client()
    client.force_login(user)
    page = soup(client.get(reverse("my_subscriptions")))
    assert page.select(".notify-manage__item") == []
    assert "not verified" in page.get_text()
    response = client.post(
        reverse("my_subscriptions"), {"action": "stop", "subscription": followed.pk}
    )
    assert response.status_code == 404
    assert Subscription.objects.exists()


def test_preferences_set_mentions_and_the_default_frequency(article, reader, client_of):
    form = soup(client_of.get(reverse("my_preferences"))).select_one("form.account-form")
    assert form.select_one("input[name=mentions]").has_attr("checked")

    response = client_of.post(reverse("my_preferences"), {"default_frequency": "daily"})
    assert response.status_code == 302
    subscriber = Subscriber.objects.get(address=ADDRESS)
    assert (subscriber.mentions, subscriber.default_frequency) == (False, "daily")
    # The "Notify of" control under an article now offers the reader's choice first.
    notify = soup(client_of.get(article.url)).select_one("form#notify select[name=frequency]")
    assert notify.select_one("option[selected]")["value"] == "daily"


def test_preferences_refuse_a_frequency_that_does_not_exist(reader, client_of):
    response = client_of.post(
        reverse("my_preferences"), {"mentions": "on", "default_frequency": "<b>hourly</b>"}
    )
    assert response.status_code == 400
    assert soup(response).select(".field--error")
    assert "<b>hourly" not in response.content.decode()
    assert not Subscriber.objects.exists()
