"""Build the demo newsroom from ``content``: pictures, people, tags, sections and articles.

Pages are created and published through Wagtail's own APIs (``add_child``, ``save_revision``,
``publish``), exactly as an editor's clicks would, and then backdated so that the stories spread
over the last ten days. Everything happens in one transaction: a failure leaves no half-built site.
"""

from __future__ import annotations

import hashlib
import re
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from io import BytesIO
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from wagtail.models import Page, PageLogEntry, Revision, Site

from byline.newsroom.demo import content
from byline.newsroom.demo.images import encode
from byline.newsroom.demo.sourcing import (
    STANDARDS_BODY,
    STANDARDS_SLUG,
    STANDARDS_TITLE,
    mark_sources,
    type_of_work,
)
from byline.newsroom.demo.specs import (
    ArticleSpec,
    AuthorSpec,
    BodyBlock,
    ImageSpec,
    PublicationSpec,
    SectionSpec,
    StorySpec,
    TagSpec,
)
from byline.newsroom.models import (
    ArticleAuthor,
    ArticlePage,
    Author,
    AuthorLink,
    BylineImage,
    Correction,
    HomePage,
    Person,
    PublicationSettings,
    SectionPage,
    StandardsPage,
    StoriesIndexPage,
    StoryPage,
    StoryStatusEntry,
    Topic,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

DEMO_USERNAME = "admin"
DEMO_PASSWORD = "byline-demo"
DEMO_EMAIL = "admin@byline-demo.example"

# The site "launched" just before its oldest story; sections and the home page date from then.
LAUNCH_HOURS_BEFORE_OLDEST_STORY = 24
# Stable block ids, so inline feedback anchored to a block survives a re-seed on another machine.
BLOCK_ID_NAMESPACE = uuid.UUID("6f1c1a52-3c1e-4a3e-9a57-8d0c6b9b7e11")
ITALIC = re.compile(r"\*([^*]+)\*")


class DemoSeedError(Exception):
    """The site cannot take the demo content (its root page is not a newsroom home page)."""


@dataclass
class SeedSummary:
    sections: int = 0
    articles: int = 0
    recent_articles: int = 0
    authors: int = 0
    topics: int = 0
    people: int = 0
    images: int = 0
    seconds: float = 0.0

    def describe(self) -> str:
        return (
            f"Seeded the demo newsroom in {self.seconds:.1f} s: {self.sections} sections,"
            f" {self.articles} articles ({self.recent_articles} from the last 24 hours),"
            f" {self.authors} authors, {self.topics} topics, {self.people} people and"
            f" {self.images} images."
        )


@dataclass
class ImageLibrary:
    """Paint and store each picture once, remembering the files in case the seeding fails."""

    stored: dict[ImageSpec, BylineImage] = field(default_factory=dict)

    def image_for(self, spec: ImageSpec) -> BylineImage:
        if spec not in self.stored:
            self.stored[spec] = store_image(spec)
        return self.stored[spec]

    def delete_files(self) -> None:
        for image in self.stored.values():
            image.file.storage.delete(image.file.name)


def site_has_articles() -> int:
    """Return how many articles the site has: any at all means it is seeded or in real use."""
    return ArticlePage.objects.count()


def ensure_demo_superuser() -> bool:
    """Create the demo's superuser unless an account with its username exists; say if created."""
    users = get_user_model()._default_manager
    if users.filter(username=DEMO_USERNAME).exists():
        return False
    users.create_superuser(DEMO_USERNAME, DEMO_EMAIL, DEMO_PASSWORD)
    return True


def seed_demo_newsroom(
    *, now: datetime | None = None, editor: AbstractBaseUser | None = None
) -> SeedSummary:
    """Create and publish the whole demo newsroom, with ``now`` as the moment of the newest news.

    ``editor`` (a user) is recorded as the owner and publisher of the pages, as in the admin.
    """
    started = time.perf_counter()
    library = ImageLibrary()
    try:
        with transaction.atomic():
            summary = _build_newsroom(library, now=now or timezone.now(), editor=editor)
    except BaseException:
        library.delete_files()
        raise
    summary.seconds = time.perf_counter() - started
    return summary


def _build_newsroom(
    library: ImageLibrary, *, now: datetime, editor: AbstractBaseUser | None
) -> SeedSummary:
    site = Site.objects.get(is_default_site=True)
    home = home_page_of(site)
    launch = now - timedelta(
        hours=max(spec.hours_ago for spec in content.ARTICLES) + LAUNCH_HOURS_BEFORE_OLDEST_STORY
    )
    configure_publication(site, home, content.PUBLICATION, library, launch=launch, editor=editor)
    create_standards_page(home, launch=launch, editor=editor)
    sections = {
        spec.slug: create_section(home, spec, launch=launch, editor=editor)
        for spec in content.SECTIONS
    }
    authors = {spec.slug: create_author(spec, library) for spec in content.AUTHORS}
    topics = {spec.slug: tag_from(Topic, spec) for spec in content.TOPICS}
    people = {spec.slug: tag_from(Person, spec) for spec in content.PEOPLE}
    story_of = create_stories(home, launch=launch, now=now, editor=editor)
    articles = [
        publish_article(
            spec,
            section=sections[spec.section],
            authors=[authors[slug] for slug in spec.authors],
            topics=[topics[slug] for slug in spec.topics],
            people=[people[slug] for slug in spec.people],
            story=story_of.get(spec.slug),
            library=library,
            now=now,
            editor=editor,
        )
        for spec in content.ARTICLES
    ]
    return SeedSummary(
        sections=len(sections),
        articles=len(articles),
        recent_articles=sum(a.first_published_at >= now - timedelta(days=1) for a in articles),
        authors=len(authors),
        topics=len(topics),
        people=len(people),
        images=len(library.stored),
    )


def home_page_of(site: Site) -> HomePage:
    home = site.root_page.specific
    if not isinstance(home, HomePage):
        raise DemoSeedError(
            f"The default site's root page is a {type(home).__name__}, not a newsroom home page."
        )
    return home


def store_image(spec: ImageSpec) -> BylineImage:
    """Paint ``spec`` and save it in the image library with its caption, credit and rights."""
    encoded = encode(spec)
    image = BylineImage(
        title=spec.title,
        description=spec.caption,
        caption=spec.caption,
        credit=spec.credit,
        source=spec.source,
        usage_rights=spec.usage_rights,
        file=ImageFile(BytesIO(encoded.data), name=encoded.filename),
        file_size=len(encoded.data),
        file_hash=hashlib.sha1(encoded.data).hexdigest(),
    )
    image.save()
    return image


def configure_publication(
    site: Site,
    home: HomePage,
    spec: PublicationSpec,
    library: ImageLibrary,
    *,
    launch: datetime,
    editor: AbstractBaseUser | None,
) -> None:
    """Fill in the publication's settings where empty, and publish the home page's strapline."""
    settings = PublicationSettings.for_site(site)
    settings.tagline = settings.tagline or spec.tagline
    settings.description = settings.description or spec.description
    settings.logo = settings.logo or library.image_for(spec.logo)
    settings.save()
    home.strapline = home.strapline or spec.strapline
    publish(home, editor=editor)
    backdate(home, published=launch)


def create_standards_page(
    home: HomePage, *, launch: datetime, editor: AbstractBaseUser | None
) -> StandardsPage:
    """The editorial standards page that articles' sourcing summaries link to."""
    page = StandardsPage(title=STANDARDS_TITLE, slug=STANDARDS_SLUG, body=STANDARDS_BODY)
    home.add_child(instance=page)
    publish(page, editor=editor)
    backdate(page, published=launch)
    return page


def create_section(
    home: HomePage, spec: SectionSpec, *, launch: datetime, editor: AbstractBaseUser | None
) -> SectionPage:
    section = SectionPage(title=spec.title, slug=spec.slug, intro=spec.intro, show_in_menus=True)
    home.add_child(instance=section)
    publish(section, editor=editor)
    backdate(section, published=launch)
    return section


def create_author(spec: AuthorSpec, library: ImageLibrary) -> Author:
    author = Author.objects.filter(slug=spec.slug).first()
    if author:
        return author
    author = Author(
        name=spec.name,
        slug=spec.slug,
        role=spec.role,
        bio=spec.bio,
        photo=library.image_for(spec.photo),
        links=[AuthorLink(label=link.label, url=link.url) for link in spec.links],
    )
    author.save()
    return author


def tag_from(model: type[Topic] | type[Person], spec: TagSpec) -> Topic | Person:
    tag, _ = model.objects.get_or_create(
        slug=spec.slug, defaults={"name": spec.name, "description": spec.description}
    )
    return tag


def publish_article(
    spec: ArticleSpec,
    *,
    section: SectionPage,
    authors: list[Author],
    topics: list[Topic],
    people: list[Person],
    story: StoryPage | None = None,
    library: ImageLibrary,
    now: datetime,
    editor: AbstractBaseUser | None,
) -> ArticlePage:
    """Create the article in its section, publish it, and date it ``spec.hours_ago`` before now."""
    published = now - timedelta(hours=spec.hours_ago)
    updated = _hours_after(published, spec.updated_hours_after_publishing)
    article = ArticlePage(
        title=spec.title,
        slug=spec.slug,
        standfirst=spec.standfirst,
        hero_image=library.image_for(spec.hero),
        body=mark_sources(spec.slug, stream_data(spec, library)),
        type_of_work=type_of_work(spec.slug),
        updated_at=updated,
        authors=[ArticleAuthor(author=author, sort_order=i) for i, author in enumerate(authors)],
        corrections=corrections_of(spec, published),
        story=story,
    )
    article.topics.add(*topics)
    article.people.add(*people)
    section.add_child(instance=article)
    publish(article, editor=editor)
    backdate(article, published=published, last_published=updated or published)
    article.refresh_from_db()
    return article


def create_stories(
    home: HomePage, *, launch: datetime, now: datetime, editor: AbstractBaseUser | None
) -> dict[str, StoryPage]:
    """The stories index and every demo story, published with its whole timeline (each entry
    dated when its article is); return each story by the slugs of its articles."""
    index = StoriesIndexPage(
        title=content.STORIES_INDEX_TITLE, slug="stories", intro=content.STORIES_INDEX_INTRO
    )
    home.add_child(instance=index)
    publish(index, editor=editor)
    backdate(index, published=launch)
    hours_ago = {spec.slug: spec.hours_ago for spec in content.ARTICLES}
    story_of = {}
    for spec in content.STORIES:
        story = create_story(index, spec, hours_ago, now=now, editor=editor)
        story_of.update(dict.fromkeys((entry.article for entry in spec.timeline), story))
    return story_of


def create_story(
    index: StoriesIndexPage,
    spec: StorySpec,
    hours_ago: dict[str, float],
    *,
    now: datetime,
    editor: AbstractBaseUser | None,
) -> StoryPage:
    dated = [(now - timedelta(hours=hours_ago[entry.article]), entry) for entry in spec.timeline]
    story = StoryPage(
        title=spec.title,
        slug=spec.slug,
        summary=spec.summary,
        timeline=[
            StoryStatusEntry(happened_on=moment, status=entry.status, note=entry.note)
            for moment, entry in dated
        ],
    )
    index.add_child(instance=story)
    publish(story, editor=editor)
    backdate(story, published=dated[0][0], last_published=dated[-1][0])
    return story


def publish(page: Page, *, editor: AbstractBaseUser | None) -> None:
    """Publish the page's current state as a new revision, as the admin's Publish button does."""
    if editor is not None and page.owner_id is None:
        page.owner = editor
    page.save_revision(user=editor).publish(user=editor)


def backdate(page: Page, *, published: datetime, last_published: datetime | None = None) -> None:
    """Move a freshly published page, its revisions and its history back to ``published``."""
    last_published = last_published or published
    Page.objects.filter(pk=page.pk).update(
        first_published_at=published,
        last_published_at=last_published,
        latest_revision_created_at=last_published,
    )
    Revision.objects.for_instance(page).update(created_at=last_published)
    PageLogEntry.objects.filter(page=page).update(timestamp=last_published)


def _hours_after(moment: datetime, hours: float | None) -> datetime | None:
    return None if hours is None else moment + timedelta(hours=hours)


def corrections_of(spec: ArticleSpec, published: datetime) -> list[Correction]:
    return [
        Correction(
            published_on=timezone.localdate(moment),
            # The moment the thread places it by, as if published then (the demo backdates).
            published_at=moment,
            note=correction.note,
            sort_order=index,
        )
        for index, correction in enumerate(spec.corrections)
        for moment in [published + timedelta(hours=correction.hours_after_publishing)]
    ]


def stream_data(spec: ArticleSpec, library: ImageLibrary) -> list[dict]:
    """The article body as StreamField JSON, with block ids that are the same on every run."""
    blocks = []
    for index, block in enumerate(spec.body):
        block_id = _stable_id(f"{spec.slug}/{index}")
        blocks.append(
            {"type": block.kind, "value": _block_value(block, block_id, library), "id": block_id}
        )
    return blocks


def rich_text(text: str) -> str:
    """One paragraph of rich text: escaped, with ``*titles*`` in italics."""
    return "<p>" + ITALIC.sub(r"<i>\1</i>", str(escape(text))) + "</p>"


def _stable_id(name: str) -> str:
    return str(uuid.uuid5(BLOCK_ID_NAMESPACE, name))


def _block_value(block: BodyBlock, block_id: str, library: ImageLibrary) -> object:
    if block.kind == "paragraph":
        return rich_text(block.value)
    if block.kind == "inline_prompt":
        return {**block.value, "text": rich_text(block.value["text"])}
    if block.kind == "image":
        return {"image": library.image_for(block.value).pk, "caption": "", "credit": ""}
    if block.kind == "fact_box":
        facts = [
            {"type": "item", "value": fact, "id": _stable_id(f"{block_id}/{n}")}
            for n, fact in enumerate(block.value["facts"])
        ]
        return {"title": block.value["title"], "facts": facts}
    return block.value
