"""Headless Chromium for end-to-end journeys, driven by Playwright against the live server."""

from __future__ import annotations

import os
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.core import mail
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import connections
from django.test.testcases import LiveServerThread
from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    """Debian's Chromium (or BYLINE_CHROMIUM); without it the journeys skip, naming the command
    that installs it (bin/test runs it by itself as root)."""
    path = os.environ.get("BYLINE_CHROMIUM", "/usr/bin/chromium")
    if not Path(path).exists() and not shutil.which(path):
        pytest.skip(
            f"Chromium not found at {path}: run `sudo apt-get install -y chromium fonts-liberation`"
        )
    return path


class OneRequestAtATimeOnSharedConnections(ThreadedWSGIServer):
    """Django's live server, answering one request at a time when its threads share the test's
    database connection (in-memory SQLite): a page's parallel requests used that one connection
    at once, which SQLite answers with "bad parameter or other API misuse" and, once, a lost
    session. Each thread still keeps its own connection to the browser."""

    def set_app(self, application):
        if not self.connections_override:
            return super().set_app(application)
        lock = threading.Lock()

        def one_at_a_time(environ, start_response):
            with lock:
                result = application(environ, start_response)
                try:
                    return [b"".join(result)]
                finally:
                    getattr(result, "close", lambda: None)()

        return super().set_app(one_at_a_time)


LiveServerThread.server_class = OneRequestAtATimeOnSharedConnections


@pytest.fixture(autouse=True)
def no_live_server_unless_started(settings) -> None:
    """Django's live server has no live event server beside it: pages that named one (``/live``
    by default) would have the browser ask Django for streams it 404s, and keep asking while the
    next test empties the database. The live journeys start one and name it themselves."""
    settings.LIVE_EVENTS_URL = ""


@pytest.fixture(scope="session")
def browser(django_db_setup) -> Iterator[Browser]:
    serialized = {
        alias: getattr(connections[alias], "_test_serialized_contents", None)
        for alias in connections
    }
    with sync_playwright() as playwright:
        # Playwright runs an event loop in this thread, and from then on Django keeps database
        # connections per async context: new objects, without the snapshot the test database
        # setup stored for serialized rollback. Hand the snapshot over.
        for alias, contents in serialized.items():
            if contents is not None:
                connections[alias]._test_serialized_contents = contents
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


@pytest.fixture(scope="session")
def axe() -> Axe:
    return Axe()


def assert_accessible(axe: Axe, page: Page) -> None:
    """Fail with axe-core's own report when it finds any WCAG 2.2 A/AA violation."""
    results = axe.run(
        page,
        options={
            "runOnly": {
                "type": "tag",
                "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
            }
        },
    )
    assert results.violations_count == 0, results.generate_report()


@pytest.fixture
def artifacts_dir() -> Path:
    directory = Path(settings.TEST_ARTIFACTS_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def open_notify_of(page: Page) -> None:
    """Open the thread's "Notify of" disclosure (a <details> in the bar), unless it is open."""
    control = page.locator("[data-notify-control]")
    if control.get_attribute("open") is None:
        control.locator("summary").click()


def emails_to(address: str):
    """The e-mails the test's outbox holds for one address."""
    return [message for message in mail.outbox if message.to == [address]]


def link(message, path: str) -> str:
    """The first address in an e-mail's text whose path contains ``path``."""
    return re.search(rf"(http://\S+{path}\S+/)", message.body).group(1)


def sign_in(page: Page, live_server, user) -> None:
    """Sign a reader made by ``UserFactory`` in through the site's own form."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Sign in").click()
