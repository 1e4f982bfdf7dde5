"""The Byline export format: a lossless round trip and clear refusals."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command

from byline.discussion.models import Anchor, Comment, Subscription, Vote
from byline.migration.exchange import ExchangeError, export_site, import_site
from byline.migration.models import Origin
from byline.migration.tests.site import build_site, empty_site
from byline.newsroom.models import ArticlePage

pytestmark = pytest.mark.django_db


def test_export_import_export_gives_the_same_document(tmp_path):
    """export_site -> import_site into an empty site -> export_site is the same document."""
    build_site()
    first = tmp_path / "first.json"
    call_command("export_site", str(first))
    empty_site()
    assert not ArticlePage.objects.exists()
    call_command("import_site", str(first))
    second = tmp_path / "second.json"
    call_command("export_site", str(second))
    assert json.loads(second.read_text()) == json.loads(first.read_text())
    assert second.read_text() == first.read_text()


def test_the_document_carries_what_the_format_promises():
    """Articles, comments, prompts, votes, subscriptions and users, with the documented fields."""
    build_site()
    document = export_site()
    assert (document["format"], document["version"]) == ("byline-export", 1)
    article = next(a for a in document["articles"] if a["title"] == "Is this the end?")
    assert {"id", "url", "title", "slug", "standfirst", "first_published", "section", "topics",
            "body", "hero"} <= article.keys()  # fmt: skip
    assert article["topics"] == ["award-season"]
    assert set(article["hero"]) == {"image", "caption", "credit", "alt"}
    assert all({"type", "value", "id"} <= block.keys() for block in article["body"])
    assert article["origin"] == {"system": "wordpress", "id": "5"}
    assert document["prompts"] == [
        {"id": "q-source", "article": article["id"], "question": "Do you believe the representative?",
         "passage": "a representative called the story “pure invention”", "origin": None}
    ]  # fmt: skip
    comments = document["comments"]
    root = comments[0]
    assert root["origin"] == {"system": "wordpress", "id": "42"}
    assert root["created"].endswith("Z") and root["up"] == 1
    assert comments[1]["parent"] == root["id"] and comments[1]["author"]["user"] == "lena"
    answer = next(c for c in comments if c["prompt"])
    assert answer["prompt"] == "q-source" and answer["anchor"]["block"] == "q-source"
    assert {c["status"] for c in comments} == {"published", "removed"}
    assert {s["kind"] for s in document["subscriptions"]} == {"article", "replies", "comment"}
    assert [s["confirmed"] for s in document["subscriptions"]] == [True, False, True]
    assert {"user": "lena"} in [v["voter"] for v in document["votes"]]


def test_import_rebuilds_the_conversation_without_trusting_its_html():
    """Imported rows are the originals: tree, anchors, votes, subscriptions, origins; and HTML
    in the file is rendered again from the body, so a doctored file cannot store a script."""
    build_site()
    document = export_site()
    document["comments"][0]["html"] = "<script>alert(1)</script>"
    empty_site()
    import_site(document)
    root = Comment.objects.order_by("pk").first()
    assert "<script" not in root.body_html and "<em>knew</em>" in root.body_html
    assert root.upvotes == 1 and root.reply_count == 2
    assert Anchor.objects.filter(prompt_id="q-source").count() == 1
    assert Vote.objects.count() == 2
    assert Subscription.objects.filter(confirmed_at__isnull=True).count() == 1
    assert Origin.objects.filter(system="wordpress", kind="comment", object_id=root.pk).exists()


def test_import_refuses_a_site_that_has_content():
    """import_site loads into an empty site only; it writes nothing otherwise."""
    build_site()
    document = export_site()
    comments = Comment.objects.count()
    with pytest.raises(ExchangeError, match="empty site"):
        import_site(document)
    assert Comment.objects.count() == comments


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ({"format": "something-else", "version": 1}, "not a Byline export"),
        ({"format": "byline-export", "version": 99}, "version 99"),
        ([], "not a Byline export"),
    ],
)
def test_import_refuses_other_documents(document, message):
    with pytest.raises(ExchangeError, match=message):
        import_site(document)


def test_a_broken_document_writes_nothing(tmp_path):
    """A record missing a field fails the whole import with a message, leaving the site empty."""
    build_site()
    document = export_site()
    empty_site()
    del document["comments"][-1]["body"]
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(document))
    with pytest.raises(CommandError, match="not a valid Byline export"):
        call_command("import_site", str(path))
    assert not ArticlePage.objects.exists() and not Comment.objects.exists()


def test_import_site_reports_a_file_that_is_not_json(tmp_path):
    path = tmp_path / "x.json"
    path.write_text("{not json")
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_site", str(path))
