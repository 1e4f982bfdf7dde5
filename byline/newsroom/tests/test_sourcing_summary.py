"""What readers and editors see: the summary, the type of work, the standards link, the panel."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.test.utils import WagtailPageTestCase

from byline.newsroom.models import ArticlePage, StandardsPage
from byline.newsroom.sourcing.marks import Mark
from byline.newsroom.sourcing.summary import summarise_marks
from byline.newsroom.sourcing.work import TypeOfWork
from byline.newsroom.tests.factories import ArticlePageFactory, home_page, publish

HOSTILE = '<script>alert(1)</script>"&'


def marks(*pairs: tuple[str, str]) -> list[Mark]:
    return [Mark(n, n + 1, kind, name) for n, (kind, name) in enumerate(pairs)]


def test_the_summary_counts_by_kind_names_outlets_and_says_zero_on_the_record():
    summary = summarise_marks(
        marks(
            ("anonymous", ""), ("anonymous", ""), ("anonymous", "a friend"), ("anonymous", ""),
            ("outlet", "Page Six"), ("outlet", "Page Six"),
        )
    )  # fmt: skip
    assert summary.text == (
        "4 anonymous sources: a friend, 1 other outlet: Page Six, 0 on the record"
    )
    assert summary.has_marks


@pytest.mark.parametrize(
    ("pairs", "expected"),
    [
        ([("anonymous", "")], "1 anonymous source, 0 on the record"),
        ([("outlet", "A"), ("outlet", "B")], "2 other outlets: A, B, 0 on the record"),
        ([("on_record", "Vale’s spokesperson")], "1 on the record: Vale’s spokesperson"),
        ([("social", ""), ("social", "")], "2 social media posts, 0 on the record"),
        ([("document", "")], "1 document, 0 on the record"),
        ([("own", ""), ("own", "")], "2 from our own reporting, 0 on the record"),
    ],
)
def test_the_summary_speaks_singular_and_plural(pairs, expected):
    assert summarise_marks(marks(*pairs)).text == expected


def test_without_marks_the_summary_has_none():
    summary = summarise_marks([])
    assert not summary.has_marks


def marked_body(name: str = "Page Six") -> list[tuple[str, object]]:
    escaped = name.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    return [
        (
            "paragraph",
            f'<p><span data-source-kind="outlet" data-source-name="{escaped}">A source told'
            ' Page Six</span> the pair split. <span data-source-kind="anonymous">Another'
            " source clarifies</span> that it is amicable.</p>",
        ),
        (
            "paragraph",
            '<p><span data-source-kind="nonsense" onclick="alert(1)">Fans</span> wept.</p>',
        ),
    ]


class ArticleSourcingTests(WagtailPageTestCase):
    def soup(self, page) -> BeautifulSoup:
        response = self.client.get(page.url)
        self.assertEqual(response.status_code, 200)
        return BeautifulSoup(response.content, "html.parser")

    def standards(self) -> StandardsPage:
        page = StandardsPage(title="Our standards", slug="standards", body="<p>We say how.</p>")
        home_page().add_child(instance=page)
        return publish(page)

    def test_an_article_with_marks_shows_how_it_is_sourced_with_the_standards_link(self):
        standards = self.standards()
        article = ArticlePageFactory(body=marked_body())
        section = self.soup(article).find("section", class_="article__sourcing")
        self.assertEqual(section.h2.get_text(), "How this story is sourced")
        self.assertEqual(
            [li.get_text() for li in section.find_all("li")],
            ["1 anonymous source", "1 other outlet: Page Six", "0 on the record"],
        )
        self.assertEqual(section.find("a")["href"], standards.url)
        # The standards page itself is a themed page.
        self.assertEqual(self.soup(standards).h1.get_text(), "Our standards")

    def test_an_article_without_marks_shows_no_summary(self):
        self.standards()
        article = ArticlePageFactory()
        self.assertIsNone(self.soup(article).find(class_="article__sourcing"))

    def test_without_a_standards_page_the_summary_shows_no_link(self):
        article = ArticlePageFactory(body=marked_body())
        self.assertIsNone(self.soup(article).find(class_="article__sourcing").find("a"))

    def test_hostile_names_and_kinds_are_escaped_or_dropped_for_readers(self):
        article = ArticlePageFactory(body=marked_body(HOSTILE))
        response = self.client.get(article.url)
        self.assertNotContains(response, "<script>alert(1)")
        self.assertNotContains(response, 'onclick="alert(1)"')
        soup = BeautifulSoup(response.content, "html.parser")
        self.assertIn(HOSTILE, soup.find(class_="article__sourcing").get_text())
        spans = soup.select(".article__body span[data-source-kind]")
        self.assertEqual([span["data-source-kind"] for span in spans], ["outlet", "anonymous"])
        self.assertEqual(spans[0]["data-source-name"], HOSTILE)

    def test_the_type_of_work_is_shown_above_the_headline_and_in_json_ld(self):
        expected = {
            TypeOfWork.NEWS: ("News", "NewsArticle"),
            TypeOfWork.ANALYSIS: ("Analysis", "AnalysisNewsArticle"),
            TypeOfWork.OPINION: ("Opinion", "OpinionNewsArticle"),
            TypeOfWork.RUMOUR_ROUNDUP: ("Rumour round-up", "NewsArticle"),
            TypeOfWork.SPONSORED: ("Sponsored", "AdvertiserContentArticle"),
        }
        for value, (label, schema_type) in expected.items():
            article = ArticlePageFactory(type_of_work=value)
            soup = self.soup(article)
            header = soup.find("header", class_="article__header")
            kind = header.find(class_="type-of-work")
            self.assertEqual(kind.get_text(), f"Type of work: {label}")
            self.assertIs(kind.find_next_sibling("h1"), header.h1)
            [data] = [
                json.loads(tag.string)
                for tag in soup.find_all("script", type="application/ld+json")
            ]
            self.assertEqual((data["@type"], data["genre"]), (schema_type, label))

    def test_articles_are_news_unless_an_editor_says_otherwise(self):
        self.assertEqual(ArticlePage().type_of_work, TypeOfWork.NEWS)


class SourcingCheckPanelTests(WagtailPageTestCase):
    def setUp(self):
        self.login()

    def test_the_edit_form_lists_the_draft_s_findings_unmarked_first(self):
        article = ArticlePageFactory(body=marked_body())
        article.body = [
            *marked_body(),
            ("paragraph", "<p>The couple reportedly met in 2019. The source code is open.</p>"),
        ]
        article.save_revision()
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=[article.pk]))
        self.assertEqual(response.status_code, 200)
        panel = BeautifulSoup(response.content, "html.parser").find(
            attrs={"data-sourcing-check": True}
        )
        items = [" ".join(li.get_text().split()) for li in panel.find_all("li")]
        self.assertEqual(
            items,
            [
                "Not marked The couple reportedly met in 2019. (“reportedly”)",
                "Marked A source told Page Six the pair split. (“source told”, “told Page Six”)",
                "Marked Another source clarifies that it is amicable. (“source clarifies”)",
            ],
        )
        self.assertIn("1 of 3", panel.get_text())
