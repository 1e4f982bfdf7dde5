"""A Content Security Policy on every response, without inline script outside the admin."""

from __future__ import annotations

import pytest
from django.test import Client

from byline.accounts.tests.factories import UserFactory
from byline.csp import uses_admin_policy
from byline.discussion.tests.factories import post
from byline.newsroom.tests.factories import ArticlePageFactory, SectionPageFactory

pytestmark = pytest.mark.django_db


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    parsed = {}
    for part in policy.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


@pytest.fixture
def site():
    section = SectionPageFactory(title="Celebrity", slug="celebrity")
    article = ArticlePageFactory(parent=section, title="A story")
    comment = post(article, "A comment")
    return {"section": section, "article": article, "comment": comment}


def public_paths(site) -> list[str]:
    return [
        "/", site["section"].url, site["article"].url, "/search/?q=story", "/accounts/login/",
        "/accounts/signup/", f"/comments/{site['comment'].pk}/report/", "/no-such-page/",
        "/admin/login/",
    ]  # fmt: skip


def test_every_public_page_forbids_inline_script(site):
    client = Client()
    for path in public_paths(site):
        response = client.get(path, follow=True)
        policy = directives(response)
        assert policy["script-src"] == ["'self'"], path
        assert policy["style-src"] == ["'self'"], path
        assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'self'"], path


def test_the_admin_allows_inline_script_only_where_wagtail_needs_it(site):
    client = Client()
    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    editor = directives(client.get("/admin/pages/"))
    queue = directives(client.get("/admin/moderation/pending/"))
    bans = directives(client.get("/admin/moderation/bans/"))

    assert "'unsafe-inline'" in editor["script-src"]
    assert queue["script-src"] == ["'self'"] and bans["script-src"] == ["'self'"]


@pytest.mark.parametrize(
    ("path", "relaxed"),
    [
        ("/admin/", True),
        ("/admin/pages/3/edit/", True),
        ("/admin/moderation/pending/", False),
        ("/admin/moderation/bans/new/", False),
        ("/admin/inline-feedback/", False),
        ("/admin/undelivered/", False),
        ("/administrators/", False),
        ("/", False),
    ],
)
def test_only_admin_paths_outside_moderation_are_relaxed(path, relaxed):
    assert uses_admin_policy(path) is relaxed
