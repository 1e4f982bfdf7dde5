from __future__ import annotations

import pytest

from byline.migration.tests.old_site import serve


@pytest.fixture
def old_site(tmp_path):
    """The old WordPress site, online at ``old_site.url`` and serving ``old_site.root``."""
    root = tmp_path / "old-site"
    root.mkdir()
    yield from serve(root)
