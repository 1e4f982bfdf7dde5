"""The demo site that ``manage.py seed_demo`` builds: a complete fictional newsroom with lively,
consistent threads under its articles, seeded once and only once.

Seeding paints two dozen pictures, renders every page and posts every conversation through the
discussion's services, so this module seeds one database for all its tests, newsroom and
discussion alike, and rolls it back at the end: one seeding per test run instead of one per app.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gzip
import re
import statistics
from collections import Counter
from io import StringIO
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone
from wagtail.models import Page, Revision, Site

from byline.discussion.demo import seed_demo_discussion
from byline.discussion.demo.conversations import CONVERSATIONS
from byline.discussion.demo.readers import CAST
from byline.discussion.models import Anchor, Comment, Thread, Vote
from byline.newsroom.demo import content
from byline.newsroom.demo.images import encode
from byline.newsroom.demo.specs import HERO_SIZE
from byline.newsroom.models import (
    ArticlePage,
    Author,
    BylineImage,
    BylineRendition,
    Correction,
    HomePage,
    Person,
    PublicationSettings,
    SectionPage,
    StoryPage,
    Topic,
)


@pytest.fixture(scope="module")
def seed_output(django_db_setup, django_db_blocker):
    """Run the command once for the whole module, then roll its rows back."""
    with django_db_blocker.unblock(), transaction.atomic():
        output = StringIO()
        call_command("seed_demo", stdout=output, stderr=output)
        yield output.getvalue()
        transaction.set_rollback(True)
    cache.clear()


@pytest.fixture
def seeded(seed_output, db):
    return seed_output


# The newsroom ---------------------------------------------------------------------------------


def live_articles():
    return ArticlePage.objects.live().public()


def test_the_command_creates_at_least_sixteen_live_articles_in_four_sections(seeded):
    sections = SectionPage.objects.live().child_of(HomePage.objects.get())

    assert live_articles().count() >= 16
    assert sections.count() >= 4
    assert all(live_articles().child_of(section).exists() for section in sections)


def test_every_article_has_a_captioned_credited_hero_authors_topics_and_people(seeded):
    for article in live_articles().select_related("hero_image"):
        assert article.hero_image.caption, article.title
        assert article.hero_image.credit, article.title
        assert (article.hero_image.width, article.hero_image.height) == HERO_SIZE
        assert article.authors.exists(), article.title
        assert article.topics.exists(), article.title
        assert article.people.exists(), article.title


def test_four_authors_have_portraits_roles_bios_and_links(seeded):
    authors = Author.objects.select_related("photo")

    assert authors.count() == 4
    for author in authors:
        assert author.photo is not None and author.photo.width == author.photo.height
        assert author.role and author.bio
        assert author.links.exists()


def test_topics_and_people_are_described_and_tagged_on_articles(seeded):
    tags = [*Topic.objects.all(), *Person.objects.all()]

    assert Topic.objects.count() >= 4 and Person.objects.count() >= 4
    for tag in tags:
        assert tag.description, tag.name
        assert tag.tagged_articles.exists(), tag.name


def test_stories_spread_over_ten_days_with_at_least_two_in_the_last_day(seeded):
    now = timezone.now()
    dates = sorted(live_articles().values_list("first_published_at", flat=True))

    assert dates[-1] <= now
    assert now - dates[0] > dt.timedelta(days=7)
    assert now - dates[0] < dt.timedelta(days=11)
    assert sum(date >= now - dt.timedelta(days=1) for date in dates) >= 2


def test_publishing_went_through_revisions_and_was_backdated(seeded):
    article = live_articles().order_by("first_published_at").first()
    revision = Revision.objects.for_instance(article).get()

    assert article.live_revision_id == revision.pk
    assert revision.created_at == article.last_published_at
    assert timezone.now() - article.first_published_at > dt.timedelta(days=7)


def test_an_updated_article_carries_a_correction_and_some_have_several_authors(seeded):
    updated = live_articles().filter(updated_at__isnull=False)

    assert updated.exists()
    assert all(article.updated_at > article.first_published_at for article in updated)
    assert Correction.objects.filter(article__in=updated).exists()
    assert any(article.authors.count() > 1 for article in live_articles())


def test_the_publication_has_a_tagline_description_logo_and_strapline(seeded):
    site = Site.objects.get(is_default_site=True)
    settings = PublicationSettings.for_site(site)

    assert settings.tagline and settings.description
    assert settings.logo is not None
    assert site.root_page.specific.strapline


def test_the_demo_follows_a_story_from_rumoured_to_confirmed_over_three_articles(seeded, client):
    story = StoryPage.objects.live().get(slug="juno-vale-engagement")
    articles = list(story.published_articles())

    assert story.url == "/stories/juno-vale-engagement/"
    assert [entry.status for entry in story.entries] == ["rumoured", "reported", "confirmed"]
    assert [entry.happened_on for entry in story.entries] == [
        article.first_published_at for article in articles
    ]
    assert [article.story_part.number for article in articles] == [1, 2, 3]
    assert any("according to" in str(article.body) for article in articles)
    box = BeautifulSoup(client.get(articles[0].url).content, "html.parser").select_one(".story-box")
    assert "Part 1 of 3" in box.get_text() and "Confirmed" in box.get_text()


def test_the_demo_superuser_can_sign_in_with_the_documented_password(seeded):
    admin = get_user_model().objects.get(username="admin")

    assert admin.is_superuser and admin.is_staff
    assert admin.check_password("byline-demo")


def test_the_first_run_summarises_what_it_created(seeded):
    assert "Seeded the demo newsroom" in seeded
    assert f"{len(content.ARTICLES)} articles" in seeded
    assert "answered" not in seeded, seeded


def test_every_hero_already_has_renditions_when_the_command_ends(seeded):
    heroes = BylineImage.objects.filter(pk__in=live_articles().values("hero_image"))

    for hero in heroes:
        specs = set(
            BylineRendition.objects.filter(image=hero).values_list("filter_spec", flat=True)
        )
        assert any("format-avif" in spec for spec in specs), hero.title


def test_a_second_run_keeps_everything_and_adds_nothing(seeded):
    models = [Page, BylineImage, Author, Topic, Person, Revision, get_user_model()]
    before = {model: model.objects.count() for model in models}
    output = StringIO()

    call_command("seed_demo", stdout=output)

    assert {model: model.objects.count() for model in models} == before
    assert output.getvalue().strip().count("\n") == 0
    assert "added nothing" in output.getvalue()


def test_every_article_section_author_topic_and_person_page_answers_200(seeded, client):
    site = Site.objects.get(is_default_site=True)
    pages = [*SectionPage.objects.live(), *live_articles()]
    urls = [
        "/",
        *(page.get_url_parts()[2] for page in pages),
        *(author.get_absolute_url() for author in Author.objects.all()),
        *(tag.get_absolute_url() for tag in [*Topic.objects.all(), *Person.objects.all()]),
    ]

    statuses = {url: client.get(url, HTTP_HOST=site.hostname).status_code for url in urls}

    assert len(urls) > 30
    assert {url: status for url, status in statuses.items() if status != 200} == {}


def test_every_demo_article_is_within_the_page_weight_budget(seeded, client):
    """PERFORMANCE.md: an article with its thread in at most 5 requests of HTML, CSS and JS,
    under 35 KB gzipped together (images are not counted). The demo's articles carry its
    conversations, so the heaviest of them is the realistic case."""
    weights = {article.url: page_weight(client, article.url) for article in live_articles()}

    assert max(requests for requests, _ in weights.values()) <= 5, weights
    assert max(gzipped for _, gzipped in weights.values()) < 35 * 1024, weights


def page_weight(client, url: str) -> tuple[int, int]:
    """Requests of HTML, CSS and JS for the page at ``url``, and their gzipped bytes."""
    html = client.get(url).content
    page = BeautifulSoup(html, "html.parser")
    assets = [
        link["href"] for link in page.select('link[rel~="stylesheet"], link[rel="modulepreload"]')
    ]
    assets += [script["src"] for script in page.select("script[src]")]
    bodies = [html] + [static_file(asset) for asset in assets]
    return len(bodies), sum(len(gzip.compress(body, compresslevel=6)) for body in bodies)


def static_file(url: str) -> bytes:
    """The bytes behind a static URL, and those of any module it imports."""
    name = url.removeprefix(settings.STATIC_URL).split("?")[0]
    path = finders.find(hashed_name_stripped(name))
    assert path, url
    body = Path(path).read_bytes()
    assert not re.search(rb"^\s*import\s.+from\s", body, re.MULTILINE), f"{url} imports more"
    return body


def hashed_name_stripped(name: str) -> str:
    """Under the manifest storage, ``byline.0123abcd4567.css`` is ``byline.css`` on disk."""
    return re.sub(r"\.[0-9a-f]{12}(\.\w+)$", r"\1", name)


def test_pictures_are_painted_the_same_way_every_time():
    spec = content.ARTICLES[0].hero
    other = dataclasses.replace(spec, seed=spec.seed + 1)

    assert encode(spec).data == encode(spec).data
    assert encode(other).data != encode(spec).data


@pytest.mark.parametrize("article", content.ARTICLES, ids=lambda article: article.slug)
def test_each_story_reads_like_the_reference_page(article):
    """Two or three subheadings, five to ten short paragraphs, about 300 to 700 words."""
    kinds = [block.kind for block in article.body]
    prose = [
        block.value if block.kind == "paragraph" else block.value["text"]
        for block in article.body
        if block.kind in ("paragraph", "inline_prompt")
    ]
    words = sum(len(text.split()) for text in prose)

    assert 2 <= kinds.count("subheading") <= 3
    assert 5 <= len(prose) <= 10
    assert 280 <= words <= 700
    assert article.hero.caption and article.hero.credit and article.standfirst.endswith(".")


# The discussion -------------------------------------------------------------------------------


def articles() -> list[ArticlePage]:
    return list(ArticlePage.objects.live().order_by("-first_published_at"))


def published() -> Q:
    return Q(status=Comment.Status.PUBLISHED)


class TestTheThreads:
    def test_every_demo_article_has_a_thread_with_comments(self, seeded):
        counts = {
            article.slug: Comment.objects.filter(thread__page=article).count()
            for article in articles()
        }

        assert len(counts) == len(content.ARTICLES)
        assert min(counts.values()) >= 3, counts
        assert max(counts.values()) <= 40, counts

    def test_the_newest_stories_have_the_liveliest_threads(self, seeded):
        newest, *older = [Thread.objects.get(page=article).comment_count for article in articles()]

        assert newest >= 25
        assert newest > statistics.median(older) * 2

    def test_each_thread_counts_its_published_comments(self, seeded):
        for thread in Thread.objects.annotate(
            published=Count("comments", filter=Q(comments__status=Comment.Status.PUBLISHED))
        ).filter(page__in=articles()):
            assert thread.comment_count == thread.published > 0, thread

    def test_reply_counts_match_the_published_comments_beneath(self, seeded):
        comments = list(Comment.objects.all())

        for comment in comments:
            beneath = [
                other
                for other in comments
                if other.root_id in (comment.pk, comment.root_id)
                and other.position.startswith(comment.position)
                and other.pk != comment.pk
                and other.status == Comment.Status.PUBLISHED
            ]
            assert comment.reply_count == len(beneath), comment

    def test_replies_are_about_a_third_and_reach_the_third_level(self, seeded):
        depths = Counter(Comment.objects.values_list("depth", flat=True))
        total = sum(depths.values())

        assert set(depths) == {0, 1, 2}
        assert 0.25 <= (depths[1] + depths[2]) / total <= 0.40

    def test_last_comment_times_are_the_latest_comment(self, seeded):
        for thread in Thread.objects.filter(page__in=articles()):
            latest = thread.comments.order_by("-created_at").first()
            assert thread.last_comment_at == latest.created_at


class TestTheReaders:
    def test_twenty_distinct_readers_comment_guests_and_signed_in(self, seeded):
        comments = list(Comment.objects.filter(published()).select_related("author"))
        names = {comment.author_name for comment in comments}
        accounts = {comment.author.username for comment in comments if comment.author}

        assert len(names) >= 15
        assert 3 <= len(accounts) <= 4
        assert all(
            comment.guest_email.endswith("@example.org")
            for comment in comments
            if comment.guest_name
        )

    def test_reader_accounts_have_display_names_and_the_demo_password(self, seeded):
        users = {comment.author for comment in Comment.objects.filter(author__isnull=False)}

        assert all(user.display_name and user.check_password("byline-demo") for user in users)

    def test_reader_accounts_sign_in_by_their_verified_address(self, seeded, client):
        reader = Comment.objects.filter(author__isnull=False).first().author

        response = client.post(
            "/accounts/login/", {"login": reader.email, "password": "byline-demo"}
        )

        assert EmailAddress.objects.get(user=reader, email=reader.email).verified
        assert response.status_code == 302
        assert client.get("/").wsgi_request.user == reader


class TestVotes:
    def test_scores_and_counters_match_the_vote_rows(self, seeded):
        tallies = Comment.objects.annotate(
            total=Sum("votes__value"),
            ups=Count("votes", filter=Q(votes__value=Vote.UP)),
            downs=Count("votes", filter=Q(votes__value=Vote.DOWN)),
        )

        assert Vote.objects.count() > Comment.objects.count()
        for comment in tallies:
            assert (comment.score, comment.upvotes, comment.downvotes) == (
                comment.total or 0,
                comment.ups,
                comment.downs,
            ), comment

    def test_a_few_comments_stand_out_as_most_voted(self, seeded):
        scores = sorted(Comment.objects.values_list("score", flat=True), reverse=True)

        assert scores[0] >= 8
        assert scores[0] >= 4 * statistics.median(scores)
        assert min(scores) < 0

    def test_nobody_votes_on_their_own_comment(self, seeded):
        for comment in Comment.objects.all():
            own_key = (
                f"u:{comment.author_id}" if comment.author_id else f"g:{comment.guest_key[:40]}"
            )
            assert comment.guest_key or comment.author_id
            assert not comment.votes.filter(voter_key=own_key).exists(), comment


class TestDates:
    def test_no_comment_is_dated_before_its_article_or_in_the_future(self, seeded):
        now = timezone.now()

        for comment in Comment.objects.select_related("thread__page"):
            assert comment.thread.page.first_published_at < comment.created_at < now, comment

    def test_conversations_start_soon_after_publication_and_spread_out(self, seeded):
        for article in articles():
            dates = sorted(
                Comment.objects.filter(thread__page=article).values_list("created_at", flat=True)
            )
            assert dates[0] - article.first_published_at < dt.timedelta(hours=12), article.slug
            assert dates[-1] - dates[0] > dt.timedelta(minutes=30), article.slug

    def test_replies_come_after_what_they_answer_and_ids_follow_dates(self, seeded):
        comments = list(Comment.objects.select_related("parent").order_by("pk"))

        for comment in comments:
            if comment.parent:
                assert comment.created_at > comment.parent.created_at, comment
        dates = [comment.created_at for comment in comments]
        assert dates == sorted(dates)

    def test_edits_and_deletions_happened_within_the_edit_window(self, seeded, settings):
        window = dt.timedelta(minutes=settings.DISCUSSION_EDIT_WINDOW_MINUTES)
        changed = Comment.objects.filter(Q(edited_at__isnull=False) | Q(removed_at__isnull=False))

        assert changed.filter(edited_at__isnull=False).exists()
        for comment in changed:
            moment = comment.edited_at or comment.removed_at
            assert comment.created_at < moment < comment.created_at + window, comment

    def test_votes_are_dated_with_the_discussion(self, seeded):
        assert not Vote.objects.filter(created_at__gt=timezone.now()).exists()
        assert Vote.objects.filter(created_at__lt=timezone.now() - dt.timedelta(days=1)).exists()


class TestPlaceholders:
    def test_comments_deleted_after_replies_stay_as_placeholders(self, seeded):
        removed = Comment.objects.filter(status=Comment.Status.REMOVED)

        assert 1 <= removed.count() <= 2
        for comment in removed:
            assert comment.body == comment.body_html == ""
            assert comment.reply_count > 0
            assert comment in Comment.objects.visible()


class TestPages:
    def test_article_pages_show_their_threads(self, seeded, client):
        host = Site.objects.get(is_default_site=True).hostname

        for article in articles():
            response = client.get(article.url, HTTP_HOST=host)
            page = BeautifulSoup(response.content, "html.parser")
            thread = Thread.objects.get(page=article)
            newest = (
                Comment.objects.visible().roots_of(thread).order_by("-id").select_related("author")
            ).first()

            assert response.status_code == 200, article.url
            heading = page.select_one("#comments-heading").get_text(" ", strip=True)
            assert heading == f"{thread.comment_count} comments"
            assert page.select_one(f"#comment-{newest.pk}") is not None, article.url
            assert newest.author_name in page.select_one(f"#comment-{newest.pk}").get_text()

    def test_a_placeholder_renders_in_place_of_the_deleted_comment(self, seeded, client):
        removed = Comment.objects.filter(status=Comment.Status.REMOVED).first()

        response = client.get(removed.get_absolute_url(), follow=True)

        card = BeautifulSoup(response.content, "html.parser").select_one(f"#comment-{removed.pk}")
        assert "This comment was deleted." in card.get_text()


class TestSeedingOnce:
    def test_the_command_reports_what_the_discussion_seeded(self, seeded):
        line = next(line for line in seeded.splitlines() if "demo discussion" in line)

        assert f"{Comment.objects.count()} comments" in line
        assert f"{Vote.objects.count()} votes" in line

    def test_seeding_again_adds_nothing(self, seeded):
        before = (Comment.objects.count(), Vote.objects.count())

        message = seed_demo_discussion()

        assert "added none" in message
        assert (Comment.objects.count(), Vote.objects.count()) == before


class TestTheData:
    """The conversations as written, before any seeding."""

    def test_every_demo_article_has_one_conversation(self):
        assert sorted(c.article for c in CONVERSATIONS) == sorted(a.slug for a in content.ARTICLES)

    @pytest.mark.parametrize("conversation", CONVERSATIONS, ids=lambda c: c.article)
    def test_comments_are_100_to_600_characters_by_known_readers(self, conversation):
        for say, depth in conversation.walk():
            assert 100 <= len(say.body) <= 600, say.body
            assert say.who in CAST
            assert depth <= 2, say.body
            assert not say.deleted or say.replies, "a deleted comment stays only if answered"

    def test_commenters_have_unique_names_and_reserved_addresses(self):
        names = [commenter.name for commenter in CAST.values()]

        assert len(set(names)) == len(names) == 20
        assert all(commenter.email.endswith("@example.org") for commenter in CAST.values())
        assert all(
            commenter.ip_address.startswith(("192.0.2.", "198.51.100.", "203.0.113."))
            for commenter in CAST.values()
        )


class TestInlineFeedback:
    def test_the_split_story_has_answers_to_its_prompt_and_a_comment_on_a_sentence(self, seeded):
        anchors = Anchor.objects.filter(
            comment__thread__page__slug="are-lena-marsh-and-rafe-calloway-heading-for-a-split"
        )
        assert anchors.exclude(prompt_id="").count() == 2
        selection = anchors.get(prompt_id="")
        assert selection.exact.startswith("Everyone around them has noticed.")
        assert all(anchor.state == "anchored" for anchor in anchors)
