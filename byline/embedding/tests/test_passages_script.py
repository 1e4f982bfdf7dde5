"""The passages script is one of the embed's assets, loaded only where a page marks its prose
(the embed's budget, with it, is checked beside the site's own in discussion/tests/test_assets.py)."""

from __future__ import annotations

from pathlib import Path

EMBED = Path(__file__).resolve().parent.parent / "static" / "embedding"


def test_the_embed_loads_the_passages_script_only_for_a_marked_page():
    embed = (EMBED / "embed.js").read_text()

    loader = next(
        line for line in embed.splitlines() if "embed-passages.js" in line and "src" in line
    )
    assert loader.strip().startswith('if (document.querySelector("[data-byline-passages]"))')
