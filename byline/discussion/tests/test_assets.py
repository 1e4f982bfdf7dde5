"""The discussion's script stays within its weight budget."""

from __future__ import annotations

import gzip
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "static" / "discussion" / "discussion.js"
BUDGET = 15 * 1024


def test_the_discussion_script_is_under_15_kb_gzipped():
    assert len(gzip.compress(SCRIPT.read_bytes(), compresslevel=9)) < BUDGET
