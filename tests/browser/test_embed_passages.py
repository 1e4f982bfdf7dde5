"""Inline feedback on a page Byline does not serve: on a static page served by nginx on another
origin, a reader selects a sentence of the page's marked prose, comments on it through the
embed, and sees it highlighted; the site edits its page, the worker reads it again, and the
highlight follows the sentence.

nginx serves the page (tests/browser/embed_demo/passages.html) as embed-client's journey serves
its demo, with the same configuration. Set BYLINE_EMBED_PASSAGES_PORTS="8260,8261" to choose
the ports.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from byline.discussion.models import Anchor
from byline.discussion.tests.factories import post
from byline.embedding.models import AllowedOrigin, ExternalPage
from byline.embedding.prose import block_texts
from byline.embedding.tasks import refresh_page_text
from byline.pagecache import nginx
from tests.browser.other_site import chosen_ports, nginx_serving
from tests.browser.test_embed import SERVERS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        nginx.nginx_binary() is None,
        reason="needs nginx to serve the page from another origin (apt-get install nginx)",
    ),
]
PAGE = Path(__file__).resolve().parent / "embed_demo" / "passages.html"
ODD = PAGE.with_name("passages-hostile.html")
SENTENCE = "The heron waits at the weir until the light goes."
HIGHLIGHTED = """() => [...(CSS.highlights.get("byline-passage") || [])].map((range) => [
    range.toString(), range.startContainer.parentElement.closest("p").textContent.trim().slice(0, 11),
])"""


@pytest.fixture
def site(tmp_path, live_server):
    """The page on an allowed origin, and a way for its site to change it."""
    allowed, spare = chosen_ports("BYLINE_EMBED_PASSAGES_PORTS")
    root = tmp_path / "site"
    root.mkdir()
    for source in (PAGE, ODD):
        (root / source.name).write_text(
            source.read_text().replace("BYLINE_ORIGIN", live_server.url)
        )
    with nginx_serving(tmp_path, SERVERS % (allowed, spare), (allowed,)):
        origin = f"http://localhost:{allowed}"
        AllowedOrigin.objects.create(origin=origin)

        def edit(old: str, new: str) -> None:
            page = root / "passages.html"
            page.write_text(page.read_text().replace(old, new))

        yield f"{origin}/passages.html", edit


def select(page: Page, text: str) -> None:
    """Drag the mouse across ``text`` in the page, as a reader selects words."""
    box = _box(page, text)
    page.mouse.move(box[0], box[1])
    page.mouse.down()
    page.mouse.move(box[2], box[3], steps=5)
    page.mouse.up()


def _box(page: Page, text: str) -> list[float]:
    """The middle left of ``text``'s first character and the middle right of its last."""
    box = page.evaluate(
        """(text) => {
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const at = node.data.indexOf(text);
                if (at === -1) continue;
                const range = new Range();
                range.setStart(node, at);
                range.setEnd(node, at + 1);
                const first = range.getBoundingClientRect();
                range.setStart(node, at + text.length - 1);
                range.setEnd(node, at + text.length);
                const last = range.getBoundingClientRect();
                return [first.left + 1, first.top + first.height / 2, last.right - 1, last.top + last.height / 2];
            }
        }""",
        text,
    )
    assert box, f"{text!r} is not on the page"
    return box


def test_a_reader_comments_on_a_sentence_of_another_site_and_the_highlight_follows_edits(
    live_server, site, page: Page, artifacts_dir
):
    url, edit = site
    page.goto(url)
    widget = page.locator("div[data-byline-thread]")
    expect(widget.get_by_role("heading", name="0 comments")).to_be_visible()
    # The worker read the page when its thread was first asked for (at once, in the tests).
    external = ExternalPage.objects.get()
    assert SENTENCE in external.passage_texts()["b2"]

    select(page, SENTENCE)
    page.get_by_role("button", name="Comment on this").click()
    expect(widget.locator("form.post blockquote")).to_contain_text("The heron waits")
    widget.get_by_label("Your comment").fill("Every evening, without fail.")
    widget.get_by_label("Your name").first.fill("Nadia")
    widget.get_by_label("Your e-mail (never shown)").first.fill("nadia@example.org")
    widget.get_by_role("button", name="Post comment").click()

    mine = widget.get_by_role("article", name="Comment by Nadia")
    expect(mine).to_contain_text("Every evening")
    expect(mine.locator("blockquote")).to_have_text(SENTENCE)  # quoted, as on Byline's articles
    count = widget.get_by_role("button", name=f"1 on “{SENTENCE}”")
    expect(count).to_be_visible()
    assert page.evaluate(HIGHLIGHTED) == [[SENTENCE, "Herons keep"]]
    anchor = Anchor.objects.get()
    assert (anchor.block_id, anchor.exact) == ("b2", SENTENCE)
    # Nothing of the page's own was changed to draw it.
    assert page.locator("article[data-byline-passages] mark").count() == 0
    page.screenshot(path=artifacts_dir / "embed-passages.png", full_page=True)

    edit("<p>Herons keep", "<p>A paragraph the editors added.</p>\n<p>Grey herons keep")
    refresh_page_text.enqueue(external.pk)  # the worker's next reading (at once, in the tests)
    anchor.refresh_from_db()
    assert (anchor.block_id, anchor.exact, anchor.state) == ("b3", SENTENCE, "moved")

    post(external, "A comment on the whole page.", token="guest-key-of-a-second-reader-xxxxxxxxxxx")
    page.reload()
    expect(widget.get_by_role("heading", name="2 comments")).to_be_visible()
    expect(count).to_be_visible()
    assert page.evaluate(HIGHLIGHTED) == [[SENTENCE, "Grey herons"]]

    # Its count opens the thread filtered to it, and the filter comes off again.
    count.click()
    expect(widget.get_by_text("Showing the comments on")).to_be_visible()
    expect(count).to_have_attribute("aria-pressed", "true")
    expect(widget.locator("ol.comments > li")).to_have_count(1)
    widget.get_by_role("button", name="Show all comments").click()
    expect(count).to_have_attribute("aria-pressed", "false")
    expect(widget.locator("ol.comments > li")).to_have_count(2)

    # From the keyboard: a whole block of the page, chosen in the embed's form.
    picker = widget.get_by_label("On a part of the page")
    picker.focus()
    picker.select_option(label="Patience is a heron's whole trade.")
    expect(widget.locator("form.post blockquote")).to_contain_text("Patience is")
    widget.get_by_label("Your comment").fill("A whole trade indeed.")
    widget.get_by_role("button", name="Post comment").click()
    expect(
        widget.get_by_role("button", name="1 on “Patience is a heron's whole trade.”")
    ).to_be_visible()
    assert Anchor.objects.get(comment__body="A whole trade indeed.").block_id == "b4"
    expect(picker).to_have_value("")


@pytest.mark.parametrize(
    ("first", "last", "words"),
    [
        ("para", "graph here", "paragraph here"),  # across a comment and a script
        ("duplicate id", "duplicate id", "duplicate id"),
        ("twice over", "twice over", "twice over"),  # a paragraph in a quotation
        ("with emphasis", "with emphasis", "with emphasis"),
        ("Plain item", "Plain item", "Plain item"),
        ("Deep heading", "Deep heading", "Deep heading"),
        ("new lines", "\xa0here.", "new lines here."),  # a no-break space between
    ],
)
def test_the_browser_names_and_counts_a_passage_as_the_server_reads_the_page(
    live_server, site, page: Page, first, last, words
):
    """Odd markup (comments and scripts inside words, duplicate ids, nested blocks, collapsed
    spaces): the passage the script sends is the one the server's reading of the page holds."""
    url, _ = site
    page.goto(url.replace("passages.html", "passages-hostile.html"))
    widget = page.locator("div[data-byline-thread]")
    expect(widget.get_by_role("heading", name="0 comments")).to_be_visible()
    texts = block_texts(ODD.read_text())
    assert "b2" in texts and "item" in texts and "Not a block" not in " ".join(texts.values())

    select_across(page, first, last)
    page.get_by_role("button", name="Comment on this").click()
    passage = page.evaluate(
        """() => document.querySelector("div[data-byline-thread]").shadowRoot
            .querySelector(".byline > form.post").passage"""
    )

    assert passage["quote"] == words
    assert texts[passage["block"]][passage["start"] : passage["end"]] == words


def select_across(page: Page, first: str, last: str) -> None:
    """Drag from the start of ``first`` to the end of ``last`` (two text nodes)."""
    start = _box(page, first)
    end = _box(page, last)
    page.mouse.move(start[0], start[1])
    page.mouse.down()
    page.mouse.move(end[2], end[3], steps=5)
    page.mouse.up()
