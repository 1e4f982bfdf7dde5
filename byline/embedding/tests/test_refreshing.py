"""Inline feedback on an external page: its text read by the worker when its thread is read,
passages checked against that text, and anchors that follow the text when the site edits it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from byline.api.tests.conftest import ApiClient, error_of
from byline.discussion.models import Anchor, Comment
from byline.embedding import refreshing
from byline.embedding.fetching import Fetched, FetchError
from byline.embedding.models import ExternalPage
from byline.embedding.page_texts import PageText
from byline.embedding.tests.conftest import BLOG
from byline.newsroom.tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db

GUEST = {"name": "Maya Reader", "email": "maya@example.org"}
FIRST = """<html><body><nav><p>Menu</p></nav><article data-byline-passages>
  <h2 id="lede">A quiet harbour</h2>
  <p id="p1">The ferry left at dawn.   The harbour master said it had never been late.</p>
  <p>Nobody believed him.</p>
</article></body></html>"""


class Site:
    """The external site as the worker sees it: what its page says, or why it cannot be read."""

    def __init__(self) -> None:
        self.html = FIRST
        self.failure: str | None = None
        self.reads = 0

    def __call__(self, url: str) -> Fetched:
        assert url == f"{BLOG}/2026/12/a-post/"
        self.reads += 1
        if self.failure:
            raise FetchError(self.failure)
        return Fetched(html=self.html.encode(), charset="utf-8")


@pytest.fixture
def site(monkeypatch: pytest.MonkeyPatch) -> Site:
    site = Site()
    monkeypatch.setattr(refreshing, "fetch_page", site)
    return site


@pytest.fixture
def api(client: Client) -> ApiClient:
    """The embed's calls, from a page of the blog (only these start a page's thread)."""
    return ApiClient(client).as_(Origin=BLOG)


def read(page: ExternalPage) -> dict:
    return refreshing.refresh(page.pk)


def comment_on(
    api: ApiClient, page: ExternalPage, quote: str, block: str = "p1", start: int = 0
) -> Any:
    return api.post(
        f"/threads/{page.pk}/comments",
        {"body": "On these words.", **GUEST,
         "passage": {"block": block, "quote": quote, "start": start, "end": start + len(quote)}},
    )  # fmt: skip


class TestReading:
    def test_the_worker_stores_the_marked_blocks_of_the_page(self, external, site):
        result = read(external)

        assert (result["state"], result["blocks"]) == ("changed", 3)
        assert PageText.objects.get(page=external).blocks == {
            "lede": "A quiet harbour",
            "p1": "The ferry left at dawn. The harbour master said it had never been late.",
            "b3": "Nobody believed him.",
        }
        assert external.passage_texts()["b3"] == "Nobody believed him."

    def test_a_failed_reading_keeps_the_text_and_says_why(self, external, site):
        read(external)
        site.failure = "The page answered HTTP 500."

        assert read(external) == {"state": "failed"}
        row = PageText.objects.get(page=external)
        assert row.problem == "The page answered HTTP 500."
        assert row.blocks["p1"].startswith("The ferry")

    def test_a_page_that_is_gone_is_nothing_to_read(self, db):
        assert refreshing.refresh(987654) == {"state": "gone"}


class TestWhenToRead:
    def test_a_thread_read_through_the_api_queues_one_reading_of_a_new_page(
        self, api, allowed, site, django_capture_on_commit_callbacks
    ):
        url = f"{BLOG}/2026/12/a-post/"
        with django_capture_on_commit_callbacks(execute=True):
            first = api.get("/threads/by-url", url=url, title="A post")
        with django_capture_on_commit_callbacks(execute=True):
            api.get("/threads/by-url", url=url, title="A post")

        assert first.status_code == 200
        assert site.reads == 1  # the test settings run queued tasks at once
        assert PageText.objects.get(page_id=first.json()["page_id"]).blocks["b3"]

    def test_a_stale_text_is_read_again_and_a_fresh_one_is_not(self, external, site, settings):
        settings.EMBEDDING_PAGE_TEXT_MAX_AGE = 60
        assert refreshing.request_refresh(external) is True
        read(external)

        assert refreshing.request_refresh(external) is False
        with time_machine.travel(timezone.now() + dt.timedelta(minutes=61)):
            assert refreshing.request_refresh(external) is True
            assert refreshing.request_refresh(external) is False  # already queued

    def test_byline_own_pages_are_never_fetched(self, db):
        article = ArticlePageFactory()

        assert refreshing.request_refresh(article) is False
        assert not PageText.objects.exists()


class TestPassages:
    def test_a_passage_is_checked_against_the_text_byline_read(self, api, external, site):
        read(external)

        # The browser's offsets are a hint: the words are found where they are.
        posted = comment_on(api, external, "The harbour master said", start=3)

        assert posted.status_code == 201, posted.json()
        passage = posted.json()["comment"]["passage"]
        assert passage == {
            "block": "p1",
            "start": 24,
            "end": 47,
            "quote": "The harbour master said",
            "prompt": None,
        }
        anchor = Anchor.objects.get()
        assert (anchor.block_id, anchor.start, anchor.exact) == (
            "p1",
            24,
            "The harbour master said",
        )

    @pytest.mark.parametrize(
        ("block", "quote"),
        [("p1", "words the page never had"), ("nowhere", "The ferry"), ("p1", " ")],
    )
    def test_words_not_on_the_page_are_refused(self, api, external, site, block, quote):
        read(external)

        response = comment_on(api, external, quote, block=block)

        assert response.status_code in (400, 422)
        assert error_of(response)["message"]
        assert not Comment.objects.exists()

    def test_before_the_page_was_read_no_passage_can_be_placed(self, api, external):
        response = comment_on(api, external, "The ferry left")

        assert response.status_code == 400
        assert "not in the article" in error_of(response)["message"]

    def test_the_passages_of_a_page_are_listed_with_their_counts(self, api, external, site):
        read(external)
        comment_on(api, external, "The ferry left at dawn.")
        comment_on(api, external, "The ferry left at dawn.")
        comment_on(api, external, "Nobody believed him.", block="b3")

        items = api.get(f"/threads/{external.pk}/passages").json()["items"]

        assert items == [
            {"block": "b3", "start": 0, "end": 20, "quote": "Nobody believed him.", "count": 1},
            {"block": "p1", "start": 0, "end": 23, "quote": "The ferry left at dawn.", "count": 2},
        ]
        filtered = api.get(f"/threads/{external.pk}/comments", block="p1", start=0, end=23)
        assert len(filtered.json()["items"]) == 2


class TestReanchoring:
    def test_an_anchor_follows_its_words_when_the_site_edits_the_page(self, api, external, site):
        read(external)
        comment_on(api, external, "Nobody believed him.", block="b3")
        site.html = FIRST.replace("<p>Nobody", "<p>A new first paragraph.</p><p>Nobody")

        result = read(external)

        anchor = Anchor.objects.get()
        assert result["state"] == "changed" and result["changed"] == 1
        # Its block was the third by position and is the fourth now: found by its words.
        assert (anchor.block_id, anchor.exact, anchor.state) == (
            "b4",
            "Nobody believed him.",
            "moved",
        )

    def test_words_the_site_removed_orphan_the_anchor_until_they_return(self, api, external, site):
        read(external)
        comment_on(api, external, "Nobody believed him.", block="b3")
        site.html = FIRST.replace("<p>Nobody believed him.</p>", "")

        read(external)
        assert Anchor.objects.get().state == "orphaned"

        site.html = FIRST
        read(external)
        assert Anchor.objects.get().state != "orphaned"

    def test_an_unchanged_page_rewrites_nothing(self, api, external, site):
        read(external)
        comment_on(api, external, "The ferry left at dawn.")

        assert read(external) == {"state": "unchanged", "blocks": 3}


class TestPassagesOperation:
    def test_a_page_with_no_discussion_has_no_passages(self, api):
        response = api.get("/threads/2147483647/passages")

        assert response.status_code == 404
        assert error_of(response)["code"] == "not_found"

    def test_the_schema_describes_it_beside_the_comment_passage(self, api):
        schema = api.client.get("/api/v1/openapi.json").json()

        answer = schema["paths"]["/api/v1/threads/{page_id}/passages"]["get"]["responses"]["200"]
        assert answer["content"]["application/json"]["schema"]["$ref"].endswith(
            "/CommentedPassages"
        )
        # Its item is a schema of its own: the comments' passage keeps its shape.
        assert "count" not in schema["components"]["schemas"]["PassageOut"]["properties"]
