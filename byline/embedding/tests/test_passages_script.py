"""The passages script is one of the embed's assets, loaded only where a page marks its prose,
and the embed's budget (15 KB gzipped for all its scripts and styles) holds with it."""

from __future__ import annotations

import gzip
from pathlib import Path

EMBED = Path(__file__).resolve().parent.parent / "static" / "embedding"
BUDGET = 15 * 1024


def test_the_embed_with_its_passages_script_stays_under_15_kb_gzipped():
    assets = sorted([*EMBED.glob("*.js"), *EMBED.glob("*.css")])
    total = sum(len(gzip.compress(path.read_bytes(), compresslevel=9)) for path in assets)

    assert "embed-passages.js" in {path.name for path in assets}
    assert total < BUDGET, f"{total} bytes gzipped for {[path.name for path in assets]}"


def test_the_embed_loads_the_passages_script_only_for_a_marked_page():
    embed = (EMBED / "embed.js").read_text()

    loader = next(
        line for line in embed.splitlines() if "embed-passages.js" in line and "src" in line
    )
    assert loader.strip().startswith('if (document.querySelector("[data-byline-passages]"))')
