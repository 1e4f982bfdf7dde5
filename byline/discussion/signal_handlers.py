"""Reactions to Wagtail events: a published article gets its discussion thread, and its inline
feedback is re-anchored to the new text by the worker; a thread's settings changed in the admin
(closed, comments off) purge the pages that show it, and so does a commenter's new name or
picture; a reader who proves an address is offered what they did as a guest with it
(readers.signal_handlers); a new article, and a correction, reach the readers who follow or
discussed it (notify.following); after `migrate`, the daily sweep of readers' data is queued; an
account deleted without an erasure (Wagtail's Users admin) leaves its comments signed "A former
reader"."""

from __future__ import annotations

from functools import partial

from allauth.account.signals import email_confirmed
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models.signals import post_migrate, post_save, pre_delete
from wagtail.models import Page
from wagtail.signals import page_published

from byline.accounts.profiles import profile_changed
from byline.discussion import tasks
from byline.discussion.models import Anchor, Comment, Thread
from byline.discussion.notify import following
from byline.discussion.privacy.erasure import FORMER_READER
from byline.discussion.readers.signal_handlers import offer_guest_past
from byline.discussion.threads import purging
from byline.newsroom.signals import article_joined_story, story_status_changed


def open_thread(sender, instance, **kwargs) -> None:
    if getattr(instance, "has_discussion", False):
        Thread.objects.for_page(instance)


def reanchor_feedback(sender, instance, **kwargs) -> None:
    if Anchor.objects.filter(comment__thread__page_id=instance.pk).exists():
        transaction.on_commit(partial(tasks.reanchor_article.enqueue, instance.pk))


def tell_readers_of_article(sender, instance, **kwargs) -> None:
    """A published article: on its first publication, the followers of its story, topics and
    people hear of it; every correction of it not announced yet reaches the readers who cared
    (``notify.following``; the worker does the telling)."""
    if not getattr(instance, "has_discussion", False) or not instance.live:
        return
    first = (
        instance.first_published_at and instance.first_published_at == instance.last_published_at
    )
    # An article behind a password or for some readers only is news to no follower.
    if first and Page.objects.public().filter(pk=instance.pk).exists():
        following.record_first_publication(instance, enqueue=tasks.enqueue_follow_event)
    following.record_corrections(instance, enqueue=tasks.enqueue_follow_event)


def tell_story_followers_of_article(sender, story, article, **kwargs) -> None:
    following.record_joined(story, article, enqueue=tasks.enqueue_follow_event)


def tell_story_followers_of_status(sender, story, entry, **kwargs) -> None:
    following.record_status_change(story, entry, enqueue=tasks.enqueue_follow_event)


def thread_changed(sender, instance: Thread, created: bool, raw: bool = False, **kwargs) -> None:
    if not raw and not created:
        purging.purge_thread(instance)


def author_changed(sender, user, **kwargs) -> None:
    purging.purge_author(user.pk)


def sign_comments_of_deleted_account(sender, instance, **kwargs) -> None:
    # A comment needs an author or a name (a database constraint): without this, deleting an
    # account that has commented would fail, and from Wagtail's Users admin with a server error.
    Comment.objects.filter(author=instance, guest_name="").update(guest_name=FORMER_READER)
    # Their comments now show another name: purge what shows them while they still name them.
    purging.purge_author(instance.pk)


def start_sweeping(sender, **kwargs) -> None:
    """After ``migrate``, make sure the daily sweep of readers' data (client addresses past
    their retention, expired archives) is in the worker's queue: each run queues the next."""
    if tasks.forget_personal_data.get_backend().supports_defer:
        tasks.schedule_sweep()


def register(app_config=None) -> None:
    page_published.connect(open_thread, dispatch_uid="byline-open-thread")
    page_published.connect(reanchor_feedback, dispatch_uid="byline-reanchor-feedback")
    page_published.connect(tell_readers_of_article, dispatch_uid="byline-tell-readers-of-article")
    article_joined_story.connect(
        tell_story_followers_of_article, dispatch_uid="byline-tell-story-followers-of-article"
    )
    story_status_changed.connect(
        tell_story_followers_of_status, dispatch_uid="byline-tell-story-followers-of-status"
    )
    post_save.connect(thread_changed, sender=Thread, dispatch_uid="byline-purge-thread")
    profile_changed.connect(author_changed, dispatch_uid="byline-purge-author")
    email_confirmed.connect(offer_guest_past, dispatch_uid="byline-offer-guest-past")
    pre_delete.connect(
        sign_comments_of_deleted_account,
        sender=get_user_model(),
        dispatch_uid="byline-sign-comments-of-deleted-account",
    )
    if app_config is not None:
        post_migrate.connect(
            start_sweeping, sender=app_config, dispatch_uid="byline-sweep-readers-data"
        )
