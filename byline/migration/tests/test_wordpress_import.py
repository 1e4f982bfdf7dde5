"""import_wordpress on the export real WordPress wrote, and on broken ones."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import Client
from wagtail.contrib.redirects.models import Redirect

from byline.discussion.models import Anchor, Comment, NotificationEvent, Thread
from byline.migration.models import Origin
from byline.migration.tests import wxr_builder
from byline.migration.wordpress.importer import Options, import_wordpress
from byline.newsroom.models import ArticlePage, BylineImage, SectionPage, Topic

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent / "fixtures"
EXPORT = FIXTURES / "wordpress-6.xml"
UPLOADS = FIXTURES / "uploads"


def run(*args: str) -> str:
    out = StringIO()
    call_command(
        "import_wordpress", str(EXPORT), "--uploads", str(UPLOADS),
        "--time-zone", "America/New_York", "--no-download", *args, stdout=out,
    )  # fmt: skip
    return out.getvalue()


def lead() -> ArticlePage:
    return ArticlePage.objects.get(slug="end-for-lena-and-marco")


def test_posts_become_articles_with_their_times_section_topics_and_hero():
    output = run()
    article = lead()
    assert article.live and article.title == "Is this the end for Lena and Marco?"
    assert (
        article.standfirst == "Sources close to the pair say the split has been coming for months."
    )
    assert article.first_published_at == dt.datetime(2024, 5, 15, 1, 30, tzinfo=dt.UTC)
    assert article.updated_at == dt.datetime(2024, 5, 15, 12, 15, tzinfo=dt.UTC)
    assert article.get_parent().specific.title == "Celebrity"
    assert sorted(article.topics.values_list("name", flat=True)) == ["Award season", "Lena Marsh"]
    assert [credit.author.name for credit in article.authors.all()] == ["Mara Quell"]
    hero = article.hero_image
    assert (hero.caption, hero.credit, hero.description) == (
        "The couple arrive at the Palladium premiere",
        "Northlight Agency / Mara Quell",
        "Two actors on a red carpet, waving",
    )
    assert [block.block_type for block in article.body] == [
        "paragraph", "subheading", "inline_prompt", "image", "pull_quote", "embed",
    ]  # fmt: skip
    assert "[sic]" in str(article.body[0].value)
    assert SectionPage.objects.get(slug="tv-streaming").title == "TV & Streaming"
    assert "[5/9] post 5: Is this the end for Lena and Marco?" in output


def test_drafts_stay_drafts_and_pages_and_other_types_are_reported():
    output = run()
    draft = ArticlePage.objects.get(slug="reunion-rumour")
    assert not draft.live and draft.first_published_at is None
    assert "page 8: “About us”: Byline has no free-standing pages" in output
    assert "wpdiscuz_form 9: post type 'wpdiscuz_form' is not imported" in output


def test_comments_keep_their_tree_times_status_votes_and_are_sanitised():
    run()
    thread = Thread.objects.get(page=lead())
    comments = {c.origin: c for c in _with_origins(thread)}
    root, reply, third, fourth, fifth = (comments[str(n)] for n in (2, 3, 4, 5, 6))
    assert [c.parent_id for c in (reply, third, fourth, fifth)] == [
        root.pk,
        reply.pk,
        third.pk,
        fourth.pk,
    ]
    assert fifth.depth == 4
    assert root.created_at == dt.datetime(2024, 5, 15, 2, 0, tzinfo=dt.UTC)
    assert (root.upvotes, root.downvotes, root.score) == (4, 1, 3)
    assert (root.guest_name, root.guest_email, root.ip_address) == (
        "Jo Guest",
        "jo@guests.test",
        "203.0.113.7",
    )
    assert root.body_html.startswith("<p>I <em>knew</em> it.</p>")
    assert reply.body_html == "<p>Me too. click</p>"
    assert fifth.guest_email == ""  # wpDiscuz's placeholder for an anonymous reader
    assert comments["7"].status == Comment.Status.PENDING
    assert "9" not in comments  # in WordPress's bin
    assert root.reply_count == 4 and thread.comment_count == 6  # published only
    assert mail.outbox == [] and not NotificationEvent.objects.exists()


def test_inline_feedback_is_tied_to_its_prompt():
    run()
    answer = Comment.objects.get(pk=Origin.objects.get(kind="comment", original_id="10").object_id)
    prompt = next(block for block in lead().body if block.block_type == "inline_prompt")
    assert prompt.value["question"] == "Do you believe the source?"
    assert answer.anchor.prompt_id == prompt.id
    assert answer.anchor.exact == "“They are taking time apart,” a representative said"


def test_old_addresses_redirect_permanently():
    run()
    client = Client()
    target = lead().url
    for old in ("/2024/05/end-for-lena-and-marco/", "/?p=5",
                "/2024/05/end-for-lena-and-marco/red-carpet-at-the-palladium/", "/?attachment_id=4"):  # fmt: skip
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, target), old
    assert client.get("/?p=999").status_code == 200  # not an old post: the home page


def test_a_second_run_updates_and_never_duplicates():
    run()
    counts = _counts()
    output = run()
    assert _counts() == counts
    assert "Updated:" in output and "comment" in output


def test_a_dry_run_writes_nothing_and_reports():
    output = run("--dry-run")
    assert _counts() == (0, 0, 0, 0, 0, 0)
    assert "Dry run: nothing was written." in output
    assert "Imported: 3 article" in output


def test_without_uploads_the_images_are_reported_missing_and_posts_still_import(tmp_path):
    out = StringIO()
    call_command(
        "import_wordpress", str(EXPORT), "--uploads", str(tmp_path), "--no-download", stdout=out
    )
    assert lead().hero_image is None
    assert "image 4: 2024/05/red-carpet.png: file not found in the uploads" in out.getvalue()


def test_no_comments_imports_posts_only():
    run("--no-comments")
    assert ArticlePage.objects.count() == 4 and not Comment.objects.exists()


def write(tmp_path: Path, *items: str) -> Path:
    path = tmp_path / "export.xml"
    path.write_text(wxr_builder.document(*items))
    return path


def test_spam_pingbacks_missing_parents_and_loops_are_reported_not_fatal(tmp_path):
    c = wxr_builder.comment
    path = write(
        tmp_path,
        wxr_builder.post(1, comments="".join([
            c(1), c(2, approved="spam"), c(3, parent=99), c(4, parent=5), c(5, parent=4),
            c(6, parent=6), c(7, parent=3, content="<script>x</script>"),
        ])),
    )  # fmt: skip
    report = import_wordpress(path, Options())
    imported = {c.origin: c for c in _with_origins(Thread.objects.get())}
    assert set(imported) == {"1", "3", "6", "7"}
    assert imported["3"].parent_id is None and imported["6"].parent_id is None
    assert imported["7"].status == Comment.Status.REMOVED  # nothing readable was left
    reasons = {(s["id"], s["reason"]) for s in report.skipped}
    assert {
        ("2", "marked as spam"),
        ("4", "its parents form a loop"),
        ("5", "its parents form a loop"),
    } <= reasons
    assert any("parent 99 is not in the file" in note for note in report.notes)


def test_one_failing_post_leaves_nothing_of_itself_and_the_others_import(tmp_path, monkeypatch):
    from byline.migration.wordpress import importer

    original = importer._Run.write_discussion

    def fail_on_second(self, item, article):
        if item.post_id == "2":
            raise RuntimeError("disk full")
        return original(self, item, article)

    monkeypatch.setattr(importer._Run, "write_discussion", fail_on_second)
    c = wxr_builder.comment
    path = write(tmp_path, wxr_builder.post(1, comments=c(1)), wxr_builder.post(2, comments=c(2)))
    report = import_wordpress(path, Options())
    assert list(ArticlePage.objects.values_list("slug", flat=True)) == ["story-1"]
    assert not Origin.objects.filter(kind="article", original_id="2").exists()
    assert ("2", "not imported: RuntimeError: disk full") in {
        (s["id"], s["reason"]) for s in report.skipped
    }


def test_a_registered_commenter_the_export_names_is_linked_to_an_account(tmp_path):
    path = write(
        tmp_path, wxr_builder.post(1, comments=wxr_builder.comment(1, user_id=1, author="Ed"))
    )
    import_wordpress(path, Options())
    comment = Comment.objects.get()
    assert comment.author.email == "ed@old.test" and comment.guest_email == ""
    assert not comment.author.has_usable_password()


def test_local_times_convert_from_the_given_zone_when_gmt_is_missing(tmp_path):
    path = write(
        tmp_path, wxr_builder.post(1, date="2024-07-01 12:00:00", date_gmt="0000-00-00 00:00:00")
    )
    import_wordpress(path, Options(time_zone="Europe/Paris"))
    assert ArticlePage.objects.get().first_published_at == dt.datetime(
        2024, 7, 1, 10, 0, tzinfo=dt.UTC
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><r>&b;</r>',
            "DTD",
        ),
        (
            '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>',
            "DTD",
        ),
        ("<rss><channel><item>", "not well-formed"),
    ],
)
def test_hostile_files_stop_the_command_with_a_message_and_write_nothing(tmp_path, text, message):
    path = tmp_path / "bad.xml"
    path.write_text(text)
    with pytest.raises(CommandError, match=message):
        call_command("import_wordpress", str(path))
    assert _counts() == (0, 0, 0, 0, 0, 0)


def _with_origins(thread):
    origins = dict(Origin.objects.filter(kind="comment").values_list("object_id", "original_id"))
    comments = list(Comment.objects.filter(thread=thread))
    for comment in comments:
        comment.origin = origins.get(str(comment.pk))
    return comments


def _counts() -> tuple[int, ...]:
    return (
        ArticlePage.objects.count(), Comment.objects.count(), BylineImage.objects.count(),
        Redirect.objects.count(), Topic.objects.count(), Anchor.objects.count(),
    )  # fmt: skip


def test_the_export_of_an_imported_site_names_every_record_s_origin():
    """export_site after a WordPress import: each imported record carries its WordPress id."""
    from byline.migration.exchange import export_site

    run()
    document = export_site(include_files=False)
    article = next(a for a in document["articles"] if a["slug"] == "end-for-lena-and-marco")
    assert article["origin"] == {"system": "wordpress", "id": "5"}
    assert {c["origin"]["id"] for c in document["comments"] if c["article"] == article["id"]} == {
        "2", "3", "4", "5", "6", "7", "10",
    }  # fmt: skip
    assert document["prompts"][0]["origin"] == {"system": "wordpress", "id": "k3x9q2p7"}
    assert {t["origin"]["id"] for t in document["topics"]} == {
        "award-season",
        "lena-marsh",
        "streaming",
    }
    assert document["images"][0]["origin"] == {"system": "wordpress", "id": "4"}
    assert all(s["origin"] for s in document["sections"])


def test_a_post_after_a_failed_one_still_finds_its_section(tmp_path, monkeypatch):
    """The failed post's transaction took the section it created with it; the next post in
    that category makes it again instead of adding itself under a page that is gone."""
    from byline.migration.wordpress import importer

    original = importer._Run.write_discussion

    def fail_on_first(self, item, article):
        if item.post_id == "1":
            raise RuntimeError("disk full")
        return original(self, item, article)

    monkeypatch.setattr(importer._Run, "write_discussion", fail_on_first)
    path = write(
        tmp_path, wxr_builder.post(1, category="crime"), wxr_builder.post(2, category="crime")
    )
    report = import_wordpress(path, Options())
    article = ArticlePage.objects.get()
    assert article.slug == "story-2" and article.get_parent().slug == "crime"
    assert [s["id"] for s in report.skipped] == ["1"]
