"""The page of an address: Byline's own, or an external page made on first use for an allowed
site, and a clear refusal for anything else."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from wagtail.models import Page, Site

from byline.discussion.tests.xss_payloads import XSS_PAYLOADS
from byline.embedding import external
from byline.embedding.external import (
    MAX_TITLE_LENGTH,
    AddressRefused,
    NoDiscussionHere,
    OriginNotAllowed,
    TooManyNewPages,
    page_for_url,
)
from byline.embedding.models import AllowedOrigin, ExternalPage, ExternalPageIndex
from byline.embedding.tests.conftest import BLOG
from byline.newsroom.tests.factories import home_page

pytestmark = pytest.mark.django_db


class TestExternalPages:
    def test_an_address_on_an_allowed_site_gets_a_live_page_on_first_use(self, allowed):
        page = page_for_url(f"{BLOG}/post#comments", "The post")

        assert isinstance(page, ExternalPage)
        assert (page.external_url, page.title, page.live) == (f"{BLOG}/post", "The post", True)
        assert page.url == page.full_url == page.get_url(None) == f"{BLOG}/post"
        assert Page.objects.live().public().filter(pk=page.pk).exists()

    def test_the_same_page_however_it_is_spelt_and_its_title_stays_from_elsewhere(self, external):
        again = page_for_url(
            "HTTPS://BLOG.example.org:443/2026/12/a-post/?utm_source=news&comment=3#c-3",
            "Someone else's title",
            origin="https://spam.example",
        )

        assert again.pk == external.pk
        assert ExternalPage.objects.get().title == "A post on the blog"

    def test_a_query_that_names_the_page_makes_another_page(self, allowed):
        first = page_for_url(f"{BLOG}/?p=1", "One")
        second = page_for_url(f"{BLOG}/?p=2", "Two")

        assert first.pk != second.pk
        assert second.url == f"{BLOG}/?p=2"

    def test_pages_live_under_one_index_outside_every_site(self, allowed):
        pages = [page_for_url(f"{BLOG}/{n}", f"Post {n}") for n in range(3)]

        index = ExternalPageIndex.objects.get()
        assert index.depth == 2 and index.get_parent().is_root()
        assert all(page.get_parent().pk == index.pk for page in pages)
        site = Site.objects.get(is_default_site=True)
        assert not Page.objects.in_site(site).filter(pk__in=[p.pk for p in pages]).exists()
        assert all(page.get_url_parts() is None and page.get_site() is None for page in pages)

    @pytest.mark.parametrize(
        ("title", "kept"),
        [
            ("  A post\non\ttwo   lines ", "A post on two lines"),
            ("<b>Bold</b> <script>alert(1)</script>claims", "Bold alert(1)claims"),
            ("Right\u202eto left\u200b", "Rightto left"),
            ("Tom & Jerry < Itchy", "Tom & Jerry < Itchy"),
        ],
    )
    def test_the_title_is_one_line_of_plain_text(self, allowed, title, kept):
        assert page_for_url(f"{BLOG}/t", title).title == kept

    def test_a_long_title_is_cut_and_a_missing_one_is_the_address(self, allowed):
        long = page_for_url(f"{BLOG}/long", "word " * 200)
        untitled = page_for_url(f"{BLOG}/untitled", " \n ")

        assert len(long.title) == MAX_TITLE_LENGTH and long.title.endswith("…")
        assert untitled.title == "blog.example.org/untitled"

    @hypothesis_settings(
        max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture]
    )
    @given(title=st.one_of(st.sampled_from(XSS_PAYLOADS), st.text(max_size=300)))
    def test_no_title_keeps_markup_or_a_line_break(self, allowed, title):
        page = page_for_url(f"{BLOG}/hostile", title)

        # Nothing a browser would read as the start of a tag ("<>" or "a < b" is text).
        assert not re.search(r"<[A-Za-z/!?]", page.title)
        assert "\n" not in page.title and len(page.title) <= MAX_TITLE_LENGTH


class TestRefusals:
    def test_a_site_not_allowed_is_refused_and_nothing_made(self, allowed):
        with pytest.raises(OriginNotAllowed, match="not a site Byline's discussion may appear"):
            page_for_url("https://elsewhere.example/post", "Post")

        assert not ExternalPage.objects.exists()

    @pytest.mark.parametrize(
        "url",
        [
            "https://blog.example.org.evil.example/post",
            "https://evil.example/#@blog.example.org",
            "http://blog.example.org/post",
            "https://blog.example.org:8443/post",
            "https://sub.blog.example.org/post",
        ],
    )
    def test_only_the_exact_origin_is_allowed(self, allowed, url):
        with pytest.raises(OriginNotAllowed):
            page_for_url(url, "Post")

    def test_a_disabled_site_is_refused(self, allowed, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            AllowedOrigin.objects.filter(pk=allowed.pk).update(enabled=False)
            allowed.refresh_from_db()
            allowed.save()

        with pytest.raises(OriginNotAllowed):
            page_for_url(f"{BLOG}/post", "Post")

    @pytest.mark.parametrize(
        "url", ["", "javascript:alert(1)", "data:,x", "not a url", "https://", "x" * 5000]
    )
    def test_a_malformed_address_is_refused_on_its_field(self, allowed, url):
        with pytest.raises(AddressRefused) as refusal:
            page_for_url(url, "Post")

        assert refusal.value.field == "url" and refusal.value.message

    def test_past_the_rate_a_client_makes_no_more_pages(self, allowed, settings):
        settings.EMBEDDING_NEW_PAGES_RATE = "2/h"
        page_for_url(f"{BLOG}/1", "One", client="203.0.113.9")
        page_for_url(f"{BLOG}/2", "Two", client="203.0.113.9")

        with pytest.raises(TooManyNewPages) as refusal:
            page_for_url(f"{BLOG}/3", "Three", client="203.0.113.9")

        assert refusal.value.retry_after == 3600
        # A page that exists costs nothing, and other clients are not held back.
        assert page_for_url(f"{BLOG}/1", "One", client="203.0.113.9")
        assert page_for_url(f"{BLOG}/3", "Three", client="198.51.100.7")


class TestBylinePages:
    def test_an_address_of_byline_is_its_page_as_wagtail_routes_it(self, article, settings):
        page = page_for_url(f"{settings.BYLINE_BASE_URL}{article.url}?sort=oldest#comments")

        assert page.pk == article.pk and not ExternalPage.objects.exists()

    def test_the_sites_own_root_url_is_byline_too(self, article):
        site = Site.objects.get(is_default_site=True)

        assert page_for_url(f"{site.root_url}{article.url}").pk == article.pk

    def test_a_byline_page_without_a_discussion_is_refused(self, settings):
        home_page()
        with pytest.raises(NoDiscussionHere):
            page_for_url(f"{settings.BYLINE_BASE_URL}/")
        with pytest.raises(NoDiscussionHere):
            page_for_url(f"{settings.BYLINE_BASE_URL}/no/such/page/")

    def test_a_draft_is_no_page(self, article, settings):
        url = f"{settings.BYLINE_BASE_URL}{article.url}"
        article.unpublish()

        with pytest.raises(NoDiscussionHere):
            page_for_url(url)


def test_the_index_is_made_once(allowed):
    first, second = external.index_page(), external.index_page()

    assert first.pk == second.pk and ExternalPageIndex.objects.count() == 1
