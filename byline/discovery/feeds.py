"""RSS 2.0 and Atom 1.0 feeds of the newest articles: site-wide, per section, topic, person, author
and developing story.

Every feed is one ``ArticleFeed`` subclass instance bound to a kind of subject; the subject (its
title, link and articles) is looked up from the URL, and an unknown slug is a 404.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from wagtail.models import Site

from byline.discussion.models import Comment, Thread
from byline.newsroom.models import (
    ArticlePage,
    Author,
    Person,
    PublicationSettings,
    SectionPage,
    StoryPage,
    Topic,
)

if TYPE_CHECKING:
    from django.utils.xmlutils import SimplerXMLGenerator

    from byline.newsroom.models.pages import ArticlePageQuerySet

FEED_LENGTH = 30
DUBLIN_CORE = "http://purl.org/dc/elements/1.1/"

# Characters XML 1.0 forbids: one of them (a vertical tab pasted from a word processor, say)
# would make the feed generator raise, turning the whole feed into a 500.
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(value: str) -> str:
    """Return ``value`` without the characters XML 1.0 cannot carry."""
    return XML_FORBIDDEN.sub("", value)


def site_name_for(request: HttpRequest) -> str:
    site = Site.find_for_request(request)
    return (site.site_name if site else "") or settings.WAGTAIL_SITE_NAME


def live_articles_for(request: HttpRequest) -> ArticlePageQuerySet:
    """Live, public articles of the site the request is for."""
    articles = ArticlePage.objects.live().public()
    site = Site.find_for_request(request)
    return articles.descendant_of(site.root_page) if site else articles


def feed_url_names(kind: str) -> tuple[str, str]:
    """Return the RSS and Atom URL names of a kind of feed ("site", "section", ...)."""
    prefix = "feed" if kind == "site" else f"{kind}_feed"
    return f"discovery:{prefix}_rss", f"discovery:{prefix}_atom"


def feed_paths(kind: str, slug: str | None = None) -> tuple[str, str]:
    kwargs = {"slug": slug} if slug else {}
    return tuple(reverse(name, kwargs=kwargs) for name in feed_url_names(kind))


@dataclass(frozen=True)
class FeedSubject:
    """What one feed is about, and the articles it lists."""

    request: HttpRequest
    title: str
    link: str
    description: str
    articles: ArticlePageQuerySet


def _site_subject(request: HttpRequest, slug: str | None = None) -> FeedSubject:
    site = Site.find_for_request(request)
    publication = PublicationSettings.for_site(site) if site else None
    name = site_name_for(request)
    description = (publication.description or publication.tagline) if publication else ""
    return FeedSubject(
        request=request,
        title=name,
        link="/",
        description=description or f"The latest stories from {name}.",
        articles=live_articles_for(request),
    )


def _section_subject(request: HttpRequest, slug: str | None = None) -> FeedSubject:
    site = Site.find_for_request(request)
    sections = SectionPage.objects.live().public()
    if site:
        sections = sections.child_of(site.root_page)
    section = sections.filter(slug=slug).first()
    if section is None:
        raise Http404("No such section.")
    name = site_name_for(request)
    return FeedSubject(
        request=request,
        title=f"{name}: {section.title}",
        link=section.get_url(request) or "/",
        description=section.intro or f"The latest {section.title} stories from {name}.",
        articles=live_articles_for(request).child_of(section),
    )


def _topic_subject(request: HttpRequest, slug: str | None = None) -> FeedSubject:
    topic = get_object_or_404(Topic, slug=slug)
    name = site_name_for(request)
    return FeedSubject(
        request=request,
        title=f"{name}: {topic.name}",
        link=topic.get_absolute_url(),
        description=topic.description or f"Stories about {topic.name} from {name}.",
        articles=live_articles_for(request).tagged_with_topic(topic),
    )


def _person_subject(request: HttpRequest, slug: str | None = None) -> FeedSubject:
    person = get_object_or_404(Person, slug=slug)
    name = site_name_for(request)
    return FeedSubject(
        request=request,
        title=f"{name}: {person.name}",
        link=person.get_absolute_url(),
        description=person.description or f"Stories about {person.name} from {name}.",
        articles=live_articles_for(request).tagged_with_person(person),
    )


def _author_subject(request: HttpRequest, slug: str | None = None) -> FeedSubject:
    author = get_object_or_404(Author, slug=slug)
    name = site_name_for(request)
    return FeedSubject(
        request=request,
        title=f"{name}: stories by {author.name}",
        link=author.get_absolute_url(),
        description=f"The latest stories by {author.name} for {name}.",
        articles=live_articles_for(request).by_author(author),
    )


def _story_subject(request: HttpRequest, slug: str | None = None) -> FeedSubject:
    """A developing story's articles; its status leads the description."""
    site = Site.find_for_request(request)
    stories = StoryPage.objects.live().public()
    if site:
        stories = stories.descendant_of(site.root_page)
    story = stories.filter(slug=slug).first()
    if story is None:
        raise Http404("No such story.")
    name = site_name_for(request)
    return FeedSubject(
        request=request,
        title=f"{name}: {story.title}",
        link=story.get_url(request) or "/",
        description=f"{story.status_label}: {story.summary}",
        articles=live_articles_for(request).filter(story=story),
    )


SUBJECTS: dict[str, Callable[[HttpRequest, str | None], FeedSubject]] = {
    "site": _site_subject,
    "section": _section_subject,
    "topic": _topic_subject,
    "person": _person_subject,
    "author": _author_subject,
    "story": _story_subject,
}


@dataclass(frozen=True)
class FeedEntry:
    """One article as a feed item, with every link already absolute where the feed needs it."""

    title: str
    link: str
    description: str
    pubdate: datetime
    updateddate: datetime
    authors: tuple[tuple[str, str], ...]
    categories: tuple[str, ...]
    guid: str


def article_guid(article: ArticlePage) -> str:
    """A tag URI (RFC 4151) that survives slug changes, moves and new hostnames."""
    authority = urlsplit(settings.BYLINE_BASE_URL).hostname or "localhost"
    return f"tag:{authority},{article.published_at:%Y-%m-%d}:article:{article.pk}"


def article_categories(article: ArticlePage) -> tuple[str, ...]:
    """Section, topics and people, in that order, each once."""
    names = [article.section.title] if article.section else []
    names += [tagged.tag.name for tagged in article.tagged_topics.all()]
    names += [tagged.tag.name for tagged in article.tagged_people.all()]
    return tuple(dict.fromkeys(xml_text(name) for name in names))


def feed_entry(article: ArticlePage, request: HttpRequest) -> FeedEntry:
    return FeedEntry(
        title=xml_text(article.title),
        link=article.get_url(request) or "/",
        # Readers show the description as HTML; the standfirst is plain text.
        description=escape(xml_text(article.standfirst)),
        pubdate=article.published_at,
        # The editorial "Updated" time, as readers see it on the page.
        updateddate=article.updated_at or article.published_at,
        authors=tuple(
            (xml_text(author.name), request.build_absolute_uri(author.get_absolute_url()))
            for author in article.byline_authors
        ),
        categories=article_categories(article),
        guid=article_guid(article),
    )


class BylineRssFeed(Rss201rev2Feed):
    """RSS 2.0 with one ``dc:creator`` per author (RSS's ``author`` holds a single email)."""

    def rss_attributes(self) -> dict[str, str]:
        return {**super().rss_attributes(), "xmlns:dc": DUBLIN_CORE}

    def add_item_elements(self, handler: SimplerXMLGenerator, item: dict) -> None:
        super().add_item_elements(handler, item)
        for name, _link in item["authors"]:
            handler.addQuickElement("dc:creator", name)


class BylineAtomFeed(Atom1Feed):
    """Atom 1.0 with one ``author`` element, name and page, per author."""

    def add_item_elements(self, handler: SimplerXMLGenerator, item: dict) -> None:
        super().add_item_elements(handler, item)
        for name, link in item["authors"]:
            handler.startElement("author", {})
            handler.addQuickElement("name", name)
            handler.addQuickElement("uri", link)
            handler.endElement("author")


class ArticleRssFeed(Feed):
    """The newest live articles about one subject, as RSS 2.0."""

    feed_type = BylineRssFeed
    item_guid_is_permalink = False

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.subject_for = SUBJECTS[kind]

    def get_object(self, request: HttpRequest, slug: str | None = None) -> FeedSubject:
        return self.subject_for(request, slug)

    def title(self, subject: FeedSubject) -> str:
        return xml_text(subject.title)

    def link(self, subject: FeedSubject) -> str:
        return subject.link

    def description(self, subject: FeedSubject) -> str:
        return xml_text(subject.description)

    def subtitle(self, subject: FeedSubject) -> str:
        return xml_text(subject.description)

    def items(self, subject: FeedSubject) -> Iterable[FeedEntry]:
        articles = subject.articles.for_listing().prefetch_related(
            "tagged_topics__tag", "tagged_people__tag"
        )[:FEED_LENGTH]
        return [feed_entry(article, subject.request) for article in articles]

    def item_title(self, entry: FeedEntry) -> str:
        # RSS readers treat titles as HTML, so Django escapes them once more; so do we.
        return escape(entry.title)

    def item_link(self, entry: FeedEntry) -> str:
        return entry.link

    def item_description(self, entry: FeedEntry) -> str:
        return entry.description

    def item_pubdate(self, entry: FeedEntry) -> datetime:
        return entry.pubdate

    def item_updateddate(self, entry: FeedEntry) -> datetime:
        return entry.updateddate

    def item_categories(self, entry: FeedEntry) -> tuple[str, ...]:
        return entry.categories

    def item_guid(self, entry: FeedEntry) -> str:
        return entry.guid

    def item_extra_kwargs(self, entry: FeedEntry) -> dict[str, object]:
        return {"authors": entry.authors}


class ArticleAtomFeed(ArticleRssFeed):
    """The same articles as Atom 1.0."""

    feed_type = BylineAtomFeed

    def item_title(self, entry: FeedEntry) -> str:
        # Atom titles are declared text, so they are not HTML-escaped.
        return entry.title


# The comments feed of one article (N4) ----------------------------------------------------------


def comments_feed_paths(page_id: int) -> tuple[str, str]:
    """The RSS and Atom paths of one article's comments feed."""
    names = ("discovery:comments_feed_rss", "discovery:comments_feed_atom")
    return tuple(reverse(name, kwargs={"page_id": page_id}) for name in names)


def takes_comments(article: ArticlePage) -> bool:
    """Whether the article shows a discussion: a thread switched off shows none, and no feed."""
    thread = Thread.objects.filter(page_id=article.pk).first()
    return article.has_discussion and (thread is None or thread.comments_enabled)


@dataclass(frozen=True)
class CommentsSubject:
    request: HttpRequest
    article: ArticlePage
    link: str


@dataclass(frozen=True)
class CommentEntry:
    """One published comment as a feed item, linking to its place under the article."""

    title: str
    link: str
    description: str
    author: str
    pubdate: datetime
    updateddate: datetime
    guid: str


def comment_entry(comment: Comment, article_link: str) -> CommentEntry:
    authority = urlsplit(settings.BYLINE_BASE_URL).hostname or "localhost"
    author = xml_text(comment.author_name)
    return CommentEntry(
        title=f"{'Reply' if comment.parent_id else 'Comment'} by {author}",
        link=f"{article_link}?comment={comment.pk}#comment-{comment.pk}",
        # Sanitised once, when it was written; readers show it as HTML.
        description=xml_text(comment.body_html),
        author=author,
        pubdate=comment.created_at,
        updateddate=comment.edited_at or comment.created_at,
        guid=f"tag:{authority},{comment.created_at:%Y-%m-%d}:comment:{comment.pk}",
    )


class CommentsRssFeed(Feed):
    """The newest published comments and replies under one live article, as RSS 2.0.

    Only what every reader sees: nothing held, shadowed, hidden or removed.
    """

    feed_type = Rss201rev2Feed
    item_guid_is_permalink = False

    def get_object(self, request: HttpRequest, page_id: str) -> CommentsSubject:
        article = live_articles_for(request).filter(pk=page_id).first()
        if article is None or not takes_comments(article):
            raise Http404("No comments feed here.")
        return CommentsSubject(request, article, article.get_url(request) or "/")

    def title(self, subject: CommentsSubject) -> str:
        return xml_text(f"Comments on “{subject.article.title}”")

    def link(self, subject: CommentsSubject) -> str:
        return f"{subject.link}#comments"

    def description(self, subject: CommentsSubject) -> str:
        name = site_name_for(subject.request)
        return xml_text(f"Readers’ comments on “{subject.article.title}”, from {name}.")

    def items(self, subject: CommentsSubject) -> Iterable[CommentEntry]:
        comments = Comment.objects.filter(
            thread__page_id=subject.article.pk, status=Comment.Status.PUBLISHED
        ).select_related("author")
        return [comment_entry(c, subject.link) for c in comments.order_by("-id")[:FEED_LENGTH]]

    def item_title(self, entry: CommentEntry) -> str:
        # RSS readers treat titles as HTML, so Django escapes them once more; so do we.
        return escape(entry.title)

    def item_link(self, entry: CommentEntry) -> str:
        return entry.link

    def item_description(self, entry: CommentEntry) -> str:
        return entry.description

    def item_author_name(self, entry: CommentEntry) -> str:
        return entry.author

    def item_pubdate(self, entry: CommentEntry) -> datetime:
        return entry.pubdate

    def item_updateddate(self, entry: CommentEntry) -> datetime:
        return entry.updateddate

    def item_guid(self, entry: CommentEntry) -> str:
        return entry.guid


class CommentsAtomFeed(CommentsRssFeed):
    """The same comments as Atom 1.0."""

    feed_type = Atom1Feed

    def item_title(self, entry: CommentEntry) -> str:
        # Atom titles are declared text, so they are not HTML-escaped.
        return entry.title
