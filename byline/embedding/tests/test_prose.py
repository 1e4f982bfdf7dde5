"""The prose blocks of another site's page, read from hostile HTML as embed-passages.js reads
the same page in a browser."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from byline.discussion.tests.xss_payloads import XSS_PAYLOADS
from byline.embedding.prose import MAX_BLOCK_ID, MAX_BLOCKS, block_texts


def page(inside: str, before: str = "", after: str = "") -> str:
    return (
        f"<html><body>{before}<article data-byline-passages>{inside}</article>{after}</body></html>"
    )


def test_blocks_are_the_prose_elements_of_the_marked_container_only():
    html = page(
        "<h2>Heading</h2><p>First  <b>bold</b>\n words.</p><div><p>In a div.</p></div>"
        "<h1>Not a block</h1><h5>Nor this</h5><blockquote>Quoted</blockquote><ul><li>Item</li></ul>",
        before="<p>Site menu</p>",
        after="<footer><p>Footer</p></footer>",
    )

    assert block_texts(html) == {
        "b1": "Heading", "b2": "First bold words.", "b3": "In a div.", "b4": "Quoted", "b5": "Item",
    }  # fmt: skip


def test_a_page_without_a_marked_container_has_no_passages():
    assert block_texts("<main><p>Words nobody marked.</p></main>") == {}
    assert block_texts("") == {}


def test_only_the_first_marked_container_counts():
    html = page("<p>One</p>") + "<div data-byline-passages><p>Second container</p></div>"

    assert block_texts(html) == {"b1": "One"}


def test_a_block_inside_a_block_belongs_to_the_outer_one():
    html = page(
        "<blockquote><p>Said</p> <p>twice</p></blockquote><ul><li>a<ul><li>b</li></ul></li></ul>"
    )

    assert block_texts(html) == {"b1": "Said twice", "b2": "ab"}


def test_block_ids_come_from_data_byline_block_then_id_then_position():
    html = page(
        '<p data-byline-block="intro" id="ignored">One</p><p id="second">Two</p><p>Three</p>'
        f'<p id="{"x" * (MAX_BLOCK_ID + 1)}">Long id</p><p id="">Empty id</p><p id="second">Dup</p>'
    )

    assert list(block_texts(html)) == ["intro", "second", "b3", "b4", "b5", "b6"]


def test_a_block_whose_name_is_taken_either_way_is_left_out():
    html = page('<p id="b2">Claims b2</p><p id="b2">Also b2, and is the second</p><p>Three</p>')

    assert block_texts(html) == {"b2": "Claims b2", "b3": "Three"}


def test_scripts_styles_templates_noscript_and_comments_are_not_text():
    html = page(
        "<p>Keep<script>alert(1)</script><style>p{}</style><template>t</template>"
        "<noscript>n</noscript><!-- hidden --> this<![CDATA[cdata]]>.</p>"
    )

    assert block_texts(html) == {"b1": "Keep this."}


def test_entities_are_text_and_markup_in_text_stays_inert():
    html = page("<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#8220;quoted&#8221;</p>")

    assert block_texts(html) == {"b1": "<script>alert(1)</script> & “quoted”"}


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_hostile_markup_in_a_block_gives_text_or_nothing_never_an_error(payload):
    texts = block_texts(page(f"<p id='p'>{payload}</p><p id='after'>After</p>"))

    assert all(isinstance(text, str) for text in texts.values())
    assert "<script" not in texts.get("p", "").lower() or "&lt;" not in payload


def test_bytes_are_decoded_by_the_declared_charset_or_the_page_own():
    latin = page("<p>caf\xe9</p>").encode("latin-1")
    meta = b'<meta charset="windows-1252">' + page("<p>Q</p>").encode().replace(b"Q", b"\x93q\x94")

    assert block_texts(latin, encoding="latin-1") == {"b1": "café"}
    assert block_texts(meta) == {"b1": "“q”"}
    assert block_texts(page("<p>café</p>").encode(), encoding="no-such-charset") == {"b1": "café"}


def test_deep_nesting_and_many_blocks_are_bounded():
    deep = page("<div>" * 20_000 + "<p>Deep</p>" + "</div>" * 20_000)
    many = page("<p>x</p>" * (MAX_BLOCKS + 50))

    assert block_texts(deep) == {"b1": "Deep"}
    assert len(block_texts(many)) == MAX_BLOCKS


@given(
    st.text(alphabet=st.sampled_from(list("<>/=\"' &;!-pbliquoteh2[]CDATA\x00\n")), max_size=300)
)
def test_any_markup_parses_to_collapsed_texts(fragment):
    texts = block_texts(page(fragment))

    for name, text in texts.items():
        assert 0 < len(name) <= MAX_BLOCK_ID
        assert text == " ".join(text.split())
