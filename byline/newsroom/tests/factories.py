"""Factories for newsroom content: images, authors, tags, sections and articles."""

from __future__ import annotations

import datetime as dt

import factory
import wagtail_factories
from django.utils import timezone
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
