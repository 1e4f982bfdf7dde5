"""The admin's review list of orphaned inline feedback: re-attach, dismiss, and who may."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.test import Client

from byline.accounts.tests.factories import UserFactory
from byline.discussion.admin.review import OrphansView
from byline.discussion.models import Anchor
from byline.discussion.tests.factories import ARGUED, inline_article, post_on
from byline.newsroom.tests.factories import publish

pytestmark = pytest.mark.django_db
URL = "/admin/inline-feedback/"


def staff(group: str | None = "Editors", **fields):
    user = UserFactory(is_staff=True, **fields)
    if group:
        user.groups.add(Group.objects.get(name=group))
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def orphan(django_capture_on_commit_callbacks):
    """An inline comment whose paragraph the editor rewrote and republished."""
    article = inline_article()
    comment = post_on(article)
    raw = [dict(block) for block in article.body.raw_data]
    raw[0]["value"] = "<p>The couple left separately. Nobody would say why.</p>"
    article.body = json.dumps(raw)
    with django_capture_on_commit_callbacks(execute=True):
        publish(article)
    anchor = Anchor.objects.get(comment=comment)
    assert anchor.state == "orphaned"
    return anchor


def test_editors_see_orphans_with_the_words_they_were_written_on(orphan):
    page = BeautifulSoup(staff().get(URL).content, "html.parser")
    row = page.select_one(f"[data-orphan='{orphan.pk}']")
    assert ARGUED in row.select_one("blockquote").get_text()
    assert {o["value"] for o in row.select("option")} == {"p-intro", "q-source", "h-next", "p-next"}


def test_re_attaching_places_the_comment_on_the_chosen_words(orphan):
    response = staff().post(
        f"{URL}{orphan.pk}/reattach/", {"block": "p-intro", "exact": "Nobody would say why."}
    )
    assert response.status_code == 302
    orphan.refresh_from_db()
    assert (orphan.state, orphan.block_id, orphan.exact) == (
        "moved",
        "p-intro",
        "Nobody would say why.",
    )
    assert not Anchor.objects.awaiting_review().exists()


@pytest.mark.parametrize(
    "fields",
    [{"block": "p-intro", "exact": "not in the article"}, {"block": "gone", "exact": "why"},
     {"block": "", "exact": ""}, {"block": "p-intro", "exact": "x" * 100_000}],
)  # fmt: skip
def test_re_attaching_to_words_that_are_not_there_changes_nothing(orphan, fields):
    client = staff()
    response = client.post(f"{URL}{orphan.pk}/reattach/", fields, follow=True)
    assert "Not re-attached" in response.content.decode()
    orphan.refresh_from_db()
    assert orphan.state == "orphaned" and orphan.exact == ARGUED


def test_dismissing_takes_it_off_the_list_and_the_comment_stays(orphan, client):
    staff().post(f"{URL}{orphan.pk}/dismiss/")
    orphan.refresh_from_db()
    assert orphan.dismissed_at is not None
    assert not Anchor.objects.awaiting_review().exists()
    page = client.get(f"{orphan.comment.thread.page.url}?inline=all").content.decode()
    assert "Written on an earlier version" in page


def test_staff_without_the_permission_are_refused(orphan):
    """Admin users outside the groups that review are sent back to the dashboard (Wagtail's
    answer to PermissionDenied in the admin) and change nothing."""
    desk = Group.objects.create(name="Picture desk")
    desk.permissions.add(Permission.objects.get(codename="access_admin"))
    client = staff("Picture desk")
    assert client.get(URL)["Location"] == "/admin/"
    assert client.post(f"{URL}{orphan.pk}/dismiss/")["Location"] == "/admin/"
    client.post(f"{URL}{orphan.pk}/dismiss/")
    orphan.refresh_from_db()
    assert orphan.dismissed_at is None


def test_moderators_may_review_too(orphan):
    assert staff("Moderators").get(URL).status_code == 200


def test_moderators_see_the_passage_an_inline_comment_responds_to():
    comment = post_on(inline_article())
    page = staff("Moderators").get(f"/admin/moderation/comment/{comment.pk}/").content.decode()
    assert f'<blockquote class="comment__quote"><p>{ARGUED}</p></blockquote>' in page


@pytest.fixture
def three_orphans(django_capture_on_commit_callbacks, monkeypatch):
    """Three orphaned inline comments on one article, and a list that shows two a page."""
    monkeypatch.setattr(OrphansView, "paginate_by", 2)
    article = inline_article()
    comments = [post_on(article, body=f"Comment {n}", token=f"t-{n}") for n in range(3)]
    raw = [dict(block) for block in article.body.raw_data]
    raw[0]["value"] = "<p>The couple left separately. Nobody would say why.</p>"
    article.body = json.dumps(raw)
    with django_capture_on_commit_callbacks(execute=True):
        publish(article)
    return list(Anchor.objects.filter(comment__in=comments).order_by("-comment__created_at", "-pk"))


def listed_orphans(response) -> list[int]:
    rows = BeautifulSoup(response.content, "html.parser").select("[data-orphan]")
    return [int(row["data-orphan"]) for row in rows]


def test_orphans_come_a_page_at_a_time_newest_first(three_orphans):
    client = staff()
    first, second = client.get(URL), client.get(f"{URL}?p=2")

    assert listed_orphans(first) == [anchor.pk for anchor in three_orphans[:2]]
    assert listed_orphans(second) == [three_orphans[2].pk]
    assert f'href="{URL}?p=2"' in first.content.decode()


def test_a_decision_returns_to_the_page_it_was_made_on(three_orphans):
    client = staff()
    response = client.post(f"{URL}{three_orphans[2].pk}/dismiss/", {"next": f"{URL}?p=2"})

    assert response["Location"] == f"{URL}?p=2"
    assert listed_orphans(client.get(URL)) == [anchor.pk for anchor in three_orphans[:2]]


def test_the_results_fragment_is_refused_to_staff_without_the_permission(orphan):
    desk = Group.objects.create(name="Picture desk")
    desk.permissions.add(Permission.objects.get(codename="access_admin"))

    assert staff("Picture desk").get(f"{URL}results/")["Location"] == "/admin/"
    assert orphan.pk in listed_orphans(staff().get(f"{URL}results/"))
