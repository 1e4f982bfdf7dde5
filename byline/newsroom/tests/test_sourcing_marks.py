"""Source marks: stored as a span, kept by the editor's converter, rebuilt safely for readers."""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

from byline.newsroom.blocks import PARAGRAPH_FEATURES
from byline.newsroom.demo.sourcing import SOURCE_MARKS, mark_sources, wrap_phrase
from byline.newsroom.sourcing.kinds import SOURCE_KINDS
from byline.newsroom.sourcing.marks import find_marks, render_source_marks

HOSTILE_NAME = '"><script>alert(1)</script><img src=x onerror=alert(2)> Page Six'


def converter() -> ContentstateConverter:
    return ContentstateConverter(features=PARAGRAPH_FEATURES)


def round_trip(html: str) -> str:
    """The HTML as it comes back after a trip through the editor (without the block keys that
    Wagtail adds to paragraphs)."""
    conv = converter()
    return without_block_keys(conv.to_database_format(conv.from_database_format(html)))


def without_block_keys(html: str) -> str:
    return re.sub(r' data-block-key="[^"]*"', "", html)


def test_the_body_s_paragraphs_offer_the_source_feature():
    assert "source" in PARAGRAPH_FEATURES


@pytest.mark.parametrize("kind", [kind.value for kind in SOURCE_KINDS])
def test_a_mark_of_every_kind_survives_the_editor(kind):
    html = (
        f'<p>Fans noticed. <span data-source-kind="{kind}" data-source-name="Page Six">A source'
        " told <i>Page Six</i> they split</span>, and more.</p>"
    )
    assert round_trip(html) == html


def test_a_mark_without_a_name_survives_the_editor_without_one():
    html = '<p><span data-source-kind="anonymous">They split.</span></p>'
    assert round_trip(html) == html


def test_the_editor_reads_a_mark_as_a_source_entity():
    state = json.loads(
        converter().from_database_format(
            '<p>So <span data-source-kind="outlet" data-source-name="Popwire">it is</span>.</p>'
        )
    )
    [entity] = state["entityMap"].values()
    assert entity["type"] == "SOURCE"
    assert entity["data"] == {"kind": "outlet", "name": "Popwire"}
    [block] = state["blocks"]
    assert block["entityRanges"] == [{"offset": 3, "length": 5, "key": 0}]


def test_the_editor_drops_an_unknown_kind_and_keeps_the_words():
    html = '<p><span data-source-kind="gossip" data-source-name="X">They split.</span></p>'
    assert round_trip(html) == "<p>They split.</p>"


def test_the_editor_keeps_no_hostile_attribute_and_escapes_the_name():
    html = (
        '<p><span data-source-kind="anonymous" onmouseover="alert(1)" style="x"'
        f' data-source-name="{HOSTILE_NAME.replace(chr(34), "&quot;")}">They split.</span></p>'
    )
    stored = round_trip(html)
    span = BeautifulSoup(stored, "html.parser").span
    assert set(span.attrs) == {"data-source-kind", "data-source-name"}
    assert span["data-source-name"] == HOSTILE_NAME
    assert "<script" not in stored and "<img" not in stored


def test_a_mark_from_the_editor_with_an_unknown_kind_is_stored_as_plain_words():
    state = {
        "blocks": [
            {"key": "a", "text": "They split.", "type": "unstyled", "depth": 0,
             "inlineStyleRanges": [], "entityRanges": [{"offset": 0, "length": 4, "key": 0}]}
        ],
        "entityMap": {"0": {"type": "SOURCE", "mutability": "MUTABLE",
                            "data": {"kind": "<script>", "name": "x"}}},
    }  # fmt: skip
    stored = converter().to_database_format(json.dumps(state))
    assert without_block_keys(stored) == "<p>They split.</p>"


def test_readers_get_marks_rebuilt_from_kind_and_escaped_name():
    stored = (
        '<p><span onclick="alert(1)" data-source-kind="outlet" data-source-name=\'a "b" >'
        '&lt;script&gt;\'>Claim</span> and <span data-source-kind="rumour" onclick="x">'
        'more</span> and <span class="other">other</span>.</p>'
    )
    soup = BeautifulSoup(render_source_marks(stored), "html.parser")
    first, second, third = soup.find_all("span")
    assert first.attrs == {
        "class": ["source-mark"],
        "data-source-kind": "outlet",
        "data-source-name": 'a "b" ><script>',
    }
    assert second.attrs == {} and second.text == "more"
    assert third.attrs == {"class": ["other"]}
    assert "<script>" not in render_source_marks(stored)


@given(
    kind=st.one_of(st.sampled_from([k.value for k in SOURCE_KINDS]), st.text(max_size=20)),
    name=st.text(max_size=60),
)
def test_any_stored_mark_renders_without_markup_from_its_attributes(kind, name):
    def attr(value: str) -> str:
        return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")

    stored = (
        f'<p><span data-source-kind="{attr(kind)}" data-source-name="{attr(name)}">x</span></p>'
    )
    soup = BeautifulSoup(render_source_marks(stored), "html.parser")
    assert len(soup.find_all(True)) == 2  # the paragraph and the span, nothing injected
    span = soup.span
    if kind in {k.value for k in SOURCE_KINDS}:
        assert span["data-source-kind"] == kind
        assert span.get("data-source-name", "") == " ".join(name.split())[:200]
    else:
        assert span.attrs == {}


def test_find_marks_gives_the_text_and_the_marked_ranges():
    found = find_marks(
        '<p>One. <span data-source-kind="social">Two <b>bold</b></span>.</p><p>Three</p>'
    )
    assert found.text == "One. Two bold.\n\nThree\n"
    [mark] = found.marks
    assert found.text[mark.start : mark.end] == "Two bold"
    assert (mark.kind, mark.name) == ("social", "")


def test_the_demo_wraps_a_phrase_with_titles_in_a_mark():
    html = "<p>A friend told <i>Marquee Weekly</i> it was “overblown”.</p>"
    marked = wrap_phrase(
        html, "told *Marquee Weekly* it was “overblown”", kind="outlet", name="Marquee Weekly"
    )
    assert marked == (
        '<p>A friend <span data-source-kind="outlet" data-source-name="Marquee Weekly">told'
        " <i>Marquee Weekly</i> it was “overblown”</span>.</p>"
    )
    assert wrap_phrase(html, "not there", kind="outlet") is None
    with pytest.raises(ValueError, match="Unknown kind"):
        wrap_phrase(html, "told", kind="gossip")


def test_every_demo_mark_is_found_in_its_article():
    """Each phrase of the demo's marks is in its article's text, as seeded."""
    from byline.newsroom.demo import content
    from byline.newsroom.demo.seeding import _block_value

    specs = {spec.slug: spec for spec in content.ARTICLES}
    for slug, marks in SOURCE_MARKS.items():
        blocks = [
            {"type": block.kind, "value": _block_value(block, "id", library=None), "id": "id"}
            for block in specs[slug].body
            if block.kind in {"paragraph", "inline_prompt"}
        ]
        marked = mark_sources(slug, blocks)
        found = [m for block in marked for m in find_marks(_html(block)).marks]
        assert len(found) == len(marks), slug


def _html(block: dict) -> str:
    return block["value"] if block["type"] == "paragraph" else block["value"]["text"]
