"""The newsroom for reading through the API: live, public pages only, newest first, by cursor."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from byline.accounts.tests.factories import UserFactory
from byline.api.tests.grants import bearer, token_for
from byline.newsroom.tests.factories import ArticlePageFactory, SectionPageFactory, TopicFactory

pytestmark = pytest.mark.django_db


def hours_ago(hours: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(hours=hours)


@pytest.fixture
def section():
    return SectionPageFactory(title="Film", slug="film")


class TestArticles:
    def test_live_public_articles_newest_first(self, client, section):
        old = ArticlePageFactory(parent=section, first_published_at=hours_ago(5))
        new = ArticlePageFactory(parent=section, first_published_at=hours_ago(1))
        ArticlePageFactory(parent=section, live=False)
        private = ArticlePageFactory(parent=section)
        PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")

        body = client.get("/api/v1/articles").json()

        assert [item["id"] for item in body["items"]] == [new.pk, old.pk]
        assert body["items"][0]["section"] == {"id": section.pk, "title": "Film", "slug": "film"}
        assert body["items"][0]["url"].endswith(new.url)
        assert body["items"][0]["authors"][0]["name"].startswith("Author")

    def test_a_signed_in_editor_sees_no_more_than_the_public(self, client, section):
        ArticlePageFactory(parent=section, live=False)
        editor = UserFactory(is_superuser=True, is_staff=True)

        body = client.get("/api/v1/articles", headers=bearer(token_for(editor))).json()

        assert body["items"] == []

    def test_by_section_and_by_topic(self, client, section):
        topic = TopicFactory(name="Awards", slug="awards")
        in_film = ArticlePageFactory(parent=section)
        tagged = ArticlePageFactory()
        tagged.topics.add(topic)
        tagged.save()

        by_section = client.get("/api/v1/articles?section=film").json()
        by_topic = client.get("/api/v1/articles?topic=awards").json()

        assert [item["id"] for item in by_section["items"]] == [in_film.pk]
        assert [item["id"] for item in by_topic["items"]] == [tagged.pk]
        assert by_topic["items"][0]["topics"][0]["slug"] == "awards"

    def test_an_unknown_section_is_named_in_the_error(self, client):
        response = client.get("/api/v1/articles?section=no-such-section")

        assert response.status_code == 404
        assert response.json()["error"]["field"] == "section"

    def test_pages_follow_the_cursor(self, client, section):
        made = [ArticlePageFactory(parent=section, first_published_at=hours_ago(n)) for n in range(5)]  # fmt: skip

        seen, after = [], ""
        for _ in range(5):
            body = client.get(f"/api/v1/articles?limit=2&after={after}").json()
            seen += [item["id"] for item in body["items"]]
            if not body["next"]:
                break
            after = body["next"]

        assert seen == [article.pk for article in made]

    def test_one_article_has_its_body_as_wagtails_api_gives_it(self, client, article):
        body = client.get(f"/api/v1/articles/{article.pk}").json()

        assert body["id"] == article.pk and body["title"] == article.title
        assert body["body"][0]["type"] == "paragraph"
        assert body["body"][0]["value"].startswith("<p>A source tells")

    def test_a_draft_is_not_found(self, client, section):
        draft = ArticlePageFactory(parent=section, live=False)

        response = client.get(f"/api/v1/articles/{draft.pk}")

        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"

    def test_a_non_article_page_is_not_found(self, client, section):
        assert client.get(f"/api/v1/articles/{section.pk}").status_code == 404

    def test_a_revoked_token_is_told_so_even_where_none_is_needed(self, client):
        reader = UserFactory()
        key = token_for(reader, "account")
        reader.api_tokens.get().revoke()

        for path in ("/api/v1/articles", "/api/v1/sections", "/api/v1/topics"):
            response = client.get(path, headers=bearer(key))
            assert response.status_code == 401, path
            assert response.json()["error"]["code"] == "bad_token"


class TestSectionsAndTopics:
    def test_live_sections_in_menu_order(self, client):
        film = SectionPageFactory(title="Film", slug="film")
        tv = SectionPageFactory(title="TV", slug="tv")
        SectionPageFactory(title="Draft", slug="draft", live=False)

        body = client.get("/api/v1/sections").json()

        assert [item["slug"] for item in body["items"]] == ["film", "tv"]
        assert body["items"][1]["id"] == tv.pk
        assert body["items"][0]["url"].endswith(film.url)

    def test_topics_by_name(self, client):
        TopicFactory(name="Trials", slug="trials")
        TopicFactory(name="Awards", slug="awards", description="Who wins what.")

        body = client.get("/api/v1/topics").json()

        assert [item["slug"] for item in body["items"]] == ["awards", "trials"]
        assert body["items"][0]["description"] == "Who wins what."
        assert body["items"][0]["url"].endswith("/topic/awards/")


@pytest.mark.parametrize("fmt", ["db_html", "db_markdown"])
def test_the_stored_rich_text_formats_are_not_offered(client, fmt):
    article = ArticlePageFactory()

    response = client.get(f"/api/v1/articles/{article.pk}", {"rich_text_format": fmt})

    assert response.status_code == 422
    assert response.json()["error"]["field"] == "rich_text_format"
