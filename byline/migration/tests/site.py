"""A small but complete site for the migration tests, and a way to empty it again."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from wagtail.contrib.redirects.models import Redirect

from byline.discussion.anchoring.workflows import Passage
from byline.discussion.identity import Reader
from byline.discussion.models import Subscriber, Thread
from byline.discussion.tests.factories import follower, inline_article, post, post_on
from byline.discussion.threads import services
from byline.migration import origins
from byline.migration.models import Origin
from byline.newsroom.models import Author, BylineImage, Person, SectionPage, Topic
from byline.newsroom.tests.factories import ArticlePageFactory, TopicFactory, publish


def build_site() -> dict:
    """Two articles with topics, a prompt, a thread with replies, an inline answer, a removed
    comment with a reply, votes from an account and a guest, subscriptions of every kind,
    an imported comment's origin and a redirect."""
    user = get_user_model().objects.create_user(
        "lena", "lena@readers.test", "pw", display_name="Lena R."
    )
    article = inline_article(title="Is this the end?")
    article.topics.add(TopicFactory(name="Award season", slug="award-season"))
    article.save_revision().publish()
    other = publish(ArticlePageFactory(title="Second season confirmed"))
    root = post(article, "I *knew* it.\n\nSee [this](https://example.net/).")
    reply = post(article, "Me too.", parent=root, as_user=user)
    post(article, "Third level.", parent=reply, token="t-2")
    gone = post(other, "Deleted later.", token="t-3")
    post(other, "A reply to a deleted comment.", parent=gone, token="t-4")
    services.delete_comment(comment_id=gone.pk, reader=Reader(guest_token="t-3"))
    post_on(article)
    services.post_comment(
        page=article, body="Not for a second.", reader=Reader(guest_token="t-5"),
        guest=services.Guest("Kim", "kim@guests.test"), passage=Passage(prompt_id="q-source"),
    )  # fmt: skip
    services.cast_vote(comment_id=root.pk, reader=Reader(user=user), value=1)
    services.cast_vote(comment_id=reply.pk, reader=Reader(guest_token="t-9"), value=-1)
    follower(article, "fan@readers.test")
    follower(article, "shy@readers.test", kind="replies", confirmed=False)
    follower(article, "one@readers.test", kind="comment", comment=root)
    origins.remember("wordpress", "comment", "42", root.pk)
    origins.remember("wordpress", "article", "5", article.pk)
    Redirect.objects.create(old_path="/2024/05/end", redirect_page=article, is_permanent=True)
    Thread.objects.filter(page=other).update(premoderated=True)
    return {"article": article, "other": other, "user": user}


def empty_site() -> None:
    """Remove every article, section, image, author, tag, account and discussion row."""
    for section in SectionPage.objects.all():
        section.delete()
    for image in BylineImage.objects.all():
        image.file.delete(save=False)
    for model in (BylineImage, Author, Topic, Person, Subscriber, Redirect, Origin):
        model.objects.all().delete()
    get_user_model().objects.all().delete()
