"""robots.txt lets crawlers in, keeps them out of the admin and search, and names the sitemaps."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def rules(response) -> list[tuple[str, str]]:
    lines = response.content.decode().splitlines()
    return [tuple(part.strip() for part in line.split(":", 1)) for line in lines if line.strip()]


def test_robots_txt_allows_the_site_and_disallows_admin_and_search(client):
    """Everyone may crawl, except the two admins, search results, sign-in and comment forms."""
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    found = rules(response)
    assert found[:2] == [("User-agent", "*"), ("Allow", "/")]
    assert [value for field, value in found if field == "Disallow"] == [
        "/admin/",
        "/django-admin/",
        "/search/",
        "/accounts/",
        "/comments/",
        "/notify/",
    ]


def test_robots_txt_lists_the_sitemaps_with_absolute_urls_for_the_requested_host(client):
    """Sitemap lines are absolute, on the scheme and host the crawler used."""
    response = client.get("/robots.txt", HTTP_HOST="news.example.com", secure=True)

    sitemaps = [value for field, value in rules(response) if field == "Sitemap"]
    assert sitemaps == [
        "https://news.example.com/sitemap.xml",
        "https://news.example.com/sitemap-news.xml",
    ]
    for sitemap in sitemaps:
        assert client.get(sitemap.removeprefix("https://news.example.com")).status_code == 200


def test_robots_txt_answers_head_requests(client):
    """Crawlers that check with HEAD first get a 200, not a 405."""
    assert client.head("/robots.txt").status_code == 200
