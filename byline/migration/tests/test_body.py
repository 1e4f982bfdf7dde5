"""Post content (block editor or classic) as article body blocks."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from byline.migration.wordpress.body import convert, rich_text, split_credit


def blocks(content: str, images: dict[str, int] | None = None):
    images = images or {"7": 70}

    def resolve(attachment_id, url):
        return images.get(attachment_id or "") or (70 if "known.jpg" in url else None)

    return convert(content, post_id="1", resolve_image=resolve)


@pytest.mark.parametrize(
    ("caption", "expected"),
    [
        ("The couple arrive. Pic credit: Northlight Agency/Mara Quell", ("The couple arrive", "Northlight Agency / Mara Quell")),
        ("On set — Photo credit: Studio Handout.", ("On set", "Studio Handout")),
        ("picture credit:   AP", ("", "AP")),
        ("No credit here", ("No credit here", "")),
    ],
)  # fmt: skip
def test_credits_at_the_end_of_a_caption_become_the_credit(caption, expected):
    assert split_credit(caption) == expected


def test_block_editor_markup_maps_onto_byline_blocks():
    body = blocks(
        "<!-- wp:paragraph --><p>Hello <strong>there</strong>.</p><!-- /wp:paragraph -->"
        '<!-- wp:heading --><h2 class="wp-block-heading">What we know</h2><!-- /wp:heading -->'
        '<!-- wp:image {"id":7} --><figure class="wp-block-image"><img src="https://o/x.jpg" class="wp-image-7"/>'
        "<figcaption>Arriving. Pic credit: A/B</figcaption></figure><!-- /wp:image -->"
        '<!-- wp:quote --><blockquote class="wp-block-quote"><p>Nothing.</p><cite>A friend</cite></blockquote><!-- /wp:quote -->'
        '<!-- wp:embed {"url":"https://youtu.be/x"} --><figure class="wp-block-embed"><div class="wp-block-embed__wrapper">'
        "https://youtu.be/x</div></figure><!-- /wp:embed -->"
    )  # fmt: skip
    assert [(b["type"], b["value"]) for b in body.blocks] == [
        ("paragraph", "<p>Hello <b>there</b>.</p>"),
        ("subheading", "What we know"),
        ("image", {"image": 70, "caption": "Arriving", "credit": "A / B"}),
        ("pull_quote", {"quote": "Nothing.", "attribution": "A friend"}),
        ("embed", {"url": "https://youtu.be/x", "caption": ""}),
    ]


def test_classic_content_paragraphs_captions_embeds_and_scripts():
    body = blocks(
        "First line\nsecond line\n\n"
        '[caption id="attachment_7"]<img class="wp-image-7" src="https://o/x.jpg" /> Cast. Pic credit: Studio[/caption]\n\n'
        "https://vimeo.com/1\n\n<script>alert(1)</script>\n\n<p onclick=\"x()\">Safe <a href=\"javascript:y\">link</a></p>"
    )  # fmt: skip
    assert [(b["type"], b["value"]) for b in body.blocks] == [
        ("paragraph", "<p>First line<br>\nsecond line</p>"),
        ("image", {"image": 70, "caption": "Cast", "credit": "Studio"}),
        ("embed", {"url": "https://vimeo.com/1", "caption": ""}),
        ("paragraph", "<p>Safe <a>link</a></p>"),
    ]


def test_wpdiscuz_feedback_becomes_an_editor_prompt_on_its_passage():
    body = blocks(
        '<p>[wpdiscuz-feedback id="k3" question="Do you believe it?" opened="0"]They split[/wpdiscuz-feedback], says a source.</p>'
    )
    (block,) = body.blocks
    assert block["type"] == "inline_prompt"
    assert block["value"] == {
        "text": "<p>They split, says a source.</p>",
        "passage": "They split",
        "question": "Do you believe it?",
    }
    assert [(p.feedback_id, p.block_id) for p in body.prompts] == [("k3", block["id"])]


def test_a_missing_picture_is_reported_not_fatal():
    body = blocks('<p>Look: <img src="https://o/wp-content/uploads/gone.jpg"></p><p>After.</p>')
    assert [b["type"] for b in body.blocks] == ["paragraph", "paragraph"]
    assert any("gone.jpg" in note for note in body.notes)


def test_block_ids_are_stable_between_runs():
    content = "<p>One.</p><p>Two.</p>"
    assert [b["id"] for b in blocks(content).blocks] == [b["id"] for b in blocks(content).blocks]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_any_content_converts_to_known_blocks_with_safe_rich_text(content):
    for block in blocks(content).blocks:
        assert block["type"] in {
            "paragraph",
            "subheading",
            "image",
            "pull_quote",
            "embed",
            "inline_prompt",
        }
        if block["type"] == "paragraph":
            assert rich_text(block["value"]) == block["value"]
            assert "<script" not in block["value"].lower()
