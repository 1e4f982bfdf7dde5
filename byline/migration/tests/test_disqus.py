"""import_disqus: threads matched by link (old addresses too), duplicates merged, reports."""

from __future__ import annotations

import contextlib
import datetime as dt
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from hypothesis import given, settings
from hypothesis import strategies as st

from byline.discussion.models import Comment
from byline.migration.disqus import import_disqus
from byline.migration.models import Origin
from byline.migration.report import ImportFileError
from byline.newsroom.tests.factories import ArticlePageFactory, publish

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent / "fixtures"


def wordpress_site() -> None:
    call_command(
        "import_wordpress", str(FIXTURES / "wordpress-6.xml"), "--no-comments", "--no-download",
        "--time-zone", "America/New_York", stdout=StringIO(),
    )  # fmt: skip


def by_origin() -> dict[str, Comment]:
    origins = dict(Origin.objects.filter(system="disqus").values_list("object_id", "original_id"))
    return {origins[str(c.pk)]: c for c in Comment.objects.all()}


def test_threads_find_their_article_by_its_old_address_and_duplicates_merge():
    wordpress_site()
    out = StringIO()
    call_command("import_disqus", str(FIXTURES / "disqus.xml"), stdout=out)
    comments = by_origin()
    assert set(comments) == {"8200001", "8200002", "8200003"}
    root, reply, other = comments["8200001"], comments["8200002"], comments["8200003"]
    assert root.thread.page.slug == "end-for-lena-and-marco" == other.thread.page.slug
    assert (reply.parent_id, other.parent_id) == (root.pk, reply.pk)
    assert root.created_at == dt.datetime(2024, 5, 15, 2, 0, tzinfo=dt.UTC)
    assert (root.guest_name, root.guest_email, root.ip_address) == (
        "Jo Guest",
        "jo@guests.test",
        "203.0.113.7",
    )
    assert reply.guest_email == "" and reply.body_html == "<p>Me too. click</p>"
    assert root.body_html.startswith("<p>I <em>knew</em> it.</p>")
    report = out.getvalue()
    assert "post 8200004: deleted" in report and "post 8200005: marked as spam" in report
    assert (
        "thread 7100003: https://oldgazette.example/2019/01/a-story-that-is-gone/ matches no article"
        in report
    )
    assert "threads 7100001, 7100002 share an article" in report


def test_a_thread_finds_an_article_at_its_current_address():
    article = publish(ArticlePageFactory(slug="the-split"))
    text = (
        (FIXTURES / "disqus.xml")
        .read_text()
        .replace(
            "https://oldgazette.example/2024/05/end-for-lena-and-marco/",
            f"https://new.example{article.url}",
        )
    )
    path = Path(FIXTURES.parent / "tmp-disqus.xml")
    try:
        path.write_text(text)
        import_disqus(path)
    finally:
        path.unlink()
    assert Comment.objects.filter(thread__page=article).count() == 2


def test_a_second_run_adds_nothing_and_a_dry_run_writes_nothing():
    wordpress_site()
    report = import_disqus(FIXTURES / "disqus.xml", dry_run=True)
    assert report.imported["comment"] == 3 and not Comment.objects.exists()
    import_disqus(FIXTURES / "disqus.xml")
    import_disqus(FIXTURES / "disqus.xml")
    assert Comment.objects.count() == 3


def test_files_that_are_not_disqus_exports_are_refused(tmp_path):
    path = tmp_path / "x.xml"
    path.write_text("<rss><channel/></rss>")
    with pytest.raises(CommandError, match="not a Disqus export"):
        call_command("import_disqus", str(path))
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><disqus>&x;</disqus>'
    )
    with pytest.raises(CommandError, match="DTD"):
        call_command("import_disqus", str(path))


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300) | st.text(max_size=300).map(lambda t: ("<disqus>" + t).encode()))
def test_any_file_imports_or_fails_with_an_import_error(tmp_path_factory, data):
    """Whatever the file holds, the Disqus reader answers with a report or ImportFileError."""
    path = tmp_path_factory.mktemp("disqus") / "x.xml"
    path.write_bytes(data)
    with contextlib.suppress(ImportFileError):
        import_disqus(path, dry_run=True)
