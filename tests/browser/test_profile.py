"""A reader uploads a picture on their profile page without any script, sees it beside their
comment in the thread, follows their name to their public page; a file that is not a picture
is refused with a reason; axe-core finds nothing on the profile and public pages."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from PIL import Image
from playwright.sync_api import Browser, Page, Route, expect

from byline.accounts.tests.factories import UserFactory
from byline.discussion.tests.factories import post
from tests.browser.conftest import assert_accessible

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.article(title="Did the band really split?"),
]
PASSWORD = "correct horse battery staple"


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def serve_media(route: Route) -> None:
    """The reverse proxy's job in production (the test server does not serve /media/)."""
    name = route.request.url.split("/media/", 1)[1]
    path = Path(django_settings.MEDIA_ROOT) / name
    if path.is_file() and ".." not in name:
        route.fulfill(body=path.read_bytes(), content_type="image/webp")
    else:
        route.fulfill(status=404)


@pytest.fixture
def reader(article):
    user = UserFactory(username="maya", display_name="Maya")
    post(article, "I heard it from a roadie.", as_user=user)
    return user


@pytest.fixture
def page_without_script(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    context.route("**/media/**", serve_media)
    yield context.new_page()
    context.close()


def sign_in(page: Page, base: str) -> None:
    page.goto(f"{base}/accounts/login/?next=/accounts/profile/")
    page.get_by_label("Username").fill("maya")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Your profile")).to_be_visible()


def picture_file(directory: Path) -> Path:
    path = directory / "holiday.jpg"
    image = Image.new("RGB", (800, 500), "darkorange")
    image.paste((20, 40, 120), (300, 0, 500, 500))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG")
    path.write_bytes(buffer.getvalue())
    return path


def natural_width(locator) -> int:
    return locator.evaluate("img => img.naturalWidth")


def test_a_reader_uploads_a_picture_and_is_seen_with_it(
    live_server,
    page_without_script: Page,
    page: Page,
    article,
    reader,
    media,
    axe,
    artifacts_dir,
    tmp_path,
):
    browser_page = page_without_script
    sign_in(browser_page, live_server.url)

    # Not a picture: refused, with the reason beside the field, nothing saved.
    fake = tmp_path / "script.svg"
    fake.write_text("<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>")
    browser_page.get_by_label("New picture").set_input_files(fake)
    browser_page.get_by_role("button", name="Save my profile").click()
    expect(browser_page.get_by_role("alert")).to_contain_text("nothing was saved")
    expect(browser_page.locator(".field--error")).to_contain_text("not a picture we can use")

    browser_page.get_by_label("Display name").fill("Maya Rivers")
    browser_page.get_by_label("About you").fill("Films, mostly.\nAnd <3 for live music.")
    browser_page.get_by_label("New picture").set_input_files(picture_file(tmp_path))
    browser_page.get_by_role("button", name="Save my profile").click()
    expect(browser_page.get_by_role("status")).to_contain_text("Your profile is saved.")
    preview = browser_page.locator(".profile-preview img.avatar")
    expect(preview).to_be_visible()
    assert natural_width(preview) == 256
    browser_page.screenshot(path=artifacts_dir / "profile-phone.png", full_page=True)

    browser_page.goto(live_server.url + article.url)
    comment = browser_page.locator(".comment", has_text="I heard it from a roadie.")
    face = comment.locator("img.avatar")
    expect(face).to_have_attribute("alt", "")
    assert "-96.webp" in face.get_attribute("src")
    face.scroll_into_view_if_needed()
    assert natural_width(face) == 96
    comment.screenshot(path=artifacts_dir / "comment-with-avatar.png")

    comment.get_by_role("link", name="Maya Rivers", exact=True).click()
    expect(browser_page.get_by_role("heading", level=1)).to_have_text("Maya Rivers")
    assert browser_page.url.endswith(f"/people/{reader.pk}/")
    expect(browser_page.locator(".person__bio")).to_have_text(
        "Films, mostly. And <3 for live music."
    )
    expect(browser_page.locator(".person__comment")).to_contain_text("I heard it from a roadie.")
    browser_page.screenshot(path=artifacts_dir / "person-phone.png", full_page=True)

    # The same pages, with script, for axe-core.
    page.context.route("**/media/**", serve_media)
    sign_in(page, live_server.url)
    assert_accessible(axe, page)
    page.screenshot(path=artifacts_dir / "profile-desktop.png", full_page=True)
    page.goto(f"{live_server.url}/people/{reader.pk}/")
    expect(page.get_by_role("heading", name="Maya Rivers")).to_be_visible()
    assert_accessible(axe, page)
    page.screenshot(path=artifacts_dir / "person-desktop.png", full_page=True)
    page.goto(live_server.url + article.url)
    expect(page.locator(".comment img.avatar")).to_be_visible()
    assert_accessible(axe, page)
