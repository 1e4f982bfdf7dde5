"""Build the export document from the database.

Records refer to each other by the document's own ids: numbers in the order the rows were
created (articles, images, comments) or slugs and usernames where Byline has them. Importing
creates rows in that same order, so a second export numbers them the same way.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import re

from django.contrib.auth import get_user_model
from wagtail.contrib.redirects.models import Redirect

from byline.discussion.models import Anchor, Comment, Subscriber, Subscription, Thread, Vote
from byline.migration import origins
from byline.newsroom.models import ArticlePage, Author, BylineImage, Person, SectionPage, Topic

FORMAT = "byline-export"
VERSION = 1
USER_VOTER = re.compile(r"^u:(\d+)$")


def iso(moment: dt.datetime | None) -> str | None:
    """ISO 8601 in UTC with a Z, or None."""
    if moment is None:
        return None
    return moment.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def export_site(*, include_files: bool = True) -> dict:
    """The whole site's content and conversation as one JSON-ready document."""
    users = {user.pk: user for user in get_user_model()._default_manager.order_by("pk")}
    images = list(BylineImage.objects.order_by("pk"))
    image_ids = {image.pk: n for n, image in enumerate(images, start=1)}
    articles = list(ArticlePage.objects.order_by("pk").specific())
    article_ids = {article.pk: n for n, article in enumerate(articles, start=1)}
    # Grouped by article, each in posting order: the order import_site writes them in.
    comments = sorted(
        Comment.objects.filter(thread__page_id__in=article_ids).select_related("thread", "author"),
        key=lambda comment: (article_ids[comment.thread.page_id], comment.pk),
    )
    comment_ids = {comment.pk: n for n, comment in enumerate(comments, start=1)}
    refs = _Refs(users, image_ids, article_ids, comment_ids)
    return {
        "format": FORMAT,
        "version": VERSION,
        "users": _users(users),
        "authors": [_author(author, refs) for author in Author.objects.order_by("pk")],
        "topics": _tags(Topic.objects.order_by("pk"), "topic"),
        "people": _tags(Person.objects.order_by("pk"), "person"),
        "sections": [_section(section) for section in SectionPage.objects.order_by("path")],
        "images": _images(images, include_files),
        "articles": _articles(articles, refs),
        "prompts": [prompt for article in articles for prompt in _prompts(article, refs)],
        "comments": _comments(comments, refs),
        "votes": _votes(comment_ids, refs),
        "subscribers": _subscribers(),
        "subscriptions": _subscriptions(refs),
        "redirects": _redirects(refs),
    }


class _Refs:
    def __init__(self, users, image_ids, article_ids, comment_ids) -> None:
        self.users, self.image_ids = users, image_ids
        self.article_ids, self.comment_ids = article_ids, comment_ids

    def user(self, pk: int | None) -> str | None:
        return self.users[pk].get_username() if pk in self.users else None


def _users(users: dict) -> list[dict]:
    found = origins.of_objects("user", users)
    return [_user(user, found.get(str(user.pk))) for user in users.values()]


def _user(user, origin: dict | None) -> dict:
    return {
        "id": user.get_username(),
        "email": user.email,
        "display_name": getattr(user, "display_name", ""),
        "first_name": user.first_name,
        "last_name": user.last_name,
        "is_active": user.is_active,
        "is_staff": user.is_staff,
        "is_superuser": user.is_superuser,
        "date_joined": iso(user.date_joined),
        # The stored hash, so accounts sign in as before; keep the file private.
        "password": user.password,
        "origin": origin,
    }


def _author(author: Author, refs: _Refs) -> dict:
    return {
        "id": author.slug,
        "name": author.name,
        "role": author.role,
        "bio": author.bio,
        "user": refs.user(author.user_id),
        "photo": refs.image_ids.get(author.photo_id),
        "links": [{"label": link.label, "url": link.url} for link in author.links.all()],
        "origin": origins.of_objects("author", [author.pk]).get(str(author.pk)),
    }


def _tags(tags, kind: str) -> list[dict]:
    tags = list(tags)
    found = origins.of_objects(kind, [tag.pk for tag in tags])
    return [
        {
            "id": tag.slug,
            "name": tag.name,
            "description": tag.description,
            "origin": found.get(str(tag.pk)),
        }
        for tag in tags
    ]


def _section(section: SectionPage) -> dict:
    return {
        "id": section.slug,
        "title": section.title,
        "intro": section.intro,
        "live": section.live,
        "origin": origins.of_objects("section", [section.pk]).get(str(section.pk)),
    }


def _images(images: list[BylineImage], include_files: bool) -> list[dict]:
    found = origins.of_objects("image", [image.pk for image in images])
    documents = []
    for n, image in enumerate(images, start=1):
        document = {
            "id": n,
            "title": image.title,
            "caption": image.caption,
            "credit": image.credit,
            "alt": image.description,
            "source": image.source,
            "usage_rights": image.usage_rights,
            "focal_point": _focal_point(image),
            "file": {"name": image.file.name.rsplit("/", 1)[-1]},
            "origin": found.get(str(image.pk)),
        }
        if include_files:
            with image.file.open("rb") as handle:
                data = handle.read()
            document["file"]["sha1"] = hashlib.sha1(data).hexdigest()
            document["file"]["data"] = base64.b64encode(data).decode("ascii")
        documents.append(document)
    return documents


def _focal_point(image: BylineImage) -> dict | None:
    if image.focal_point_x is None:
        return None
    return {
        "x": image.focal_point_x,
        "y": image.focal_point_y,
        "width": image.focal_point_width,
        "height": image.focal_point_height,
    }


def _articles(articles: list[ArticlePage], refs: _Refs) -> list[dict]:
    found = origins.of_objects("article", [article.pk for article in articles])
    threads = {
        thread.page_id: thread for thread in Thread.objects.filter(page_id__in=refs.article_ids)
    }
    documents = []
    for article in articles:
        hero = article.hero_image
        thread = threads.get(article.pk)
        documents.append(
            {
                "id": refs.article_ids[article.pk],
                "url": article.url,
                "title": article.title,
                "slug": article.slug,
                "standfirst": article.standfirst,
                "live": article.live,
                "first_published": iso(article.first_published_at),
                "last_published": iso(article.last_published_at),
                "updated": iso(article.updated_at),
                "section": article.get_parent().slug,
                "topics": sorted(article.topics.values_list("slug", flat=True)),
                "people": sorted(article.people.values_list("slug", flat=True)),
                "authors": [
                    credit.author.slug for credit in article.authors.order_by("sort_order")
                ],
                "hero": hero
                and {
                    "image": refs.image_ids[hero.pk],
                    "caption": hero.caption,
                    "credit": hero.credit,
                    "alt": hero.description,
                },
                "body": _body(article, refs),
                "seo_title": article.seo_title,
                "search_description": article.search_description,
                "corrections": [
                    {"published_on": correction.published_on.isoformat(), "note": correction.note}
                    for correction in article.corrections.order_by("sort_order", "pk")
                ],
                "discussion": thread
                and {
                    "comments_enabled": thread.comments_enabled,
                    "closed_at": iso(thread.closed_at),
                    "premoderated": thread.premoderated,
                },
                "origin": found.get(str(article.pk)),
            }
        )
    return documents


def _body(article: ArticlePage, refs: _Refs) -> list[dict]:
    """The StreamField blocks as stored, with image ids turned into the document's."""
    blocks = []
    for block in article.body.raw_data:
        block = {"type": block["type"], "value": block["value"], "id": block.get("id")}
        if block["type"] == "image":
            block["value"] = {
                **block["value"],
                "image": refs.image_ids.get(block["value"]["image"]),
            }
        blocks.append(block)
    return blocks


def _prompts(article: ArticlePage, refs: _Refs) -> list[dict]:
    blocks = [block for block in article.body if block.block_type == "inline_prompt"]
    found = origins.of_objects("prompt", [block.id for block in blocks])
    return [
        {
            "id": block.id,
            "article": refs.article_ids[article.pk],
            "question": block.value["question"],
            "passage": block.value["passage"],
            "origin": found.get(str(block.id)),
        }
        for block in blocks
    ]


def _comments(comments: list[Comment], refs: _Refs) -> list[dict]:
    found = origins.of_objects("comment", [comment.pk for comment in comments])
    anchors = {anchor.comment_id: anchor for anchor in Anchor.objects.filter(comment__in=comments)}
    documents = []
    for comment in comments:
        anchor = anchors.get(comment.pk)
        documents.append(
            {
                "id": refs.comment_ids[comment.pk],
                "article": refs.article_ids[comment.thread.page_id],
                "parent": refs.comment_ids.get(comment.parent_id),
                "status": comment.status,
                "created": iso(comment.created_at),
                "edited": iso(comment.edited_at),
                "removed": iso(comment.removed_at),
                "author": {
                    "name": comment.author_name if comment.author_id else comment.guest_name,
                    "email": comment.author.email if comment.author_id else comment.guest_email,
                    "user": refs.user(comment.author_id),
                },
                "ip": comment.ip_address,
                "body": comment.body,
                "html": comment.body_html,
                "up": comment.upvotes,
                "down": comment.downvotes,
                "prompt": anchor.prompt_id or None if anchor else None,
                "anchor": anchor and _anchor(anchor),
                "origin": found.get(str(comment.pk)),
            }
        )
    return documents


def _anchor(anchor: Anchor) -> dict:
    return {
        "block": anchor.block_id,
        "exact": anchor.exact,
        "prefix": anchor.prefix,
        "suffix": anchor.suffix,
        "start": anchor.start,
        "end": anchor.end,
        "state": anchor.state,
        "dismissed": iso(anchor.dismissed_at),
    }


def _votes(comment_ids: dict[int, int], refs: _Refs) -> list[dict]:
    votes = Vote.objects.filter(comment_id__in=comment_ids).order_by("comment_id", "voter_key")
    documents = []
    for vote in votes:
        own = USER_VOTER.match(vote.voter_key)
        voter = {"user": refs.user(int(own[1]))} if own else {"key": vote.voter_key}
        documents.append(
            {"comment": comment_ids[vote.comment_id], "voter": voter, "value": vote.value}
        )
    return documents


def _subscribers() -> list[dict]:
    return [
        {
            "email": subscriber.address,
            "confirmed": iso(subscriber.confirmed_at),
            "mentions": subscriber.mentions,
            "created": iso(subscriber.created_at),
        }
        for subscriber in Subscriber.objects.order_by("pk")
    ]


def _subscriptions(refs: _Refs) -> list[dict]:
    subscriptions = (
        Subscription.objects.filter(thread__page_id__in=refs.article_ids)
        .select_related("subscriber", "thread")
        .order_by("pk")
    )
    found = origins.of_objects("subscription", [s.pk for s in subscriptions])
    return [
        {
            "kind": subscription.kind,
            "email": subscription.subscriber.address,
            "article": refs.article_ids[subscription.thread.page_id],
            "comment": refs.comment_ids.get(subscription.comment_id),
            "confirmed": subscription.confirmed_at is not None,
            "confirmed_at": iso(subscription.confirmed_at),
            "frequency": subscription.frequency,
            "created": iso(subscription.created_at),
            "origin": found.get(str(subscription.pk)),
        }
        for subscription in subscriptions
    ]


def _redirects(refs: _Refs) -> list[dict]:
    documents = []
    for redirect in Redirect.objects.order_by("old_path", "pk"):
        target = (
            {"article": refs.article_ids[redirect.redirect_page_id]}
            if (redirect.redirect_page_id in refs.article_ids)
            else {"url": redirect.link}
        )
        documents.append(
            {"old_path": redirect.old_path, "permanent": redirect.is_permanent, **target}
        )
    return documents
