"""A reader opens the front page, follows a section, reads an article and searches, in Chromium."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from byline.newsroom.tests.factories import (
    ArticlePageFactory,
    AuthorFactory,
    ImageFactory,
    PersonFactory,
    SectionPageFactory,
)
from tests.browser.conftest import assert_accessible

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def newsroom():
    celebrity = SectionPageFactory(title="Celebrity", slug="celebrity")
    music = SectionPageFactory(title="Music", slug="music")
    author = AuthorFactory(name="Ada Quill", slug="ada-quill")
    article = ArticlePageFactory(
        parent=celebrity,
        title="Is Lena Marsh quitting the stage for good?",
        standfirst="The actor has cancelled three appearances, and friends are not saying why.",
        hero_image=ImageFactory(caption="Lena Marsh at the Palladium in May."),
        authors=[author],
        body=[
            ("paragraph", "<p>A source tells another outlet the decision is final.</p>"),
            ("subheading", "The cancellations"),
            ("paragraph", "<p>“She needs rest,” her agent, Tom Vale, said on Monday.</p>"),
            ("pull_quote", {"quote": "She is not retiring.", "attribution": "Her agent"}),
            ("fact_box", {"title": "What we know", "facts": ["Three shows cancelled"]}),
        ],
    )
    article.people.add(PersonFactory(name="Lena Marsh", slug="lena-marsh"))
    article.save_revision().publish()
    ArticlePageFactory(parent=music, title="Can the Northern Lights tour be saved?")
    ArticlePageFactory(
        parent=celebrity,
        title="Who was behind the Palladium gala invitations?",
        first_published_at=timezone.now(),
    )
    return {"celebrity": celebrity, "article": article}


def test_reader_goes_from_home_to_a_section_to_an_article(
    live_server, page: Page, newsroom, artifacts_dir
):
    page.goto(live_server.url)
    expect(page.locator(".home-lead")).to_contain_text(
        "Who was behind the Palladium gala invitations?"
    )

    page.get_by_role("navigation", name="Sections").get_by_role("link", name="Celebrity").click()
    expect(page).to_have_url(f"{live_server.url}/celebrity/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Celebrity")

    page.get_by_role("link", name="Is Lena Marsh quitting the stage for good?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Is Lena Marsh quitting the stage for good?"
    )
    expect(page.locator(".article__hero figcaption")).to_contain_text(
        "Pic credit: Northlight Agency / Mara Quell"
    )
    expect(page.locator(".byline")).to_have_text("By Ada Quill")
    hero = page.locator(".article__hero img")
    expect(hero).to_have_attribute("fetchpriority", "high")
    # The hero loads (its rendition is made on first request, slowly on a loaded machine).
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=hero.element_handle(), timeout=15_000
    )

    page.screenshot(path=artifacts_dir / "article-page.png", full_page=True)

    page.get_by_role("link", name="Lena Marsh").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lena Marsh")


def test_reader_searches_for_a_story(wagtail_indexes, live_server, page: Page, newsroom):
    page.goto(live_server.url)

    page.get_by_role("searchbox", name="Search the site").fill("Northern Lights")
    page.get_by_role("search").get_by_role("button", name="Search").click()

    expect(page).to_have_url(f"{live_server.url}/search/?q=Northern+Lights")
    results = page.locator(".teaser__headline")
    expect(results).to_have_count(1)
    expect(results).to_have_text(["Can the Northern Lights tour be saved?"])


@pytest.mark.parametrize(
    "path", ["/", "/celebrity/", "/celebrity/{slug}/"], ids=["home", "section", "article"]
)
def test_pages_have_no_accessibility_violations(live_server, page: Page, newsroom, axe, path):
    page.goto(live_server.url + path.format(slug=newsroom["article"].slug))

    assert_accessible(axe, page)
