"""Import a Disqus export: each thread's posts join the article its link names.

A thread is matched by its link: the article's current address, or an old one that Wagtail's
redirects send to it (a WordPress import records those), or a ``?p=ID`` address. Threads with
the same link (Disqus makes one per variant of a URL, and per identifier) are merged. Deleted
and spam posts are skipped, threads that match no article are reported with their post count.
The file is streamed; posts are gathered per article, then each article's discussion is written
in its own transaction (see ``conversation.write_comments``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree.ElementTree import Element

from django.db import transaction
from wagtail.contrib.redirects.models import Redirect

from byline.discussion.models import Comment
from byline.migration.comment_text import html_to_markdown
from byline.migration.conversation import IncomingComment, write_comments
from byline.migration.report import ImportFileError, ProgressCallback, Report, no_progress
from byline.migration.xmlfiles import elements, local_name
from byline.newsroom.models import ArticlePage

SYSTEM = "disqus"
INTERNALS = "{http://disqus.com/disqus-internals}id"


@dataclass
class _Thread:
    id: str
    link: str
    title: str


class _DryRun(Exception):
    pass


def import_disqus(
    path: Path, *, dry_run: bool = False, max_bytes: int | None = None,
    progress: ProgressCallback = no_progress,
) -> Report:  # fmt: skip
    report = Report(dry_run=dry_run)
    threads, posts = _read(Path(path), max_bytes, report)
    articles = _match(threads, posts, report)
    if not dry_run:
        _write(articles, posts, report, progress)
        return report
    try:
        with transaction.atomic():
            _write(articles, posts, report, progress)
            raise _DryRun
    except _DryRun:
        pass
    return report


def _text(element: Element, name: str) -> str:
    for child in element:
        if local_name(child.tag)[1] == name:
            return (child.text or "").strip() if name != "message" else (child.text or "")
    return ""


def _child(element: Element, name: str) -> Element | None:
    return next((child for child in element if local_name(child.tag)[1] == name), None)


def _read(path: Path, max_bytes, report: Report) -> tuple[dict[str, _Thread], dict[str, list]]:
    threads: dict[str, _Thread] = {}
    posts: dict[str, list[IncomingComment]] = defaultdict(list)
    if not _is_disqus(path):
        raise ImportFileError("This is not a Disqus export (its root element is not <disqus>).")
    for element in elements(path, wanted={"thread", "post"}, limit=max_bytes):
        kind = local_name(element.tag)[1]
        if kind == "thread" and element.get(INTERNALS) and _child(element, "link") is not None:
            thread = _Thread(
                element.get(INTERNALS), _text(element, "link"), _text(element, "title")
            )
            threads[thread.id] = thread
        elif kind == "post":
            post = _post(element, report)
            if post is not None:
                posts[post[0]].append(post[1])
    return threads, posts


def _is_disqus(path: Path) -> bool:
    """Whether the root element is <disqus>, read from the first kilobytes only."""
    with open(path, "rb") as handle:
        head = handle.read(4096)
    return b"<disqus" in head


def _post(element: Element, report: Report) -> tuple[str, IncomingComment] | None:
    post_id = element.get(INTERNALS) or ""
    if not post_id:
        report.skip("post", "?", "it has no dsq:id")
        return None
    if _text(element, "isDeleted") == "true":
        report.skip("post", post_id, "deleted")
        return None
    if _text(element, "isSpam") == "true":
        report.skip("post", post_id, "marked as spam")
        return None
    thread, parent = _child(element, "thread"), _child(element, "parent")
    created = _moment(_text(element, "createdAt"))
    if thread is None or created is None:
        report.skip("post", post_id, "it names no thread or has no date")
        return None
    author = _child(element, "author")
    name = (_text(author, "name") or _text(author, "username")) if author is not None else ""
    anonymous = author is not None and _text(author, "isAnonymous") == "true"
    return thread.get(INTERNALS, ""), IncomingComment(
        key=post_id,
        parent_key=parent.get(INTERNALS) if parent is not None else None,
        status=Comment.Status.PUBLISHED,
        created=created,
        name=name or "Anonymous",
        email="" if anonymous or author is None else _text(author, "email"),
        body=html_to_markdown(_text(element, "message")),
        ip=_text(element, "ipAddress"),
        origin=(SYSTEM, post_id),
    )


def _moment(value: str) -> dt.datetime | None:
    try:
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


def _match(threads: dict[str, _Thread], posts, report: Report) -> dict[int, list[str]]:
    """Article id -> the Disqus thread ids whose link leads to it (merging duplicates)."""
    articles: dict[int, list[str]] = defaultdict(list)
    for thread in threads.values():
        article = article_for_link(thread.link)
        if article is None:
            if posts.get(thread.id):
                report.skip(
                    "thread", thread.id,
                    f"{thread.link} matches no article ({len(posts[thread.id])} posts not imported)",
                )  # fmt: skip
            continue
        articles[article.pk].append(thread.id)
    for article_id, ids in articles.items():
        if len(ids) > 1:
            report.note(f"threads {', '.join(ids)} share an article ({article_id}): merged")
    known = set(threads)
    for thread_id, thread_posts in posts.items():
        if thread_id not in known:
            report.skip(
                "thread", thread_id, f"not in the file ({len(thread_posts)} posts not imported)"
            )
    return articles


def article_for_link(link: str) -> ArticlePage | None:
    """The article at ``link``'s path now, or the one an old address there redirects to."""
    parts = urlsplit(link.strip())
    path = parts.path or "/"
    current = path if path.endswith("/") else path + "/"
    for article in ArticlePage.objects.filter(slug=path.rstrip("/").rsplit("/", 1)[-1]):
        if article.url == current:
            return article
    old = path + ("?" + parts.query if parts.query else "")
    redirect = Redirect.objects.filter(old_path=Redirect.normalise_path(old)).first()
    if redirect is not None and redirect.redirect_page_id:
        return ArticlePage.objects.filter(pk=redirect.redirect_page_id).first()
    return None


def _write(articles: dict[int, list[str]], posts, report: Report, progress) -> None:
    total = len(articles)
    for done, (article_id, thread_ids) in enumerate(articles.items(), start=1):
        article = ArticlePage.objects.get(pk=article_id)
        incoming = [post for thread_id in thread_ids for post in posts.get(thread_id, [])]
        try:
            with transaction.atomic():
                write_comments(page=article, incoming=incoming, report=report)
        except Exception as error:  # one article's failure must not stop the others
            report.skip(
                "article", article_id, f"comments not imported: {type(error).__name__}: {error}"
            )
        progress(done, total, f"{article.title[:60]} ({len(incoming)} posts)")
