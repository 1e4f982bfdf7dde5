"""Without Chromium the journeys skip and name the command that installs it."""

from __future__ import annotations

import pytest

from tests.browser.conftest import chromium_path


def test_a_missing_chromium_skips_with_the_command_that_installs_it(monkeypatch, tmp_path):
    monkeypatch.setenv("BYLINE_CHROMIUM", str(tmp_path / "no-chromium-here"))

    with pytest.raises(pytest.skip.Exception) as skipped:
        chromium_path()

    assert "sudo apt-get install -y chromium fonts-liberation" in str(skipped.value)


def test_the_chromium_named_by_the_environment_is_used(monkeypatch, tmp_path):
    browser = tmp_path / "chromium"
    browser.write_text("")
    monkeypatch.setenv("BYLINE_CHROMIUM", str(browser))

    assert chromium_path() == str(browser)
