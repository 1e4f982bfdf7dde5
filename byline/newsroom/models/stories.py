"""Developing stories (N8): a story groups the articles on one subject as it unfolds, and carries a
status (rumoured, reported, confirmed, denied, resolved) with a dated timeline of its changes.

A story is a Wagtail page under the stories index (``/stories/<slug>/``) rather than a snippet:
a page brings revisions, drafts, previews, approval workflows, scheduled publishing, a URL, the
sitemap and the page cache's purging with no code of ours, and its timeline entries are child
objects of the page, so a new status is part of a revision like any other edit and goes live
only when that revision is published.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable, Page
from wagtail.search import index

if TYPE_CHECKING:
    from byline.newsroom.models.pages import ArticlePage, ArticlePageQuerySet


class StoryStatus(models.TextChoices):
    RUMOURED = "rumoured", "Rumoured"
    REPORTED = "reported", "Reported"
    CONFIRMED = "confirmed", "Confirmed"
    DENIED = "denied", "Denied"
    RESOLVED = "resolved", "Resolved"


class StoriesIndexPage(Page):
    """``/stories/``: every developing story, the latest development first."""

    intro = models.CharField(
        max_length=250, blank=True, help_text="One sentence about the stories we follow."
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["newsroom.HomePage"]
    subpage_types = ["newsroom.StoryPage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        from byline.newsroom.models.pages import paginate

        context = super().get_context(request, *args, **kwargs)
        stories = (
            StoryPage.objects.live()
            .public()
            .child_of(self)
            .annotate(latest_entry_at=models.Max("timeline__happened_on"))
            .order_by(models.F("latest_entry_at").desc(nulls_last=True), "-first_published_at")
            .prefetch_related("timeline")
        )
        context["stories"] = paginate(request, stories)
        context["seo"] = {"page": self, "page_number": context["stories"].number}
        return context


class StoryPage(Page):
    """One developing story: what it is about, its timeline, and (through ``ArticlePage.story``)
    its articles in the order they were published."""

    summary = models.TextField(
        help_text="What the story is about, in a sentence or two; shown on its page and in feeds."
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        InlinePanel(
            "timeline",
            label="Timeline",
            min_num=1,
            help_text="Each change of status, dated, with a one-line note. The latest entry "
            "is the story's status; readers following the story hear of it once published.",
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    parent_page_types = ["newsroom.StoriesIndexPage"]
    subpage_types: list[str] = []

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["story"] = self
        context["articles"] = list(self.published_articles().for_listing().reverse())
        context["seo"] = {"page": self}
        return context

    @cached_property
    def entries(self) -> list[StoryStatusEntry]:
        """The timeline, oldest first (as the page shows it); the unsaved entries of a preview
        or a revision included."""
        return sorted(self.timeline.all(), key=StoryStatusEntry.sort_key)

    @property
    def latest_entry(self) -> StoryStatusEntry | None:
        return self.entries[-1] if self.entries else None

    @property
    def status(self) -> str:
        """The latest entry's status: the story's status now."""
        latest = self.latest_entry
        return latest.status if latest else StoryStatus.RUMOURED

    @property
    def status_label(self) -> str:
        return StoryStatus(self.status).label

    def published_articles(self) -> ArticlePageQuerySet:
        """The story's live, public articles, oldest first: the order of "Part n of m"."""
        from byline.newsroom.models.pages import ArticlePage

        return (
            ArticlePage.objects.live()
            .public()
            .filter(story=self)
            .order_by("first_published_at", "pk")
        )


class StoryStatusEntry(Orderable):
    """One dated change in a story's status, with a one-line note on what happened."""

    story = ParentalKey(StoryPage, on_delete=models.CASCADE, related_name="timeline")
    happened_on = models.DateTimeField(
        default=timezone.now, help_text="When the status changed (readers see the date)."
    )
    status = models.CharField(max_length=16, choices=StoryStatus.choices)
    note = models.CharField(
        max_length=200, help_text="One line on what happened: “Her agent confirms the split.”"
    )

    panels = [FieldPanel("happened_on"), FieldPanel("status"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = "timeline entry"
        verbose_name_plural = "timeline entries"

    def __str__(self) -> str:
        return f"{self.get_status_display()}: {self.note}"

    @staticmethod
    def sort_key(entry: StoryStatusEntry) -> tuple:
        # By date; the editor's order breaks ties between entries of one moment.
        return (entry.happened_on, entry.sort_order or 0, entry.pk or 0)

    @property
    def status_label(self) -> str:
        return StoryStatus(self.status).label


class StoryArrival(models.Model):
    """The first time an article was published in a story.

    One row per story and article, written when the article is published in the story (or a
    published article is linked to it): the row is what makes ``article_joined_story`` fire
    once for that pair, whatever is republished, withdrawn or relinked afterwards.
    """

    story = models.ForeignKey(StoryPage, on_delete=models.CASCADE, related_name="arrivals")
    article = models.ForeignKey(
        "newsroom.ArticlePage", on_delete=models.CASCADE, related_name="story_arrivals"
    )
    arrived_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["story", "article"], name="one_arrival_per_story")
        ]

    def __str__(self) -> str:
        return f"Article {self.article_id} in story {self.story_id}"


@dataclass(frozen=True)
class StoryPart:
    """Where one article stands in its story: what the story box shows."""

    story: StoryPage
    number: int
    total: int
    previous: ArticlePage | None
    next: ArticlePage | None


def story_part(article: ArticlePage) -> StoryPart | None:
    """The article's place in its live and public story, or None when it has none (no story, the story
    not published, or the article itself not among the story's published articles, as in a
    preview of a draft: then it is shown as the part after the last)."""
    story = article.story
    # A story behind a view restriction is not shown to the readers of its public articles
    # (nor named in their structured data or their description).
    if story is None or not StoryPage.objects.live().public().filter(pk=story.pk).exists():
        return None
    articles = list(story.published_articles().defer_streamfields())
    ids = [other.pk for other in articles]
    if article.pk in ids:
        index = ids.index(article.pk)
        return StoryPart(
            story=story,
            number=index + 1,
            total=len(articles),
            previous=articles[index - 1] if index > 0 else None,
            next=articles[index + 1] if index + 1 < len(articles) else None,
        )
    return StoryPart(
        story=story,
        number=len(articles) + 1,
        total=len(articles) + 1,
        previous=articles[-1] if articles else None,
        next=None,
    )
