"""Changes to a thread purge exactly the cached pages that show them."""

from __future__ import annotations

import json

import pytest

from byline.discussion.anchoring.workflows import reanchor_page
from byline.discussion.moderation import actions
from byline.discussion.tests.factories import guest, inline_article, post, post_on
from byline.discussion.threads import services
from byline.newsroom.models import Topic
from byline.newsroom.tests.factories import ArticlePageFactory, TopicFactory, publish
from byline.pagecache.testing import cached, warm

pytestmark = pytest.mark.django_db


def tagged_article(topic: Topic):
    article = ArticlePageFactory()
    article.topics.add(topic)
    return publish(article)


@pytest.fixture
def site(page_cache, client):
    """Two articles in two sections on two topics, every page about them cached."""
    mine, theirs = TopicFactory(), TopicFactory()
    article, other = tagged_article(mine), tagged_article(theirs)
    comment = post(article, "The first word.")
    site = {
        "article": article.url,
        "section": article.get_parent().url,
        "topic": mine.get_absolute_url(),
        "author": article.authors.first().author.get_absolute_url(),
        "home": "/",
        "other": other.url,
        "other section": other.get_parent().url,
        "other topic": theirs.get_absolute_url(),
    }
    warm(client, list(site.values()))
    return {"paths": site, "article": article, "comment": comment}


def still_cached(client, site) -> set[str]:
    names = {path: name for name, path in site["paths"].items()}
    return {names[path] for path in cached(client, list(names))}


UNRELATED = {"other", "other section", "other topic"}


def test_a_new_comment_purges_the_article_and_its_listings_only(
    client, site, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post(site["article"], "A second word.")

    assert still_cached(client, site) == UNRELATED
    assert b"A second word." in client.get(site["paths"]["article"]).content


def test_a_vote_purges_the_article_only(client, site, django_capture_on_commit_callbacks):
    reader, _ = guest(token="another-reader")
    with django_capture_on_commit_callbacks(execute=True):
        services.cast_vote(comment_id=site["comment"].pk, reader=reader, value=1)

    assert still_cached(client, site) == set(site["paths"]) - {"article"}


def test_an_edit_purges_the_article_only(client, site, django_capture_on_commit_callbacks):
    reader, _ = guest()
    with django_capture_on_commit_callbacks(execute=True):
        services.edit_comment(comment_id=site["comment"].pk, reader=reader, body="Corrected.")

    assert still_cached(client, site) == set(site["paths"]) - {"article"}
    assert b"Corrected." in client.get(site["paths"]["article"]).content


def test_a_deletion_purges_the_article_and_its_listings(
    client, site, django_capture_on_commit_callbacks
):
    reader, _ = guest()
    with django_capture_on_commit_callbacks(execute=True):
        services.delete_comment(comment_id=site["comment"].pk, reader=reader)

    assert still_cached(client, site) == UNRELATED
    assert b"The first word." not in client.get(site["paths"]["article"]).content


def test_a_moderator_hiding_a_comment_purges_it(
    client, site, admin_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        actions.decide(comment_ids=[site["comment"].pk], decision="reject", moderator=admin_user)

    assert still_cached(client, site) == UNRELATED
    assert b"The first word." not in client.get(site["paths"]["article"]).content


def test_a_held_comment_purges_nothing(client, site, settings, django_capture_on_commit_callbacks):
    settings.DISCUSSION_PREMODERATE_ALL = True
    with django_capture_on_commit_callbacks(execute=True):
        post(site["article"], "Waiting for a moderator.")

    assert still_cached(client, site) == set(site["paths"])


def test_a_stale_page_is_never_served_after_a_purge(
    client, site, django_capture_on_commit_callbacks
):
    for number in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            post(site["article"], f"Comment number {number}.")
        assert f"Comment number {number}.".encode() in client.get(site["paths"]["article"]).content


def test_re_anchoring_purges_the_article_whose_highlights_moved(
    page_cache, client, django_capture_on_commit_callbacks
):
    article = inline_article()
    post_on(article, exact="they had argued")
    raw = [dict(block) for block in article.body.raw_data]
    raw[0]["value"] = raw[0]["value"].replace("<p>The", "<p>Update: The")
    article.body = json.dumps(raw)
    publish(article)  # its on-commit work (purges, the re-anchoring task) is not run here
    warm(client, [article.url])

    with django_capture_on_commit_callbacks(execute=True):
        reanchor_page(article.pk)

    assert cached(client, [article.url]) == set()


def test_re_anchoring_purges_the_redrawn_comment_alone(
    page_cache, client, django_capture_on_commit_callbacks
):
    article = inline_article()
    gone = post_on(article, exact="they had argued")
    alone = {"path": f"/comments/{gone.pk}/alone/", "headers": {"Byline-Fragment": "1"}}
    raw = [dict(block) for block in article.body.raw_data]
    raw[0]["value"] = "<p>Update: nothing of what was said stays.</p>"
    article.body = json.dumps(raw)
    publish(article)
    client.get(**alone)
    assert client.get(**alone)["X-Page-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        reanchor_page(article.pk)

    assert client.get(**alone)["X-Page-Cache"] == "miss"
