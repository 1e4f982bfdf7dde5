"""The discussion of an external page works as an article's, with every link leading to the
other site: permalinks, notification e-mails, the moderation queue, the reader's pages."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client

from byline.accounts.tests.factories import UserFactory
from byline.discussion.models import Comment, Subscription, Thread
from byline.discussion.tests.factories import follower, post
from byline.embedding.external import page_for_url
from byline.embedding.tests.conftest import BLOG

pytestmark = pytest.mark.django_db

PAGE = f"{BLOG}/2026/12/a-post/"


class TestPermalinks:
    def test_a_comments_permalink_leads_to_it_on_the_other_site(self, external, client):
        comment = post(external, "Well said.")

        response = client.get(comment.get_absolute_url())

        assert response.status_code == 302
        assert response["Location"] == f"{PAGE}?comment={comment.pk}#comment-{comment.pk}"

    def test_a_page_with_a_query_of_its_own_keeps_it(self, allowed, client):
        page = page_for_url(f"{BLOG}/?p=123", "A WordPress post")
        comment = post(page, "On the old blog.")

        response = client.get(comment.get_absolute_url())

        assert response["Location"] == f"{BLOG}/?p=123&comment={comment.pk}#comment-{comment.pk}"

    def test_the_comment_alone_without_the_script_leads_there_too(self, external, client):
        comment = post(external, "Alone.")

        response = client.get(f"/comments/{comment.pk}/alone/")

        assert response["Location"] == f"{PAGE}?comment={comment.pk}#comment-{comment.pk}"


class TestNotifications:
    def test_a_subscriber_is_emailed_links_to_the_other_site(self, external, deliver):
        follower(external, "fan@example.org")

        comment = deliver(post, external, "Something new on the blog.", token="writer")

        [message] = mail.outbox
        assert message.to == ["fan@example.org"]
        assert message.subject == "New comment on “A post on the blog”"
        assert f"{PAGE}#comments" in message.body
        html = message.alternatives[0][0]
        assert f'href="{PAGE}#comments"' in html
        # The comment's own link is Byline's permalink, which leads to the page (above).
        assert f"/comments/{comment.pk}/" in message.body
        assert "127.0.0.1:8000https://" not in message.body + html

    def test_my_subscriptions_name_it_and_lead_to_the_other_site(self, external):
        reader = UserFactory(email="reader@example.org")
        EmailAddress.objects.update_or_create(
            email="reader@example.org", defaults={"user": reader, "verified": True}
        )
        follower(external, "reader@example.org")
        client = Client()
        client.force_login(reader)

        response = client.get("/accounts/subscriptions/")

        assert Subscription.objects.get().target_url() == f"{PAGE}#comments"
        assert response.status_code == 200
        assert "A post on the blog" in response.content.decode()


class TestModeration:
    @pytest.fixture
    def moderator_client(self):
        moderator = UserFactory(is_staff=True, username="mo")
        moderator.groups.add(Group.objects.get(name="Moderators"))
        client = Client()
        client.force_login(moderator)
        return client

    def test_a_held_comment_is_moderated_in_the_usual_queue(self, external, moderator_client):
        Thread.objects.for_page(external)
        Thread.objects.filter(page=external).update(premoderated=True)
        held = post(external, "Please read me first.")
        assert held.status == Comment.Status.PENDING

        queue = moderator_client.get("/admin/moderation/pending/")
        decided = moderator_client.post(
            "/admin/moderation/decide",
            {"act": f"approve:{held.pk}", "next": "/admin/moderation/pending/"},
        )

        assert queue.status_code == 200
        html = queue.content.decode()
        assert f'data-comment-id="{held.pk}"' in html and f'href="{PAGE}"' in html
        assert decided.status_code == 302
        assert Comment.objects.get(pk=held.pk).status == Comment.Status.PUBLISHED
        assert Thread.objects.get(page=external).comment_count == 1

    def test_the_comment_page_in_the_admin_links_to_the_other_site(
        self, external, moderator_client
    ):
        comment = post(external, "Look at me.")

        response = moderator_client.get(f"/admin/moderation/comment/{comment.pk}/")

        assert response.status_code == 200
        assert f'href="{PAGE}"' in response.content.decode()

    def test_editors_close_its_thread_in_the_discussions_list(self, external, admin_client):
        thread = Thread.objects.for_page(external)

        listing = admin_client.get("/admin/snippets/discussion/thread/")

        assert listing.status_code == 200 and "A post on the blog" in listing.content.decode()
        thread.comments_enabled = False
        thread.save()
        assert not Thread.objects.get(pk=thread.pk).is_open()


def test_the_public_page_of_a_commenter_links_to_the_other_site(external, client):
    maya = UserFactory(display_name="Maya Reader")
    post(external, "I comment on blogs too.", as_user=maya)

    response = client.get(f"/people/{maya.pk}/")

    assert response.status_code == 200
    assert f'href="{PAGE}"' in response.content.decode()
