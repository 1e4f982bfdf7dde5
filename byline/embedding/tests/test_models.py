"""External pages behave as pages of another site: their address is theirs, Byline serves
nothing of them but a redirect, and none of Byline's sitemaps, feeds, searches, menus or purges
shows or breaks on them. Allowed sites are kept canonical and managed by editors."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.test import Client, RequestFactory
from django.urls import reverse

from byline.accounts.tests.factories import UserFactory
from byline.discussion.models import Thread
from byline.discussion.tests.factories import post
from byline.discussion.threads import purging
from byline.embedding.external import index_page
from byline.embedding.models import AllowedOrigin, ExternalPage
from byline.embedding.tests.conftest import BLOG
from byline.newsroom.appearances import page_paths

pytestmark = pytest.mark.django_db


class TestServing:
    def test_serving_an_external_page_redirects_to_its_address(self, external):
        response = external.serve(RequestFactory().get("/"))

        assert response.status_code == 302
        assert response["Location"] == f"{BLOG}/2026/12/a-post/"

    def test_the_index_serves_nothing(self, external):
        from django.http import Http404

        with pytest.raises(Http404):
            index_page().serve(RequestFactory().get("/"))

    def test_no_address_of_byline_reaches_them(self, external):
        client = Client()

        assert client.get(f"/{index_page().slug}/").status_code == 404
        assert client.get(f"/{index_page().slug}/{external.slug}/").status_code == 404

    def test_the_admin_sends_view_live_to_the_other_site(self, external, admin_client):
        response = admin_client.get(f"/admin/pages/{external.pk}/edit/")

        assert response.status_code == 200
        assert f'href="{BLOG}/2026/12/a-post/"' in response.content.decode()


class TestKeptOutOfByline:
    def test_no_sitemap_lists_them(self, external, client):
        for path in ("/sitemap.xml", "/sitemap-pages.xml", "/sitemap-news.xml"):
            response = client.get(path)
            assert response.status_code == 200
            assert b"blog.example.org" not in response.content

    def test_no_feed_names_them(self, external, client):
        post(external, "Said on the blog.")

        response = client.get("/feeds/rss/")
        assert response.status_code == 200 and b"blog.example.org" not in response.content
        assert client.get(f"/feeds/comments/{external.pk}/rss/").status_code == 404

    def test_the_site_search_never_finds_them(self, allowed, client, wagtail_indexes):
        from byline.embedding.external import page_for_url
        from byline.newsroom.tests.factories import ArticlePageFactory

        page_for_url(f"{BLOG}/zebra", "Zebracorn sightings on the blog")
        ArticlePageFactory(title="Zebracorn sightings in the newsroom")

        response = client.get("/search/", {"q": "Zebracorn"})

        assert response.status_code == 200
        assert "Zebracorn sightings in the newsroom" in response.content.decode()
        assert "on the blog" not in response.content.decode()

    def test_no_menu_shows_them(self, external, client, article):
        response = client.get(article.url)

        assert response.status_code == 200
        assert b"blog.example.org" not in response.content
        assert not external.show_in_menus and not index_page().show_in_menus

    def test_the_most_discussed_rail_leaves_them_out(self, external, article, client):
        for n in range(3):
            post(external, f"Blog comment {n}.", token=f"blogger-{n}")
        post(article, "One comment here.")

        response = client.get("/")

        assert response.status_code == 200
        assert external.title not in response.content.decode()
        assert list(Thread.objects.most_discussed().in_sites()) == [
            Thread.objects.get(page=article)
        ]

    def test_a_comment_purges_the_threads_fragments_and_no_page_of_byline(
        self, external, monkeypatch, django_capture_on_commit_callbacks
    ):
        purged: list[list[str]] = []
        monkeypatch.setattr("byline.pagecache.purge.purge_now", purged.append)

        with django_capture_on_commit_callbacks(execute=True):
            comment = post(external, "Purge nothing of Byline's.")

        assert page_paths(external) == set()
        paths = {path for batch in purged for path in batch}
        assert paths == purging.thread_paths(comment.thread) | {
            reverse("discussion:replies", args=[comment.pk]),
            purging.comment_path(comment.pk),
        }


class TestAllowedOrigins:
    def test_an_origin_is_stored_canonical(self, db):
        origin = AllowedOrigin(origin=" HTTPS://Blog.Example.org:443/ ")
        origin.full_clean()
        origin.save()

        assert AllowedOrigin.objects.get().origin == BLOG

    def test_a_bad_origin_is_refused_on_its_field(self, db):
        with pytest.raises(ValidationError) as refusal:
            AllowedOrigin(origin="https://blog.example.org/blog").full_clean()

        assert "no path" in refusal.value.message_dict["origin"][0]

    def test_the_same_origin_twice_is_refused(self, allowed):
        with pytest.raises(ValidationError):
            AllowedOrigin(origin="https://BLOG.example.org").full_clean()
        with pytest.raises(IntegrityError):
            AllowedOrigin.objects.create(origin="https://blog.example.org:443")

    def test_editors_manage_allowed_sites_in_the_admin(self, db):
        editor = UserFactory(is_staff=True)
        editor.groups.add(Group.objects.get(name="Editors"))
        client = Client()
        client.force_login(editor)

        listing = client.get("/admin/snippets/embedding/allowedorigin/")
        refused = client.post(
            "/admin/snippets/embedding/allowedorigin/add/",
            {"origin": "javascript:alert(1)", "note": "", "enabled": "on"},
        )
        added = client.post(
            "/admin/snippets/embedding/allowedorigin/add/",
            {"origin": "https://Friends.example/", "note": "A friendly site", "enabled": "on"},
        )

        assert listing.status_code == 200
        assert refused.status_code == 200 and "https:// or http://" in refused.content.decode()
        assert added.status_code == 302
        assert AllowedOrigin.objects.get().origin == "https://friends.example"

    def test_readers_cannot_reach_them(self, db):
        client = Client()
        client.force_login(UserFactory())

        response = client.get("/admin/snippets/embedding/allowedorigin/")
        assert response.status_code in (302, 403)


def test_an_external_page_keeps_one_address(external):
    other = ExternalPage(title="Again", slug="again", external_url=external.external_url)

    with pytest.raises(ValidationError):
        other.full_clean()
