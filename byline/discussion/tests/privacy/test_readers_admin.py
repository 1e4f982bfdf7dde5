"""Readers in the Wagtail admin: listed, searched, exported and erased, with audit entries."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.urls import reverse
from wagtail.models import ModelLogEntry

from byline.accounts.models import User
from byline.accounts.tests.factories import UserFactory
from byline.discussion.admin import readers
from byline.discussion.models import Ban, Comment, DataExport
from byline.discussion.tests.privacy.world import build

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(article):
    return build(article)


@pytest.fixture
def moderator(client):
    user = UserFactory(username="mod", is_staff=True)
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="moderate_comment"),
    )
    client.force_login(user)
    return user


def test_readers_are_listed_with_their_comments_last_seen_verified_and_ban(
    client, world, moderator
):
    world.bob.verified_email = ""
    world.bob.save()
    Ban.objects.create(kind=Ban.Kind.EMAIL, email="BOB@example.org")
    response = client.get(reverse("discussion_readers:index"))
    assert response.status_code == 200
    rows = {user.username: user for user in response.context["object_list"]}
    assert set(rows) == {"maya", "bob"}  # staff are not readers
    assert rows["maya"].comments_count == 2 and rows["bob"].comments_count == 2
    assert (
        readers.last_seen(rows["maya"])
        == Comment.objects.filter(author=world.maya).latest("created_at").created_at
    )
    assert (rows["maya"].banned, rows["bob"].banned) == (False, True)
    assert (readers.is_verified(rows["maya"]), readers.is_verified(rows["bob"])) == (True, False)
    html = response.content.decode()
    for heading in ("Name", "Email", "Comments", "Last seen", "Verified", "Banned"):
        assert heading in html
    assert reverse("discussion_readers:erase", args=[world.maya.pk]) in html
    record = f"{reverse('moderation_reader_history')}?account={world.maya.pk}"
    assert f'href="{record}"' in html
    assert client.get(record).status_code == 200


def test_readers_are_searched_by_name_or_address_and_paginated(client, world, moderator):
    found = client.get(reverse("discussion_readers:index"), {"q": "patel"})
    assert [user.username for user in found.context["object_list"]] == ["maya"]
    found = client.get(reverse("discussion_readers:index"), {"q": "bob@exam"})
    assert [user.username for user in found.context["object_list"]] == ["bob"]
    nothing = client.get(reverse("discussion_readers:index"), {"q": "<script>"})
    assert nothing.status_code == 200 and b"<script>" not in nothing.content
    UserFactory.create_batch(30)
    page = client.get(reverse("discussion_readers:index"))
    assert len(page.context["object_list"]) == 25


def test_people_who_cannot_moderate_see_nothing(client, world):
    editor = UserFactory(username="editor", is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    assert client.get(reverse("discussion_readers:index")).status_code in (302, 403)
    # Wagtail answers a refusal in its admin with a redirect to the dashboard.
    response = client.post(reverse("discussion_readers:export", args=[world.maya.pk]))
    assert response.status_code in (302, 403)
    assert not DataExport.objects.exists()


def test_an_editor_has_the_archive_emailed_to_the_reader_with_an_audit_entry(
    client, world, moderator, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("discussion_readers:export", args=[world.maya.pk]))
    assert response.status_code == 302
    assert DataExport.objects.get().user == world.maya
    ready = [m for m in mail.outbox if m.subject.startswith("Your data")]
    assert [m.to for m in ready] == [["maya@example.org"]]  # never to the editor
    entry = ModelLogEntry.objects.get(action=readers.EXPORT)
    assert entry.user == moderator and entry.object_id == str(world.maya.pk)
    assert "Maya" not in entry.label


def test_an_editor_erases_a_reader_after_confirming_with_an_audit_entry(client, world, moderator):
    url = reverse("discussion_readers:erase", args=[world.maya.pk])
    assert b"cannot be undone" in client.get(url).content
    unconfirmed = client.post(url, {"comments": "remove"})
    assert unconfirmed.status_code == 200
    assert User.objects.filter(pk=world.maya.pk).exists()
    response = client.post(url, {"comments": "remove", "confirm": "on"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=world.maya.pk).exists()
    entry = ModelLogEntry.objects.get(action=readers.ERASE)
    assert entry.user == moderator and entry.object_id == str(world.maya.pk)
    assert entry.label == f"Reader {world.maya.pk}"
    assert entry.data["comments deleted"] == 1
    assert entry.data["comments kept as placeholders"] == 1


def test_staff_and_unknown_accounts_cannot_be_erased_from_the_list(client, world, moderator):
    for pk in (moderator.pk, 999999):
        url = reverse("discussion_readers:erase", args=[pk])
        assert client.post(url, {"comments": "remove", "confirm": "on"}).status_code == 404
    assert User.objects.filter(pk=moderator.pk).exists()


@pytest.mark.parametrize("kind", ["group", "admin access", "moderation"])
def test_editors_and_moderators_by_group_or_permission_are_neither_listed_nor_erased(
    client, world, moderator, kind
):
    from django.contrib.auth.models import Group

    from byline.discussion.errors import DiscussionError
    from byline.discussion.privacy import erasure
    from byline.discussion.privacy.subjects import DataSubject

    colleague = UserFactory(username="colleague")
    if kind == "group":
        colleague.groups.add(Group.objects.create(name="Readers' desk"))
    else:
        codename = "access_admin" if kind == "admin access" else "moderate_comment"
        colleague.user_permissions.add(Permission.objects.get(codename=codename))
    assert not readers.readers().filter(pk=colleague.pk).exists()
    assert readers.readers().filter(pk=world.maya.pk).exists()
    url = reverse("discussion_readers:erase", args=[colleague.pk])
    assert client.post(url, {"comments": "remove", "confirm": "on"}).status_code == 404
    with pytest.raises(DiscussionError):
        erasure.erase(DataSubject.of_user(colleague))
    assert User.objects.filter(pk=colleague.pk).exists()
