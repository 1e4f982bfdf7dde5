"""Developing stories: the status is the latest entry's, the parts are numbered in publication
order, and the two signals fire once per event, on commit, never for drafts."""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager

import pytest
from django.core.management import call_command
from django.utils import timezone

from byline.newsroom.models import ArticlePage, StoryArrival, StoryPage, StoryStatusEntry
from byline.newsroom.signals import article_joined_story, story_status_changed
from byline.newsroom.tests.factories import ArticlePageFactory, article_in, publish, story_page

pytestmark = pytest.mark.django_db


@contextmanager
def received(signal):
    """Collect the keyword arguments of every ``signal`` sent inside the block."""
    calls: list[dict] = []

    def receiver(sender, **kwargs):
        calls.append(kwargs)

    signal.connect(receiver, weak=False)
    try:
        yield calls
    finally:
        signal.disconnect(receiver)


def add_entry(story: StoryPage, status: str, note: str, *, days_later: int = 1) -> StoryPage:
    """A fresh copy of ``story`` with one more timeline entry, unsaved: as the editor's form."""
    story = StoryPage.objects.get(pk=story.pk)
    latest = story.latest_entry
    moment = latest.happened_on + dt.timedelta(days=days_later) if latest else timezone.now()
    story.timeline.add(StoryStatusEntry(happened_on=moment, status=status, note=note))
    return story


# The model ---------------------------------------------------------------------------------


def test_the_status_is_the_latest_entrys_by_date_not_by_the_editors_order():
    story = story_page(("rumoured", "A source talks."), ("reported", "Two outlets report it."))
    story = StoryPage.objects.get(pk=story.pk)
    # An entry dated before the others, added last, changes the timeline but not the status.
    earlier = story.entries[0].happened_on - dt.timedelta(days=3)
    story.timeline.add(StoryStatusEntry(happened_on=earlier, status="denied", note="Old denial."))
    publish(story)
    story = StoryPage.objects.get(pk=story.pk)

    assert [entry.status for entry in story.entries] == ["denied", "rumoured", "reported"]
    assert story.status == "reported"
    assert story.status_label == "Reported"


def test_parts_are_numbered_in_publication_order_with_drafts_and_future_ones_left_out():
    story = story_page()
    third = article_in(story, hours_ago=1)
    first = article_in(story, hours_ago=30)
    second = article_in(story, hours_ago=20)
    draft = ArticlePageFactory(live=False, story=story)
    scheduled = ArticlePageFactory(live=False, story=story)
    scheduled.go_live_at = timezone.now() + dt.timedelta(days=1)
    scheduled.save_revision().publish()

    parts = {a.pk: ArticlePage.objects.get(pk=a.pk).story_part for a in (first, second, third)}

    assert [(parts[a.pk].number, parts[a.pk].total) for a in (first, second, third)] == [
        (1, 3),
        (2, 3),
        (3, 3),
    ]
    assert parts[first.pk].previous is None and parts[first.pk].next.pk == second.pk
    assert parts[second.pk].previous.pk == first.pk and parts[second.pk].next.pk == third.pk
    assert parts[third.pk].next is None
    # A draft previewed in the story shows as the part after the last.
    preview = ArticlePage.objects.get(pk=draft.pk).story_part
    assert (preview.number, preview.total, preview.previous.pk) == (4, 4, third.pk)


def test_an_article_has_no_part_in_a_story_not_published_or_none_at_all():
    hidden = story_page(live=False)
    assert ArticlePage.objects.get(pk=article_in(hidden).pk).story_part is None
    assert ArticlePageFactory().story_part is None


# article_joined_story ----------------------------------------------------------------------


def test_publishing_an_article_in_a_story_announces_it_once(
    django_capture_on_commit_callbacks,
):
    story = story_page()
    article = ArticlePageFactory(live=False, first_published_at=None, story=story)
    with (
        received(article_joined_story) as calls,
        django_capture_on_commit_callbacks(execute=True),
    ):
        publish(article)
        publish(ArticlePage.objects.get(pk=article.pk))

    assert len(calls) == 1
    assert calls[0]["story"].pk == story.pk
    assert calls[0]["article"].pk == article.pk and calls[0]["article"].live


def test_a_failing_receiver_takes_the_arrival_back_and_the_next_publish_announces_it(caplog):
    story = story_page()
    article = ArticlePageFactory(live=False, first_published_at=None, story=story)

    def failing(sender, story, article, **kwargs):
        raise RuntimeError("the follow event could not be written")

    article_joined_story.connect(failing, weak=False)
    try:
        publish(article)  # the publication goes on
    finally:
        article_joined_story.disconnect(failing)
    assert ArticlePage.objects.get(pk=article.pk).live
    assert not StoryArrival.objects.exists()
    assert "Announcing article_joined_story failed" in caplog.text

    with received(article_joined_story) as calls:
        publish(ArticlePage.objects.get(pk=article.pk))
    assert len(calls) == 1
    assert StoryArrival.objects.filter(article=article).count() == 1


def test_republishing_drafts_withdrawing_and_relinking_announce_nothing_more(
    django_capture_on_commit_callbacks,
):
    story, other = story_page(title="One"), story_page(title="Two")
    article = article_in(story)
    with received(article_joined_story) as calls:
        with django_capture_on_commit_callbacks(execute=True):
            publish(ArticlePage.objects.get(pk=article.pk))  # republished as it was
            draft = ArticlePage.objects.get(pk=article.pk)
            draft.story = other
            draft.save_revision()  # a draft linking it elsewhere
            ArticlePage.objects.get(pk=article.pk).unpublish()
            publish(ArticlePage.objects.get(pk=article.pk))  # withdrawn and back
        assert calls == []

        with django_capture_on_commit_callbacks(execute=True):
            moved = ArticlePage.objects.get(pk=article.pk)
            moved.story = other
            publish(moved)  # newly linked: announced
            back = ArticlePage.objects.get(pk=article.pk)
            back.story = story
            publish(back)  # back where it was announced already
    assert [(call["story"].pk, call["article"].pk) for call in calls] == [(other.pk, article.pk)]
    assert StoryArrival.objects.filter(article=article).count() == 2


def test_an_article_in_a_story_not_yet_published_is_not_announced(
    django_capture_on_commit_callbacks,
):
    story = story_page(live=False)
    with (
        received(article_joined_story) as calls,
        django_capture_on_commit_callbacks(execute=True),
    ):
        article_in(story)
        publish(StoryPage.objects.get(pk=story.pk))
    assert calls == []


def test_a_scheduled_article_joins_its_story_when_it_goes_live(
    django_capture_on_commit_callbacks,
):
    story = story_page()
    article = ArticlePageFactory(live=False, first_published_at=None, story=story)
    article.go_live_at = timezone.now() + dt.timedelta(hours=2)
    with received(article_joined_story) as calls:
        with django_capture_on_commit_callbacks(execute=True):
            revision = article.save_revision()
            revision.publish()  # scheduled: Wagtail sends page_published, the page not live
        assert calls == [] and not StoryArrival.objects.exists()

        # The time comes: the scheduled revision is due, and the worker's command publishes it.
        past = timezone.now() - dt.timedelta(minutes=1)
        revision.refresh_from_db()
        revision.content["go_live_at"] = past.isoformat()
        revision.approved_go_live_at = past
        revision.save(update_fields=["content", "approved_go_live_at"])
        with django_capture_on_commit_callbacks(execute=True):
            call_command("publish_scheduled")
    assert [(call["story"].pk, call["article"].pk) for call in calls] == [(story.pk, article.pk)]


def test_a_private_article_never_reaches_the_storys_followers(
    django_capture_on_commit_callbacks,
):
    from wagtail.models import PageViewRestriction

    story = story_page()
    article = ArticlePageFactory(live=False, first_published_at=None, story=story)
    PageViewRestriction.objects.create(page=article, restriction_type="login")
    with (
        received(article_joined_story) as calls,
        django_capture_on_commit_callbacks(execute=True),
    ):
        publish(ArticlePage.objects.get(pk=article.pk))
    assert calls == [] and not StoryArrival.objects.exists()


def test_an_article_without_a_story_sends_nothing(django_capture_on_commit_callbacks):
    with (
        received(article_joined_story) as calls,
        django_capture_on_commit_callbacks(execute=True),
    ):
        publish(ArticlePageFactory(live=False))
    assert calls == []
    assert not StoryArrival.objects.exists()


# story_status_changed ----------------------------------------------------------------------


def test_a_published_change_of_status_is_announced_once(
    django_capture_on_commit_callbacks,
):
    story = story_page(("rumoured", "A source talks."))
    changed = add_entry(story, "confirmed", "Her agent confirms it.")
    with received(story_status_changed) as calls:
        with django_capture_on_commit_callbacks(execute=True):
            publish(changed)
        with django_capture_on_commit_callbacks(execute=True):
            publish(StoryPage.objects.get(pk=story.pk))  # republished without change

    assert len(calls) == 1
    assert calls[0]["story"].pk == story.pk
    assert calls[0]["previous_status"] == "rumoured"
    entry = calls[0]["entry"]
    assert (entry.status, entry.note, entry.status_label) == (
        "confirmed",
        "Her agent confirms it.",
        "Confirmed",
    )


def test_drafts_same_status_and_first_publication_announce_nothing(
    django_capture_on_commit_callbacks,
):
    with (
        received(story_status_changed) as calls,
        django_capture_on_commit_callbacks(execute=True),
    ):
        story = story_page(("rumoured", "A source talks."), ("reported", "It is reported."))
        add_entry(story, "confirmed", "Confirmed, in a draft.").save_revision()
        publish(add_entry(story, "reported", "A third outlet reports it."))
    assert calls == []
    assert StoryPage.objects.get(pk=story.pk).status == "reported"


def test_the_draft_status_is_announced_when_its_revision_is_published(
    django_capture_on_commit_callbacks,
):
    story = story_page(("rumoured", "A source talks."))
    revision = add_entry(story, "denied", "The studio denies it.").save_revision()
    assert StoryPage.objects.get(pk=story.pk).status == "rumoured"  # live stays as it was
    with (
        received(story_status_changed) as calls,
        django_capture_on_commit_callbacks(execute=True),
    ):
        revision.publish()
    assert [call["entry"].status for call in calls] == ["denied"]
    assert StoryPage.objects.get(pk=story.pk).status == "denied"


def test_a_restricted_story_announces_neither_its_status_nor_its_new_articles(
    django_capture_on_commit_callbacks,
):
    from wagtail.models import PageViewRestriction

    story = story_page(("rumoured", "A source talks."))
    PageViewRestriction.objects.create(page=story, restriction_type="login")
    with (
        received(story_status_changed) as changes,
        received(article_joined_story) as arrivals,
        django_capture_on_commit_callbacks(execute=True),
    ):
        publish(add_entry(story, "confirmed", "Confirmed."))
        article_in(story)
    assert changes == [] and arrivals == []
    # A restricted story is no part of its public articles' page.
    assert ArticlePage.objects.get(pk=article_in(story).pk).story_part is None
