"""A site taken off the allowed list takes its pages' discussion with it: their threads can be
neither read nor written through the API or the forms, though their comments stay. External
pages show on no cached page of Byline, so changing one purges nothing."""

from __future__ import annotations

import pytest

from byline.discussion.models import Comment
from byline.discussion.tests.factories import post
from byline.embedding.models import AllowedOrigin
from byline.embedding.tests.conftest import BLOG

pytestmark = pytest.mark.django_db

NEW_COMMENT = {"body": "Still here?", "name": "Ann", "email": "ann@example.org"}


@pytest.fixture
def disabled(external, django_capture_on_commit_callbacks):
    post(external, "Written while the site was allowed.")
    with django_capture_on_commit_callbacks(execute=True):
        origin = AllowedOrigin.objects.get(origin=BLOG)
        origin.enabled = False
        origin.save()
    return external


def test_its_thread_takes_no_comment(disabled, client):
    response = client.post(
        f"/api/v1/threads/{disabled.pk}/comments", NEW_COMMENT, content_type="application/json"
    )

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert Comment.objects.filter(thread__page=disabled).count() == 1


@pytest.mark.parametrize("path", ["/api/v1/threads/{}", "/api/v1/threads/{}/comments"])
def test_its_thread_cannot_be_read(disabled, client, path):
    assert client.get(path.format(disabled.pk)).status_code == 404


def test_the_form_of_its_thread_is_gone_too(disabled, client):
    assert client.get(f"/comments/on/{disabled.pk}/").status_code == 404


def test_enabled_again_its_discussion_is_back_with_its_comments(
    disabled, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        origin = AllowedOrigin.objects.get(origin=BLOG)
        origin.enabled = True
        origin.save()

    response = client.get(f"/api/v1/threads/{disabled.pk}/comments")

    assert response.status_code == 200
    assert response.json()["items"][0]["body_html"]


def test_changing_an_external_page_purges_no_cached_page(
    external, admin_user, monkeypatch, django_capture_on_commit_callbacks
):
    purged = []
    monkeypatch.setattr("byline.newsroom.purging.purge_everything", lambda: purged.append("all"))
    monkeypatch.setattr("byline.newsroom.purging.purge_paths", purged.extend)
    external.title = "Retitled by an editor"
    with django_capture_on_commit_callbacks(execute=True):
        external.save_revision(user=admin_user).publish()
        external.get_parent().specific.save_revision(user=admin_user).publish()
        external.delete()

    assert purged == []
