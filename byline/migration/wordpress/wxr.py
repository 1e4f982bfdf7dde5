"""Read a WordPress export (WXR 1.0 to 1.2) into plain records, streaming.

``scan`` reads the file once for what is small and needed up front: the site's address, its
authors and terms, every attachment and how many items of each type there are. ``items``
reads it again and yields one item at a time with its comments, so memory stays flat.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import Element

from byline.migration.report import ImportFileError
from byline.migration.xmlfiles import elements, local_name

NAMESPACE_PREFIXES = {
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://purl.org/dc/elements/1.1/": "dc",
    "http://wellformedweb.org/CommentAPI/": "wfw",
}
NO_DATE = "0000-00-00 00:00:00"


def prefixed(tag: str) -> str:
    """ "wp:post_id" for any WXR version's namespace, "content:encoded", "title"..."""
    namespace, name = local_name(tag)
    if namespace.startswith("http://wordpress.org/export/"):
        return f"excerpt:{name}" if namespace.rstrip("/").endswith("excerpt") else f"wp:{name}"
    prefix = NAMESPACE_PREFIXES.get(namespace)
    return f"{prefix}:{name}" if prefix else name


def texts(element: Element) -> dict[str, str]:
    """Child name -> text, for the simple children of an element."""
    return {prefixed(child.tag): (child.text or "") for child in element}


@dataclass
class Author:
    id: str
    login: str
    email: str
    display_name: str


@dataclass
class Comment:
    id: str
    author: str
    email: str
    ip: str
    date: str
    date_gmt: str
    content: str
    approved: str
    type: str
    parent: str
    user_id: str
    meta: dict[str, str] = field(default_factory=dict)


@dataclass
class Item:
    post_id: str
    post_type: str
    status: str
    title: str
    link: str
    slug: str
    content: str
    excerpt: str
    creator: str
    date: str
    date_gmt: str
    modified: str
    modified_gmt: str
    parent: str
    guid: str
    attachment_url: str
    categories: list[tuple[str, str, str]] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    comments: list[Comment] = field(default_factory=list)

    def terms(self, domain: str) -> list[tuple[str, str]]:
        """(slug, name) of the item's terms in ``domain`` ("category" or "post_tag")."""
        return [(slug, name) for kind, slug, name in self.categories if kind == domain]


@dataclass
class Site:
    base_url: str = ""
    wxr_version: str = ""
    authors: dict[str, Author] = field(default_factory=dict)
    attachments: dict[str, Item] = field(default_factory=dict)
    counts: Counter[str] = field(default_factory=Counter)

    def author_by_id(self, author_id: str) -> Author | None:
        return next((a for a in self.authors.values() if a.id == author_id), None)


def scan(path: Path, *, limit: int | None = None) -> Site:
    site = Site()
    wanted = {"item", "author", "base_site_url", "wxr_version"}
    for element in elements(path, wanted=wanted, limit=limit):
        name = prefixed(element.tag)
        if name == "wp:base_site_url":
            site.base_url = (element.text or "").strip().rstrip("/")
        elif name == "wp:wxr_version":
            site.wxr_version = (element.text or "").strip()
        elif name == "wp:author":
            author = _author(element)
            site.authors[author.login] = author
        elif name == "item":
            item = _item(element, with_comments=False)
            site.counts[item.post_type] += 1
            if item.post_type == "attachment":
                site.attachments[item.post_id] = item
    if not site.wxr_version:
        raise ImportFileError("This is not a WordPress export (it has no wp:wxr_version).")
    return site


def items(path: Path, *, limit: int | None = None) -> Iterator[Item]:
    for element in elements(path, wanted={"item"}, limit=limit):
        yield _item(element, with_comments=True)


def _author(element: Element) -> Author:
    fields = texts(element)
    return Author(
        id=fields.get("wp:author_id", "").strip(),
        login=fields.get("wp:author_login", "").strip(),
        email=fields.get("wp:author_email", "").strip(),
        display_name=fields.get("wp:author_display_name", "").strip(),
    )


def _item(element: Element, *, with_comments: bool) -> Item:
    fields = texts(element)
    item = Item(
        post_id=fields.get("wp:post_id", "").strip(),
        post_type=fields.get("wp:post_type", "").strip(),
        status=fields.get("wp:status", "").strip(),
        title=fields.get("title", ""),
        link=fields.get("link", "").strip(),
        slug=fields.get("wp:post_name", "").strip(),
        content=fields.get("content:encoded", ""),
        excerpt=fields.get("excerpt:encoded", ""),
        creator=fields.get("dc:creator", "").strip(),
        date=fields.get("wp:post_date", "").strip(),
        date_gmt=fields.get("wp:post_date_gmt", "").strip(),
        modified=fields.get("wp:post_modified", "").strip(),
        modified_gmt=fields.get("wp:post_modified_gmt", "").strip(),
        parent=fields.get("wp:post_parent", "0").strip(),
        guid=fields.get("guid", "").strip(),
        attachment_url=fields.get("wp:attachment_url", "").strip(),
    )
    if not item.post_id:
        raise ImportFileError("An item of the export has no wp:post_id.")
    for child in element:
        name = prefixed(child.tag)
        if name == "category":
            item.categories.append(
                (child.get("domain", ""), child.get("nicename", ""), child.text or "")
            )
        elif name == "wp:postmeta":
            meta = texts(child)
            item.meta[meta.get("wp:meta_key", "")] = meta.get("wp:meta_value", "")
        elif name == "wp:comment" and with_comments:
            item.comments.append(_comment(child))
    return item


def _comment(element: Element) -> Comment:
    fields = texts(element)
    comment = Comment(
        id=fields.get("wp:comment_id", "").strip(),
        author=fields.get("wp:comment_author", ""),
        email=fields.get("wp:comment_author_email", "").strip(),
        ip=fields.get("wp:comment_author_IP", "").strip(),
        date=fields.get("wp:comment_date", "").strip(),
        date_gmt=fields.get("wp:comment_date_gmt", "").strip(),
        content=fields.get("wp:comment_content", ""),
        approved=fields.get("wp:comment_approved", "").strip(),
        type=fields.get("wp:comment_type", "").strip(),
        parent=fields.get("wp:comment_parent", "0").strip() or "0",
        user_id=fields.get("wp:comment_user_id", "0").strip() or "0",
    )
    for child in element:
        if prefixed(child.tag) == "wp:commentmeta":
            meta = texts(child)
            comment.meta[meta.get("wp:meta_key", "")] = meta.get("wp:meta_value", "")
    return comment


def utc_time(local: str, gmt: str, zone: zoneinfo.ZoneInfo) -> dt.datetime | None:
    """The true UTC instant of a WXR date pair: the *_gmt field when WordPress filled it,
    else the local field read in the site's time zone (drafts have no GMT date)."""
    for value, tz in ((gmt, dt.UTC), (local, zone)):
        parsed = parse_wordpress_time(value)
        if parsed is not None:
            return parsed.replace(tzinfo=tz).astimezone(dt.UTC)
    return None


def parse_wordpress_time(value: str) -> dt.datetime | None:
    if not value or value == NO_DATE:
        return None
    try:
        return dt.datetime.strptime(value.strip(), "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return None


PHP_COUNT = re.compile(r's:\d+:"(like|dislike)";i:(-?\d+);')


def wpdiscuz_votes(meta: dict[str, str]) -> tuple[int, int]:
    """(likes, dislikes) from wpDiscuz's comment meta: the separate counts when it kept them
    (a PHP-serialised array), else its net total."""
    separate = dict(PHP_COUNT.findall(meta.get("wpdiscuz_votes_seperate", "")))
    if separate:
        return max(int(separate.get("like", 0)), 0), abs(int(separate.get("dislike", 0)))
    try:
        net = int(meta.get("wpdiscuz_votes", "0") or 0)
    except ValueError:
        return 0, 0
    return max(net, 0), max(-net, 0)
