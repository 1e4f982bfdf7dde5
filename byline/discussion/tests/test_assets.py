"""The discussion's scripts stay within their weight budget (DESIGN.md: under 15 KB gzipped)."""

from __future__ import annotations

import gzip
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent.parent / "static" / "discussion"
BUDGET = 15 * 1024


def test_the_discussion_scripts_are_under_15_kb_gzipped_together():
    scripts = sorted(SCRIPTS.glob("*.js"))
    total = sum(len(gzip.compress(path.read_bytes(), compresslevel=9)) for path in scripts)

    # discussion.js carries the live updates too (an article stays within five requests).
    assert {"discussion.js", "inline.js"} <= {path.name for path in scripts}
    assert total < BUDGET, f"{total} bytes gzipped for {[path.name for path in scripts]}"


EMBED = SCRIPTS.parent.parent.parent / "embedding" / "static" / "embedding"


def test_the_embed_scripts_and_styles_are_under_15_kb_gzipped_together():
    """Another site loads all of these for the embed: the same budget holds for them together."""
    assets = sorted([*EMBED.glob("*.js"), *EMBED.glob("*.css")])
    total = sum(len(gzip.compress(path.read_bytes(), compresslevel=9)) for path in assets)

    assert {"embed.js", "embed-live.js", "embed-passages.js", "embed.css"} <= {
        path.name for path in assets
    }
    assert total < BUDGET, f"{total} bytes gzipped for {[path.name for path in assets]}"
