"""The pages of the site: home, sections and articles."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models.query import ModelIterable
from django.utils import timezone
from django.utils.functional import cached_property
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, TitleFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from byline.newsroom.blocks import ArticleBodyBlock
from byline.newsroom.models.stories import StoryPart, story_part
from byline.newsroom.models.topics import TaggedPerson, TaggedTopic
from byline.newsroom.sourcing.panels import SourcingCheckPanel
from byline.newsroom.sourcing.summary import SourcingSummary, summarise_body
from byline.newsroom.sourcing.work import TypeOfWork, schema_type

if TYPE_CHECKING:
    from django.http import HttpRequest

ARTICLES_PER_PAGE = 20

# First path segments that belong to Byline's own views, so no section may take them.
RESERVED_SLUGS = frozenset(
    {
        "accounts", "admin", "author", "comments", "corrections", "django-admin", "documents",
        "feeds", "healthz", "media", "notify", "person", "robots.txt", "search", "sitemap.xml",
        "static", "stories", "topic",
    }
)  # fmt: skip


def paginate(request: HttpRequest, items, per_page: int = ARTICLES_PER_PAGE):
    """Return the page of ``items`` named by ``?page=``; out-of-range numbers give the last page."""
    return Paginator(items, per_page).get_page(request.GET.get("page"))


class HomePage(Page):
    """The front page: a lead story, the latest news and a rail per section."""

    lead_article = models.ForeignKey(
        "newsroom.ArticlePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Pin a story as the lead; the newest story leads otherwise.",
    )
    strapline = models.CharField(max_length=200, blank=True, help_text="Shown under the masthead.")

    content_panels = [*Page.content_panels, FieldPanel("strapline"), FieldPanel("lead_article")]
    subpage_types = ["newsroom.SectionPage", "newsroom.StoriesIndexPage", "newsroom.StandardsPage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = ArticlePage.objects.live().public().descendant_of(self).for_listing()
        lead = (
            self.lead_article if self.lead_article and self.lead_article.live else articles.first()
        )
        latest = articles.exclude(pk=lead.pk) if lead else articles
        context["lead"] = lead
        context["latest"] = paginate(request, latest, per_page=12)
        # What the <head> describes (byline.discovery.seo.SeoContext's fields).
        context["seo"] = {"page": self, "page_number": context["latest"].number}
        context["section_rails"] = [
            (section, latest.child_of(section)[:4])
            for section in SectionPage.objects.live().public().child_of(self).in_menu_order()
        ]
        return context


class SectionPageQuerySet(PageQuerySet):
    def in_menu_order(self) -> SectionPageQuerySet:
        return self.order_by("path")


class SectionPage(Page):
    """A section of the site ("Celebrity", "TV & Streaming") holding its articles."""

    intro = models.TextField(blank=True, help_text="One sentence about what this section covers.")

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["newsroom.HomePage"]
    subpage_types = ["newsroom.ArticlePage"]

    objects = PageManager.from_queryset(SectionPageQuerySet)()

    def clean(self) -> None:
        super().clean()
        if self.slug in RESERVED_SLUGS:
            raise ValidationError(
                {"slug": f"“{self.slug}” is used by the site itself; choose another."}
            )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = ArticlePage.objects.live().public().child_of(self).for_listing()
        context["articles"] = paginate(request, articles)
        context["seo"] = {"page": self, "page_number": context["articles"].number}
        return context


class ListingIterable(ModelIterable):
    """Yield articles ready for a teaser: their section attached, fetched in one query for the
    batch, and whatever other apps add through the ``byline_decorate_articles`` hook (such as
    comment counts), also once per batch."""

    def __iter__(self):
        articles = list(super().__iter__())
        parent_paths = {article.path[: -Page.steplen] for article in articles}
        sections = {
            section.path: section for section in SectionPage.objects.filter(path__in=parent_paths)
        }
        for article in articles:
            article.__dict__["section"] = sections.get(article.path[: -Page.steplen])
        for decorate in hooks.get_hooks("byline_decorate_articles"):
            decorate(articles)
        yield from articles


class ArticlePageQuerySet(PageQuerySet):
    def ready_for_listing(self) -> ArticlePageQuerySet:
        """A copy whose rows come out decorated by ``ListingIterable``.

        Django has no public way to choose a queryset's iterable class; ``_iterable_class`` is
        the attribute its own ``values()`` and Wagtail's ``specific()`` set, and this is the one
        place Byline sets it (newsroom/tests/test_pages.py checks what it attaches).
        """
        clone = self.all()
        clone._iterable_class = ListingIterable
        return clone

    def for_listing(self) -> ArticlePageQuerySet:
        """Newest first, with what a teaser shows loaded in a fixed number of queries."""
        return (
            self.order_by("-first_published_at", "-pk")
            .select_related("hero_image")
            .prefetch_related("authors__author")
            .ready_for_listing()
        )

    def tagged_with_topic(self, topic) -> ArticlePageQuerySet:
        return self.filter(tagged_topics__tag=topic)

    def tagged_with_person(self, person) -> ArticlePageQuerySet:
        return self.filter(tagged_people__tag=person)

    def by_author(self, author) -> ArticlePageQuerySet:
        return self.filter(authors__author=author)

    def published_since(self, moment) -> ArticlePageQuerySet:
        return self.filter(first_published_at__gte=moment)


class ArticlePage(Page):
    """A news article, laid out like the reference page of DESIGN.md."""

    standfirst = models.TextField(help_text="The story in one sentence, shown under the headline.")
    hero_image = models.ForeignKey(
        "newsroom.BylineImage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = StreamField(ArticleBodyBlock())
    topics = ClusterTaggableManager(
        through=TaggedTopic, blank=True, related_name="articles", verbose_name="topics"
    )
    people = ClusterTaggableManager(
        through=TaggedPerson,
        blank=True,
        related_name="articles",
        verbose_name="people",
        help_text="The people this story is about.",
    )
    updated_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Set when the story changes materially; readers see it as “Updated”.",
    )
    story = models.ForeignKey(
        "newsroom.StoryPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="story_articles",
        help_text="The developing story this article is part of, if any; its parts are "
        "numbered in the order they were first published.",
    )
    type_of_work = models.CharField(
        max_length=20,
        choices=TypeOfWork.choices,
        default=TypeOfWork.NEWS,
        help_text="Shown to readers above the headline, and to search engines.",
    )

    content_panels = [
        # TitleFieldPanel, as in Page.content_panels: it fills the slug while a new headline is
        # typed. A plain FieldPanel left the slug empty and the first Publish was refused.
        TitleFieldPanel("title", help_text="The headline."),
        FieldPanel("type_of_work"),
        FieldPanel("standfirst"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
        SourcingCheckPanel(heading="Sourcing check"),
        InlinePanel("authors", label="Authors", min_num=1),
        MultiFieldPanel([FieldPanel("topics"), FieldPanel("people")], heading="Tags"),
        # A page chooser limited to stories (Wagtail picks it for a foreign key to a page type).
        FieldPanel("story"),
        MultiFieldPanel(
            [FieldPanel("updated_at"), InlinePanel("corrections", label="Corrections")],
            heading="Updates and corrections",
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("standfirst"),
        index.SearchField("body"),
        index.RelatedFields("topics", [index.SearchField("name")]),
        index.RelatedFields("people", [index.SearchField("name")]),
        index.RelatedFields(
            "authors", [index.RelatedFields("author", [index.SearchField("name")])]
        ),
        index.FilterField("first_published_at"),
    ]
    parent_page_types = ["newsroom.SectionPage"]
    subpage_types: list[str] = []
    # Readers discuss articles: the discussion app gives pages with this flag a thread.
    has_discussion = True

    objects = PageManager.from_queryset(ArticlePageQuerySet)()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["seo"] = {"page": self}
        # What the apps filling this page's slots share over one render (templatetags/slots.py).
        context["slot_memo"] = {}
        return context

    @cached_property
    def section(self) -> SectionPage | None:
        parent = self.get_parent()
        return parent.specific if parent and isinstance(parent.specific, SectionPage) else None

    @cached_property
    def byline_authors(self) -> list:
        return [credit.author for credit in self.authors.all()]

    @cached_property
    def sourcing(self) -> SourcingSummary:
        """ "How this story is sourced", counted from the body's source marks."""
        return summarise_body(self.body)

    @cached_property
    def standards_page(self) -> StandardsPage | None:
        """The publication's standards page, which the sourcing summary links to."""
        return StandardsPage.objects.live().public().first()

    @property
    def schema_type(self) -> str:
        return schema_type(self.type_of_work)

    @property
    def published_at(self):
        return self.first_published_at or self.go_live_at or timezone.now()

    @cached_property
    def story_part(self) -> StoryPart | None:
        """Where the article stands in its story (the story box), or None."""
        return story_part(self)

    def related_articles(self, limit: int = 4) -> list[ArticlePage]:
        """Other live stories sharing a person or topic, newest first; the section fills any gap."""
        others = ArticlePage.objects.live().public().exclude(pk=self.pk)
        related = list(
            others.filter(
                models.Q(tagged_people__tag__in=self.people.all())
                | models.Q(tagged_topics__tag__in=self.topics.all())
            )
            .distinct()
            .for_listing()[:limit]
        )
        if len(related) < limit and self.section:
            chosen = [article.pk for article in related]
            related += list(
                others.child_of(self.section)
                .exclude(pk__in=chosen)
                .for_listing()[: limit - len(related)]
            )
        return related


class ArticleAuthor(Orderable):
    """One author credited on an article, in byline order."""

    article = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="authors")
    author = models.ForeignKey("newsroom.Author", on_delete=models.PROTECT, related_name="credits")

    panels = [FieldPanel("author")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["article", "author"], name="unique_author_per_article")
        ]


class Correction(Orderable):
    """A dated public note on what an article got wrong and how it was fixed."""

    article = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="corrections")
    published_on = models.DateField(default=timezone.localdate)
    note = models.TextField(help_text="What was wrong and what is right now.")
    # When the correction first went live (set on publish; readers see the date above). The
    # discussion places it in the thread by this moment.
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Read once, when the correction first goes live (``discussion.notify.following``).
    tell_story_followers = models.BooleanField(
        "Tell the story's followers too",
        default=False,
        help_text=(
            "Tick when the correction changes what the article's developing story says: the "
            "story's followers get it by email, not only the article's readers. Decided when "
            "the correction is first published; ticking it later sends nothing."
        ),
    )

    panels = [FieldPanel("published_on"), FieldPanel("note"), FieldPanel("tell_story_followers")]

    class Meta(Orderable.Meta):
        ordering = ["-published_on", "sort_order"]

    def __str__(self) -> str:
        return f"{self.published_on}: {self.note[:60]}"

    def save(self, *args, **kwargs) -> None:
        # Publishing a revision rewrites the article's corrections from the revision's copy,
        # which an editor's form may have taken before the first publish set this moment: the
        # moment, once set, is kept whatever revision is published later.
        if self.published_at is None and self.pk is not None:
            self.published_at = (
                Correction.objects.filter(pk=self.pk).values_list("published_at", flat=True).first()
            )
        super().save(*args, **kwargs)


class StandardsPage(Page):
    """The publication's editorial standards: how it sources, labels and corrects its stories.
    The sourcing summary of every article links here."""

    body = RichTextField(features=["h2", "h3", "bold", "italic", "link", "ol", "ul"])

    content_panels = [*Page.content_panels, FieldPanel("body")]
    parent_page_types = ["newsroom.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["seo"] = {"page": self}
        return context
