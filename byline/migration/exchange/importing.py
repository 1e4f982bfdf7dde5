"""Load an export document into an empty site.

Rows are created in the document's order, so ids that follow creation order (and with them the
document's own numbering) come out the same; an imported record's origin is restored, so a
re-run of the WordPress or Disqus importer after a move still finds its earlier work. Comment
HTML in the file is never trusted: it is rendered again from the body by the sanitiser.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
from io import BytesIO

from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.db import transaction
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Site

from byline.discussion.models import Comment, Subscriber, Subscription, Thread
from byline.migration import origins
from byline.migration.conversation import IncomingComment, write_comments
from byline.migration.exchange.exporting import FORMAT, VERSION
from byline.migration.report import Report
from byline.newsroom.demo.seeding import backdate, home_page_of
from byline.newsroom.models import (
    ArticleAuthor,
    ArticlePage,
    Author,
    AuthorLink,
    BylineImage,
    Correction,
    Person,
    SectionPage,
    Topic,
)


class ExchangeError(Exception):
    """The document cannot be loaded; nothing was written."""


def moment(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    if parsed.tzinfo is None:
        raise ExchangeError(f"“{value}” has no time zone; the format's times are in UTC.")
    return parsed


def import_site(document: dict, *, report: Report | None = None) -> Report:
    """Load ``document`` into this site, which must have no articles or comments yet."""
    report = report or Report()
    _check(document)
    try:
        with transaction.atomic():
            _Loader(document, report).load()
    except (KeyError, TypeError, ValueError) as error:
        raise ExchangeError(f"The document is not a valid Byline export: {error!r}") from error
    return report


def _check(document: dict) -> None:
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ExchangeError("This is not a Byline export (its “format” is not byline-export).")
    if document.get("version") != VERSION:
        raise ExchangeError(
            f"This export is version {document.get('version')!r}; this Byline reads version {VERSION}."
        )
    if ArticlePage.objects.exists() or Comment.objects.exists():
        raise ExchangeError(
            "import_site loads into an empty site; this one has articles or comments."
        )


class _Loader:
    def __init__(self, document: dict, report: Report) -> None:
        self.document, self.report = document, report
        self.users: dict[str, object] = {}
        self.images: dict[int, BylineImage] = {}
        self.authors: dict[str, Author] = {}
        self.sections: dict[str, SectionPage] = {}
        self.articles: dict[int, ArticlePage] = {}
        self.comments: dict[int, int] = {}

    def load(self) -> None:
        self.load_users()
        self.load_images()
        self.load_authors()
        for model, key in ((Topic, "topics"), (Person, "people")):
            for tag in self.document.get(key, []):
                model.objects.update_or_create(
                    slug=tag["id"],
                    defaults={"name": tag["name"], "description": tag["description"]},
                )
        self.load_sections()
        self.load_articles()
        self.load_prompts()
        self.load_comments()
        self.load_subscriptions()
        self.load_redirects()

    def load_users(self) -> None:
        manager = get_user_model()._default_manager
        for entry in self.document.get("users", []):
            user, created = manager.get_or_create(username=entry["id"])
            if created:
                for name in ("email", "display_name", "first_name", "last_name", "is_active",
                             "is_staff", "is_superuser", "password"):  # fmt: skip
                    setattr(user, name, entry[name])
                user.date_joined = moment(entry["date_joined"])
                user.save()
            self.users[entry["id"]] = user
            _restore_origin(entry, "user", user.pk)
            self.report.add("user", created=created)

    def load_images(self) -> None:
        for entry in self.document.get("images", []):
            file = entry["file"]
            if "data" not in file:
                self.report.skip("image", entry["id"], "exported without its file")
                continue
            try:
                data = base64.b64decode(file["data"], validate=True)
            except binascii.Error as error:
                raise ExchangeError(f"image {entry['id']}: its file is not base64") from error
            if hashlib.sha1(data).hexdigest() != file["sha1"]:
                raise ExchangeError(f"image {entry['id']}: its file does not match its checksum")
            focal = entry.get("focal_point") or {}
            image = BylineImage(
                title=entry["title"], caption=entry["caption"], credit=entry["credit"],
                description=entry["alt"], source=entry["source"],
                usage_rights=entry["usage_rights"], file_size=len(data), file_hash=file["sha1"],
                file=ImageFile(BytesIO(data), name=file["name"]),
                focal_point_x=focal.get("x"), focal_point_y=focal.get("y"),
                focal_point_width=focal.get("width"), focal_point_height=focal.get("height"),
            )  # fmt: skip
            image.save()
            self.images[entry["id"]] = image
            _restore_origin(entry, "image", image.pk)
            self.report.add("image", created=True)

    def load_authors(self) -> None:
        for entry in self.document.get("authors", []):
            author = Author(
                name=entry["name"], slug=entry["id"], role=entry["role"], bio=entry["bio"],
                user=self.users.get(entry["user"]), photo=self.images.get(entry["photo"]),
                links=[AuthorLink(label=link["label"], url=link["url"]) for link in entry["links"]],
            )  # fmt: skip
            author.save()
            self.authors[author.slug] = author
            _restore_origin(entry, "author", author.pk)
            self.report.add("author", created=True)

    def load_sections(self) -> None:
        home = home_page_of(Site.objects.get(is_default_site=True))
        for entry in self.document.get("sections", []):
            section = SectionPage.objects.child_of(home).filter(slug=entry["id"]).first()
            if section is None:
                section = SectionPage(
                    title=entry["title"], slug=entry["id"], intro=entry["intro"], show_in_menus=True
                )
                home.add_child(instance=section)
                if entry["live"]:
                    section.save_revision().publish()
            self.sections[section.slug] = section.specific
            _restore_origin(entry, "section", section.pk)

    def load_articles(self) -> None:
        for entry in self.document.get("articles", []):
            article = self._article(entry)
            self.articles[entry["id"]] = article
            _restore_origin(entry, "article", article.pk)
            self.report.add("article", created=True)

    def _article(self, entry: dict) -> ArticlePage:
        hero = entry.get("hero")
        article = ArticlePage(
            title=entry["title"],
            slug=entry["slug"],
            standfirst=entry["standfirst"],
            hero_image=self.images.get(hero["image"]) if hero else None,
            body=[self._block(block) for block in entry["body"]],
            updated_at=moment(entry["updated"]),
            seo_title=entry.get("seo_title", ""),
            search_description=entry.get("search_description", ""),
            authors=[
                ArticleAuthor(author=self.authors[slug], sort_order=n)
                for n, slug in enumerate(entry["authors"])
            ],
            corrections=[
                Correction(
                    published_on=dt.date.fromisoformat(c["published_on"]),
                    note=c["note"],
                    sort_order=n,
                )
                for n, c in enumerate(entry["corrections"])
            ],
        )
        article.topics.add(*Topic.objects.filter(slug__in=entry["topics"]))
        article.people.add(*Person.objects.filter(slug__in=entry["people"]))
        self.sections[entry["section"]].add_child(instance=article)
        revision = article.save_revision()
        if entry["live"]:
            revision.publish()
        published = moment(entry["first_published"])
        if published:
            backdate(article, published=published, last_published=moment(entry["last_published"]))
        discussion = entry.get("discussion")
        if discussion:
            Thread.objects.update_or_create(
                page_id=article.pk,
                defaults={
                    "comments_enabled": discussion["comments_enabled"],
                    "closed_at": moment(discussion["closed_at"]),
                    "premoderated": discussion["premoderated"],
                },
            )
        return article

    def _block(self, block: dict) -> dict:
        value = block["value"]
        if block["type"] == "image":
            image = self.images.get(value["image"])
            value = {**value, "image": image.pk if image else None}
        return {"type": block["type"], "value": value, "id": block["id"]}

    def load_prompts(self) -> None:
        """Prompts come back with their article's body; only their origin needs restoring."""
        for entry in self.document.get("prompts", []):
            _restore_origin(entry, "prompt", entry["id"])

    def load_comments(self) -> None:
        by_article: dict[int, list[IncomingComment]] = {}
        for entry in self.document.get("comments", []):
            by_article.setdefault(entry["article"], []).append(self._comment(entry))
        votes: dict[int, list[tuple[str, int]]] = {}
        for vote in self.document.get("votes", []):
            voter = vote["voter"]
            key = f"u:{self.users[voter['user']].pk}" if "user" in voter else voter["key"]
            votes.setdefault(vote["comment"], []).append((key, vote["value"]))
        for article_id, incoming in by_article.items():
            for comment in incoming:
                comment.voters = votes.get(int(comment.key), [])
            ids = write_comments(
                page=self.articles[article_id],
                incoming=incoming,
                report=self.report,
                keep_order=True,
            )
            self.comments.update({int(key): pk for key, pk in ids.items()})

    def _comment(self, entry: dict) -> IncomingComment:
        author = entry["author"]
        anchor = entry.get("anchor")
        origin = entry.get("origin")
        return IncomingComment(
            key=str(entry["id"]),
            parent_key=None if entry["parent"] is None else str(entry["parent"]),
            status=entry["status"],
            created=moment(entry["created"]),
            edited=moment(entry["edited"]),
            removed=moment(entry["removed"]),
            name=author["name"],
            email=author["email"],
            user=self.users.get(author["user"]),
            body=entry["body"],
            ip=entry["ip"],
            up=entry["up"],
            down=entry["down"],
            anchor=anchor
            and {
                "prompt_id": entry.get("prompt") or "",
                "block_id": anchor["block"],
                "exact": anchor["exact"],
                "prefix": anchor["prefix"],
                "suffix": anchor["suffix"],
                "start": anchor["start"],
                "end": anchor["end"],
                "state": anchor["state"],
                "dismissed_at": moment(anchor["dismissed"]),
            },
            origin=(origin["system"], origin["id"]) if origin else None,
        )

    def load_subscriptions(self) -> None:
        for entry in self.document.get("subscribers", []):
            Subscriber.objects.update_or_create(
                address=entry["email"],
                defaults={
                    "confirmed_at": moment(entry["confirmed"]),
                    "mentions": entry["mentions"],
                    "created_at": moment(entry["created"]),
                },
            )
        for entry in self.document.get("subscriptions", []):
            subscriber, _ = Subscriber.objects.get_or_create(address=entry["email"])
            subscription = Subscription.objects.create(
                subscriber=subscriber,
                kind=entry["kind"],
                thread=Thread.objects.for_page(self.articles[entry["article"]]),
                comment_id=self.comments.get(entry["comment"]),
                confirmed_at=moment(entry["confirmed_at"]) if entry["confirmed"] else None,
                frequency=entry["frequency"],
                created_at=moment(entry["created"]),
            )
            _restore_origin(entry, "subscription", subscription.pk)
            self.report.add("subscription", created=True)

    def load_redirects(self) -> None:
        for entry in self.document.get("redirects", []):
            page = self.articles.get(entry["article"]) if "article" in entry else None
            Redirect.objects.update_or_create(
                old_path=entry["old_path"],
                site=None,
                defaults={
                    "is_permanent": entry["permanent"],
                    "redirect_page": page,
                    "redirect_link": "" if page else entry.get("url") or "",
                },
            )
            self.report.add("redirect", created=True)


def _restore_origin(entry: dict, kind: str, object_id) -> None:
    origin = entry.get("origin")
    if origin:
        origins.remember(origin["system"], kind, origin["id"], object_id)
