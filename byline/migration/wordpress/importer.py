"""Import a WordPress site: its posts as articles, their comments as the discussion.

The file is read twice, streaming (``wxr.scan`` then ``wxr.items``). Each post is written in
its own transaction with its images, comments, prompts and redirects, so a failure leaves no
half-written article and the run carries on with the next post. Every object is recorded in
the origin table, so running the import again updates what it wrote before. ``dry_run``
runs everything inside a transaction that is rolled back, and removes the files it stored.
"""

from __future__ import annotations

import html
import re
import zoneinfo
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.text import slugify
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Site

from byline.discussion.models import Comment
from byline.migration import origins
from byline.migration.comment_text import html_to_markdown
from byline.migration.conversation import IncomingComment, write_comments
from byline.migration.downloads import Downloader
from byline.migration.report import ImportFileError, ProgressCallback, Report, no_progress
from byline.migration.wordpress import body as bodies
from byline.migration.wordpress import wxr
from byline.migration.wordpress.images import ImageLibrary
from byline.migration.wordpress.wpdiscuz import WpDiscuzData
from byline.newsroom.demo.seeding import backdate, home_page_of
from byline.newsroom.models import ArticleAuthor, ArticlePage, Author, SectionPage, Topic
from byline.newsroom.models.pages import RESERVED_SLUGS

SYSTEM = "wordpress"
LIVE = {"publish"}
KEPT_AS_DRAFTS = {"draft", "pending", "future", "private"}
COMMENT_STATUS = {"1": Comment.Status.PUBLISHED, "0": Comment.Status.PENDING}
# wpDiscuz gives readers who leave no address a made-up one; addresses at the domains
# reserved for examples (RFC 2606) can never receive mail, so none of them is kept.
PLACEHOLDER_ADDRESS = re.compile(r"@(?:[\w-]+\.)*example\.(?:com|org|net)$", re.IGNORECASE)


@dataclass
class Options:
    uploads: Path | None = None
    comments: bool = True
    dry_run: bool = False
    time_zone: str = ""
    max_bytes: int | None = None
    # Fetches the pictures missing from ``uploads`` from the old site; None: never download.
    downloader: Downloader | None = None
    wpdiscuz: WpDiscuzData = field(default_factory=WpDiscuzData)


class _DryRun(Exception):
    """Raised at the end of a dry run to roll everything back."""


def import_wordpress(
    path: Path, options: Options, *, progress: ProgressCallback = no_progress
) -> Report:
    report = Report(dry_run=options.dry_run)
    try:
        zone = zoneinfo.ZoneInfo(options.time_zone or settings.TIME_ZONE)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as error:
        raise ImportFileError(f"Unknown time zone {options.time_zone!r}.") from error
    site = wxr.scan(path, limit=options.max_bytes)
    library = ImageLibrary(
        site.attachments, options.uploads, report,
        downloader=options.downloader, dry_run=options.dry_run, site_url=site.base_url,
    )  # fmt: skip
    run = _Run(site, options, zone, report, library)
    if not options.dry_run:
        # The scan has read the whole file: a broken or oversized one has stopped by now.
        run.import_items(path, progress)
        return report
    try:
        with transaction.atomic():
            run.import_items(path, progress)
            raise _DryRun
    except _DryRun:
        pass
    finally:
        library.delete_written()
    return report


class _Run:
    def __init__(self, site: wxr.Site, options: Options, zone, report: Report, library) -> None:
        self.site, self.options, self.zone, self.report = site, options, zone, report
        self.library = library
        self.home = home_page_of(Site.objects.get(is_default_site=True))
        self.sections: dict[str, SectionPage] = {}
        self.articles: dict[str, ArticlePage] = {}

    def import_items(self, path: Path, progress: ProgressCallback) -> None:
        total = sum(self.site.counts.values())
        for done, item in enumerate(wxr.items(path, limit=self.options.max_bytes), start=1):
            label = f"{item.post_type} {item.post_id}: {html.unescape(item.title)[:60]}"
            self.library.announce = lambda fetching, done=done: progress(done, total, fetching)
            if item.post_type == "post":
                self.import_post(item)
            elif item.post_type == "page":
                self.report.skip(
                    "page", item.post_id,
                    f"“{html.unescape(item.title)}”: Byline has no free-standing pages; recreate it by hand",
                )  # fmt: skip
            elif item.post_type != "attachment":
                self.report.skip(
                    item.post_type or "item",
                    item.post_id,
                    f"post type {item.post_type!r} is not imported",
                )
            progress(done, total, label)
        self.redirect_attachments()
        self.report_downloads()

    def report_downloads(self) -> None:
        library = self.library
        if library.downloaded:
            self.report.note(
                f"{_pictures(library.downloaded)} downloaded from {_hosts(library.downloaded)}."
            )
        if library.to_download:
            self.report.note(
                f"{_pictures(library.to_download)} not in the uploads will be downloaded from"
                f" {_hosts(library.to_download)} by the import; a dry run downloads nothing, so"
                " whether they can be had is not known yet."
            )

    def import_post(self, item: wxr.Item) -> None:
        if item.status not in LIVE | KEPT_AS_DRAFTS:
            self.report.skip(
                "post",
                item.post_id,
                f"status {item.status!r} (only published posts and drafts are imported)",
            )
            return
        mark = self.library.mark()
        try:
            with transaction.atomic():
                article = self.write_article(item)
                self.redirect(item, article)
                if self.options.comments:
                    self.write_discussion(item, article)
        except Exception as error:  # one bad post must not stop the run
            # Its transaction is undone: forget the sections and images it may have made.
            self.library.roll_back_to(mark)
            self.sections.clear()
            self.report.skip("post", item.post_id, f"not imported: {type(error).__name__}: {error}")
            return
        self.articles[item.post_id] = article

    # Articles ---------------------------------------------------------------------------

    def write_article(self, item: wxr.Item) -> ArticlePage:
        known = origins.find(SYSTEM, "article", item.post_id)
        article = ArticlePage.objects.filter(pk=known).first() if known else None
        created = article is None
        section = self.section_for(item)
        content = bodies.convert(
            item.content, post_id=item.post_id, resolve_image=self.library.resolve
        )
        for note in content.notes:
            self.report.note(f"post {item.post_id}: {note}")
        self.prompts = {prompt.feedback_id: prompt.block_id for prompt in content.prompts}
        for prompt in content.prompts:
            origins.remember(SYSTEM, "prompt", prompt.feedback_id, prompt.block_id)
        title = html.unescape(item.title).strip() or f"Untitled ({item.post_id})"
        standfirst = bodies.plain_words(html.unescape(item.excerpt)) or title
        if created:
            article = ArticlePage(
                slug=self.free_slug(section, item.slug or slugify(title) or f"post-{item.post_id}")
            )
        article.title, article.standfirst = title[:255], standfirst
        article.body = content.blocks
        article.hero_image = self.hero(item)
        published = wxr.utc_time(item.date, item.date_gmt, self.zone)
        modified = wxr.utc_time(item.modified, item.modified_gmt, self.zone)
        article.updated_at = modified if modified and published and modified > published else None
        author = self.author(item.creator)
        if created:
            article.authors = [ArticleAuthor(author=author, sort_order=0)] if author else []
            article.topics.set(self.topics(item))
            article.live = item.status in LIVE
            section.add_child(instance=article)
            origins.remember(SYSTEM, "article", item.post_id, article.pk)
        else:
            article.topics.set(self.topics(item))
            if author and not article.authors.filter(author=author).exists():
                article.authors.add(ArticleAuthor(author=author, sort_order=0))
        revision = article.save_revision()
        if item.status in LIVE:
            revision.publish()
            if published:
                backdate(article, published=published, last_published=modified or published)
        self.report.add("article" if item.status in LIVE else "draft", created=created)
        article.refresh_from_db()
        return article

    def free_slug(self, section: SectionPage, slug: str) -> str:
        slug, candidate, n = slug[:200], slug[:200], 2
        while Page.objects.child_of(section).filter(slug=candidate).exists():
            candidate, n = f"{slug}-{n}", n + 1
        return candidate

    def section_for(self, item: wxr.Item) -> SectionPage:
        categories = item.terms("category") or [("uncategorized", "Uncategorized")]
        slug, name = categories[0]
        if slug not in self.sections:
            self.sections[slug] = self.make_section(slug or slugify(name), html.unescape(name))
        return self.sections[slug]

    def make_section(self, slug: str, title: str) -> SectionPage:
        if slug in RESERVED_SLUGS:
            slug = f"{slug}-section"
        section = SectionPage.objects.child_of(self.home).filter(slug=slug).first()
        if section is not None:
            return section.specific
        section = SectionPage(title=title or slug, slug=slug, show_in_menus=True)
        self.home.add_child(instance=section)
        section.save_revision().publish()
        origins.remember(SYSTEM, "section", slug, section.pk)
        self.report.add("section", created=True)
        return section

    def topics(self, item: wxr.Item) -> list[Topic]:
        topics = []
        for slug, name in item.terms("post_tag"):
            topic, created = Topic.objects.get_or_create(
                slug=(slug or slugify(name))[:100], defaults={"name": html.unescape(name)[:100]}
            )
            if created:
                origins.remember(SYSTEM, "topic", slug or name, topic.pk)
                self.report.add("topic", created=True)
            topics.append(topic)
        return topics

    def author(self, login: str) -> Author | None:
        wp_author = self.site.authors.get(login)
        if wp_author is None:
            return None
        known = origins.find(SYSTEM, "author", login)
        author = Author.objects.filter(pk=known).first() if known else None
        if author is None:
            name = wp_author.display_name or login
            slug, n = slugify(name) or slugify(login) or "author", 2
            base = slug
            while Author.objects.filter(slug=slug).exists():
                slug, n = f"{base}-{n}", n + 1
            author = Author.objects.create(name=name[:120], slug=slug)
            origins.remember(SYSTEM, "author", login, author.pk)
            self.report.add("author", created=True)
        return author

    def hero(self, item: wxr.Item):
        thumbnail = item.meta.get("_thumbnail_id")
        return self.library.image(thumbnail) if thumbnail else None

    # Old addresses ----------------------------------------------------------------------

    def redirect(self, item: wxr.Item, article: ArticlePage) -> None:
        paths = {old_path(item.link), old_path(f"/?p={item.post_id}"), old_path(item.guid)}
        for path in paths - {None, "/", Redirect.normalise_path(article.url or "/")}:
            self.add_redirect(path, page=article)

    def add_redirect(self, path: str, *, page=None, link: str = "") -> None:
        _, created = Redirect.objects.update_or_create(
            old_path=path, site=None,
            defaults={"redirect_page": page, "redirect_link": link, "is_permanent": True},
        )  # fmt: skip
        self.report.add("redirect", created=created)

    def redirect_attachments(self) -> None:
        """An attachment's page goes to the article it belongs to, or else to the picture."""
        for attachment_id, item in self.site.attachments.items():
            article = self.articles.get(item.parent)
            image = self.library.images.get(attachment_id)
            paths = {old_path(item.link), old_path(f"/?attachment_id={attachment_id}")}
            for path in paths - {None, "/"}:
                if article is not None:
                    self.add_redirect(path, page=article)
                elif image is not None:
                    self.add_redirect(path, link=image.file.url)

    # Discussion -------------------------------------------------------------------------

    def write_discussion(self, item: wxr.Item, article: ArticlePage) -> None:
        incoming = [c for c in map(lambda c: self.comment(item, c), item.comments) if c]
        if incoming:
            write_comments(page=article, incoming=incoming, report=self.report)
        self.options.wpdiscuz.write_subscriptions(item.post_id, article, self.report)

    def comment(self, item: wxr.Item, comment: wxr.Comment) -> IncomingComment | None:
        if comment.type in ("pingback", "trackback"):
            self.report.skip("comment", comment.id, f"a {comment.type}, not a reader's comment")
            return None
        status = COMMENT_STATUS.get(comment.approved)
        if status is None:
            reason = {"spam": "marked as spam", "trash": "in the bin"}.get(
                comment.approved, f"status {comment.approved!r}"
            )
            self.report.skip("comment", comment.id, reason)
            return None
        created = wxr.utc_time(comment.date, comment.date_gmt, self.zone)
        if created is None:
            self.report.skip("comment", comment.id, "it has no date")
            return None
        up, down = wxr.wpdiscuz_votes(comment.meta)
        email = "" if PLACEHOLDER_ADDRESS.search(comment.email) else comment.email
        form_id = comment.meta.get("wpdiscuz_feedback_form_id", "")
        prompt = self.prompt_for(item, form_id) if form_id else ""
        return IncomingComment(
            key=comment.id,
            parent_key=None if comment.parent in ("", "0") else comment.parent,
            status=status,
            created=created,
            name=html.unescape(comment.author),
            email=email,
            user=self.account(comment.user_id),
            body=html_to_markdown(comment.content),
            ip=comment.ip,
            up=up,
            down=down,
            prompt_id=prompt,
            origin=(SYSTEM, comment.id),
            voters=self.options.wpdiscuz.voters(comment.id, self.account),
        )

    def prompt_for(self, item: wxr.Item, form_id: str) -> str:
        feedback_id = self.options.wpdiscuz.feedback_id(form_id)
        if feedback_id is None:
            # Without wpDiscuz's table: a post with one prompt can only mean that one.
            feedback_id = next(iter(self.prompts)) if len(self.prompts) == 1 else None
        return self.prompts.get(feedback_id or "", "")

    def account(self, wordpress_user_id: str):
        """The Byline account of a registered WordPress user the export names; None for guests."""
        if wordpress_user_id in ("", "0"):
            return None
        known = origins.find(SYSTEM, "user", wordpress_user_id)
        users = get_user_model()._default_manager
        if known:
            return users.filter(pk=known).first()
        person = self.site.author_by_id(wordpress_user_id) or self.options.wpdiscuz.user(
            wordpress_user_id
        )
        if person is None or not person.email:
            return None
        user = users.filter(email__iexact=person.email).first()
        if user is None:
            username, n = person.login[:140] or f"wordpress-{wordpress_user_id}", 2
            base = username
            while users.filter(username=username).exists():
                username, n = f"{base}-{n}", n + 1
            user = users.create_user(
                username=username, email=person.email, display_name=person.display_name[:80]
            )
            self.report.add("account", created=True)
        origins.remember(SYSTEM, "user", wordpress_user_id, user.pk)
        return user


def _pictures(urls: list[str]) -> str:
    return "1 picture" if len(urls) == 1 else f"{len(urls)} pictures"


def _hosts(urls: list[str]) -> str:
    return ", ".join(sorted({urlsplit(url).netloc for url in urls}))


def old_path(url: str) -> str | None:
    """The path and query of an old address, as Wagtail's redirects store it."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return Redirect.normalise_path(path)
