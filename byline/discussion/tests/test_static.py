"""The discussion's script stays small: the page-weight budget of DESIGN.md."""

from __future__ import annotations

import gzip
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parents[1] / "static" / "discussion"
BUDGET_BYTES = 15 * 1024


def test_the_discussion_scripts_stay_under_15_kb_gzipped():
    scripts = sorted(SCRIPTS.glob("*.js"))
    total = sum(len(gzip.compress(path.read_bytes(), compresslevel=9)) for path in scripts)

    assert scripts, "the discussion ships its enhancing script"
    assert total < BUDGET_BYTES, f"{total} bytes gzipped for {[p.name for p in scripts]}"
