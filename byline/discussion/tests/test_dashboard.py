"""What the conversation asks of staff in the Wagtail admin: the dashboard panel, the counts on
the Moderation menu, the menu entry of inline feedback to review, and the Discussions list."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.test import Client

from byline.accounts.tests.factories import UserFactory
from byline.discussion.identity import Reader
from byline.discussion.models import Anchor, Comment, Thread
from byline.discussion.moderation import actions
from byline.discussion.tests.factories import ARGUED, inline_article, post, post_on
from byline.newsroom.tests.factories import ArticlePageFactory, publish

pytestmark = pytest.mark.django_db

PENDING_QUEUE = "/admin/moderation/pending/"
REPORTED_QUEUE = "/admin/moderation/reported/"
ORPHANS = "/admin/inline-feedback/"


def staff(*groups: str) -> Client:
    user = UserFactory(is_staff=True)
    for name in groups:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(Permission.objects.get(codename="access_admin"))
        user.groups.add(group)
    client = Client()
    client.force_login(user)
    return client


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def unpack(packed, seen: dict | None = None):
    """Telepath's JSON as plain values: a repeated value is sent once (``_id``), then by
    reference (``_ref``); lists are ``_list``, dicts with reserved keys ``_dict``."""
    seen = {} if seen is None else seen
    if isinstance(packed, list):
        return [unpack(value, seen) for value in packed]
    if not isinstance(packed, dict):
        return packed
    if "_ref" in packed:
        return seen[packed["_ref"]]
    if "_val" in packed:
        value = packed["_val"]
    elif "_list" in packed:
        value = unpack(packed["_list"], seen)
    elif "_dict" in packed:
        value = {key: unpack(item, seen) for key, item in packed["_dict"].items()}
    elif "_type" in packed:
        value = {"_type": packed["_type"], "_args": unpack(packed["_args"], seen)}
    else:
        value = {key: unpack(item, seen) for key, item in packed.items()}
    if "_id" in packed:
        seen[packed["_id"]] = value
    return value


def menu(client: Client) -> dict[str, dict]:
    """The admin sidebar's menu items by name, submenus' items included, as its props say."""
    props = json.loads(soup(client.get("/admin/")).select_one("#wagtail-sidebar-props").string)
    found: dict[str, dict] = {}

    def walk(node) -> None:
        if isinstance(node, dict):
            if node.get("_type", "").endswith("MenuItem"):
                item, *rest = node["_args"]
                children = rest[0] if rest and isinstance(rest[0], list) else []
                found[item["name"]] = {
                    **item,
                    "children": [c["_args"][0]["name"] for c in children],
                }
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(unpack(props))
    return found


@pytest.fixture
def conversation(settings, django_capture_on_commit_callbacks):
    """Two held comments, one published comment with an open report, one orphaned passage."""
    article = inline_article()
    settings.DISCUSSION_PREMODERATE_ALL = True
    for n in range(2):
        post(article, f"Held comment {n}", token=f"held-{n}")
    settings.DISCUSSION_PREMODERATE_ALL = False
    reported = post(article, "The band should retire, honestly.", token="blunt")
    actions.report_comment(
        comment_id=reported.pk, reader=Reader(guest_token="r1"), reason="abuse", note="Rude"
    )
    orphan = post_on(article, token="orphan")
    raw = [dict(block) for block in article.body.raw_data]
    raw[0]["value"] = "<p>The couple left separately. Nobody would say why.</p>"
    article.body = json.dumps(raw)
    with django_capture_on_commit_callbacks(execute=True):
        publish(article)
    assert Comment.objects.filter(status=Comment.Status.PENDING).count() == 2
    assert Anchor.objects.awaiting_review().get().comment == orphan
    return article


class TestMenu:
    def test_inline_feedback_to_review_is_in_the_moderation_menu_for_reviewers(self):
        items = menu(staff("Editors"))
        assert items["inline-feedback-review"]["url"] == ORPHANS
        assert items["inline-feedback-review"]["label"] == "Inline feedback to review"
        assert "inline-feedback-review" in items["moderation"]["children"]
        # Editors review orphans but do not moderate comments.
        assert "moderation-queue" not in items

    def test_moderators_see_the_queue_and_the_review(self):
        items = menu(staff("Moderators"))
        assert {"moderation-queue", "inline-feedback-review", "bans"} <= set(
            items["moderation"]["children"]
        )

    def test_staff_who_may_do_neither_see_no_moderation_menu(self):
        items = menu(staff("Picture desk"))
        assert not {"moderation", "moderation-queue", "inline-feedback-review"} & set(items)

    def test_the_moderation_menu_counts_what_waits_like_wordpress(self, conversation):
        items = menu(staff("Moderators"))
        queue, review, group = (
            items["moderation-queue"], items["inline-feedback-review"], items["moderation"]
        )  # fmt: skip
        assert queue["attrs"]["data-waiting"] == "2"
        assert queue["attrs"]["aria-label"] == "Moderation queue (2 comments awaiting moderation)"
        assert review["attrs"]["data-waiting"] == "1"
        assert group["attrs"]["data-waiting"] == "3"
        assert "data-waiting" not in items["bans"]["attrs"]

    def test_counts_respect_permissions(self, conversation):
        items = menu(staff("Editors"))
        assert items["moderation"]["attrs"]["data-waiting"] == "1"

    def test_nothing_waiting_shows_no_badge(self):
        items = menu(staff("Moderators"))
        assert "data-waiting" not in items["moderation-queue"]["attrs"]
        assert "data-waiting" not in items["moderation"]["attrs"]

    def test_the_badges_have_their_stylesheet(self):
        page = soup(staff("Moderators").get("/admin/"))
        assert page.select_one("link[href$='discussion/moderation/waiting.css']") is not None


class TestDashboardPanel:
    def panel(self, client: Client):
        return soup(client.get("/admin/")).select_one("#conversation-section")

    def figures(self, client: Client) -> dict[str, str]:
        return {
            link["href"]: link.get_text(" ", strip=True)
            for link in self.panel(client).select(".conversation-figures a")
        }

    def test_moderators_see_every_figure_each_linking_to_its_screen(self, conversation):
        assert self.figures(staff("Moderators")) == {
            PENDING_QUEUE: "2 comments awaiting moderation",
            REPORTED_QUEUE: "1 comment with open reports",
            ORPHANS: "1 inline comment whose passage is gone",
        }

    def test_editors_see_only_the_inline_feedback_they_review(self, conversation):
        assert self.figures(staff("Editors")) == {ORPHANS: "1 inline comment whose passage is gone"}

    def test_staff_who_may_do_neither_get_no_panel(self, conversation):
        assert self.panel(staff("Picture desk")) is None

    def test_an_empty_conversation_says_so(self):
        assert self.figures(staff("Moderators")) == {
            PENDING_QUEUE: "0 comments awaiting moderation",
            REPORTED_QUEUE: "0 comments with open reports",
            ORPHANS: "0 inline comments whose passage is gone",
        }

    def test_the_figures_agree_with_the_screens_they_open(self, conversation):
        client = staff("Moderators")
        pending = soup(client.get(PENDING_QUEUE)).select("tr[data-comment-id]")
        reported = soup(client.get(REPORTED_QUEUE)).select("tr[data-comment-id]")
        orphans = soup(client.get(ORPHANS)).select("tr[data-orphan]")
        figures = self.figures(client)
        assert figures[PENDING_QUEUE].startswith(f"{len(pending)} ")
        assert figures[REPORTED_QUEUE].startswith(f"{len(reported)} ")
        assert figures[ORPHANS].startswith(f"{len(orphans)} ")
        assert ARGUED in soup(client.get(ORPHANS)).select_one("blockquote").get_text()


class TestDiscussionsList:
    def test_status_columns_read_as_words_not_true_or_false(self, admin_client):
        open_thread = Thread.objects.for_page(ArticlePageFactory(title="Open story"))
        Thread.objects.filter(pk=open_thread.pk).update(premoderated=True)
        off = Thread.objects.for_page(ArticlePageFactory(title="Quiet story"))
        Thread.objects.filter(pk=off.pk).update(comments_enabled=False)

        page = soup(admin_client.get("/admin/snippets/discussion/thread/"))
        rows = {
            row.select_one("td a").get_text(strip=True): [
                cell.get_text(" ", strip=True) for cell in row.select("td")
            ]
            for row in page.select("tbody tr")
        }

        cells = " ".join(" ".join(row) for row in rows.values())
        assert "True" not in cells and "False" not in cells
        assert "Open" in rows["Open story"]
        assert "Every comment held" in rows["Open story"]
        assert "Off" in rows["Quiet story"]
        assert "Usual rules" in rows["Quiet story"]
