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
