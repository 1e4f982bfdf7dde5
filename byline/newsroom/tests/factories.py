"""Factories for newsroom content: images, authors, tags, sections and articles."""

from __future__ import annotations

import datetime as dt

import factory
import wagtail_factories
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Page

from byline.newsroom.models import (
    ArticleAuthor,
    ArticlePage,
    Author,
    BylineImage,
    Correction,
    HomePage,
    Person,
    SectionPage,
    StoriesIndexPage,
    StoryPage,
    StoryStatusEntry,
    Topic,
)


def home_page() -> HomePage:
    """The home page created by the migrations."""
    return HomePage.objects.get(depth=2)


class ImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Picture {n}")
    caption = "A red carpet outside the Palladium Theatre."
    credit = "Northlight Agency / Mara Quell"
    # Tiny, in the hero's 16:9: every page with a hero renders eight renditions (AVIF among
    # them), and resizing a large picture dominated the suite's time. Tests about sizes or
    # crops pass ``file__width`` and ``file__height``.
    file = factory.django.ImageField(width=16, height=9, color="#884455")

    class Meta:
        model = BylineImage


class AuthorFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Author {n}")
    slug = factory.Sequence(lambda n: f"author-{n}")
    role = "Entertainment reporter"
    bio = "Covers film, television and the people in them."

    class Meta:
        model = Author


class TopicFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")

    class Meta:
        model = Topic


class PersonFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Person {n}")
    slug = factory.Sequence(lambda n: f"person-{n}")

    class Meta:
        model = Person


class SectionPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Section {n}")
    slug = factory.Sequence(lambda n: f"section-{n}")
    intro = "Stories from the world of entertainment."
    parent = factory.LazyFunction(home_page)
    show_in_menus = True

    class Meta:
        model = SectionPage


def default_body() -> list[tuple[str, object]]:
    return [
        (
            "paragraph",
            "<p>A source tells another outlet that the pair have not spoken in weeks.</p>",
        ),
        ("subheading", "What we know"),
        ("paragraph", "<p>“They are taking time apart,” a representative said on Tuesday.</p>"),
    ]


class ArticlePageFactory(wagtail_factories.PageFactory):
    """A live article in a new section, credited to one new author, published an hour ago."""

    title = factory.Sequence(lambda n: f"Is this the end for the stars of story {n}?")
    slug = factory.Sequence(lambda n: f"story-{n}")
    standfirst = "Sources close to the pair say the split has been coming for months."
    hero_image = factory.SubFactory(ImageFactory)
    body = factory.LazyFunction(default_body)
    parent = factory.SubFactory(SectionPageFactory)
    first_published_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(hours=1))

    class Meta:
        model = ArticlePage
        skip_postgeneration_save = True

    @factory.post_generation
    def authors(article, create, extracted, **kwargs):
        if not create:
            return
        for author in extracted if extracted is not None else [AuthorFactory()]:
            ArticleAuthor.objects.create(article=article, author=author)

    @factory.post_generation
    def corrections(article, create, extracted, **kwargs):
        for note in extracted or []:
            Correction.objects.create(article=article, note=note)


def publish(page: Page) -> Page:
    """Publish the page's latest state as a revision, as an editor's Publish button does."""
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def stories_index() -> StoriesIndexPage:
    """The stories index at /stories/, created under home the first time it is asked for."""
    index = StoriesIndexPage.objects.first()
    if index is None:
        index = home_page().add_child(instance=StoriesIndexPage(title="Stories", slug="stories"))
        publish(index)
    return index


def story_page(
    *entries: tuple[str, str], title: str = "The split", live: bool = True, days_ago: int = 10
) -> StoryPage:
    """A story under /stories/ with one timeline entry per (status, note), a day apart, the
    first ``days_ago`` days ago; published unless ``live`` is false."""
    start = timezone.now() - dt.timedelta(days=days_ago)
    timeline = [
        StoryStatusEntry(happened_on=start + dt.timedelta(days=n), status=status, note=note)
        for n, (status, note) in enumerate(entries or [("rumoured", "A source talks.")])
    ]
    slug = slugify(title) + f"-{StoryPage.objects.count() + 1}"
    story = StoryPage(title=title, slug=slug, summary=f"What we know about {title}.", live=False)
    story.timeline = timeline
    stories_index().add_child(instance=story)
    return publish(story) if live else story


def article_in(story: StoryPage, *, hours_ago: int = 1, **fields) -> ArticlePage:
    """A live article published in ``story`` ``hours_ago`` hours ago, through a revision."""
    article = ArticlePageFactory(live=False, first_published_at=None, story=story, **fields)
    publish(article)
    article.first_published_at = timezone.now() - dt.timedelta(hours=hours_ago)
    article.save(update_fields=["first_published_at"])
    return article
