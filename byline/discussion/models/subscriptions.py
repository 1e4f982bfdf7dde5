"""Who asked to be told about new comments: one row per email address, one per subscription."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone


def normalise_address(address: str) -> str:
    """The form an address is stored and compared in.

    Local parts are case-sensitive in theory and never in practice; folding case keeps one
    person to one row, so preferences, rate limits and "never notify the author" all hold.
    """
    return (address or "").strip().lower()


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", "As they happen"
    DAILY = "daily", "In one daily digest"


class Subscriber(models.Model):
    """An email address that may receive notifications, with what it agreed to receive."""

    address = models.EmailField(max_length=254, unique=True)
    confirmed_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the address was proven to belong to a reader (a confirmed link or an account).",
    )
    mentions = models.BooleanField(
        default=True, help_text="Email this address when someone @mentions its comments' author."
    )
    default_frequency = models.CharField(
        max_length=16,
        choices=Frequency.choices,
        default=Frequency.IMMEDIATE,
        help_text="How often the “Notify of” control offers first, for a signed-in reader.",
    )
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.address

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class SubscriptionQuerySet(models.QuerySet["Subscription"]):
    def confirmed(self) -> SubscriptionQuerySet:
        return self.filter(confirmed_at__isnull=False)

    def for_display(self) -> SubscriptionQuerySet:
        return self.select_related("thread__page", "comment", "story", "topic", "person").order_by(
            "-created_at", "-pk"
        )


# What a follow of the newsroom (not of a thread) names: the kind and its field.
FOLLOW_TARGETS = {"story": "story", "topic": "topic", "person": "person"}


class Subscription(models.Model):
    """One address following one article, its own comments on it, or one comment's replies; or
    following the newsroom: a developing story, a topic or a person (new articles, a story's
    status changes)."""

    class Kind(models.TextChoices):
        ARTICLE = "article", "New follow-up comments"
        REPLIES = "replies", "New replies to my comments"
        COMMENT = "comment", "New replies to this comment"
        STORY = "story", "This story: new articles and changes of status"
        TOPIC = "topic", "New articles on this topic"
        PERSON = "person", "New articles about this person"

    Frequency = Frequency

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="subscriptions"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    # The thread of an article's kinds (article, replies, comment); none for a follow.
    thread = models.ForeignKey(
        "discussion.Thread",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="subscriptions",
    )
    # A follow names exactly one of these. The story is a page (the newsroom's story page);
    # topics and people are the newsroom's typed tags.
    story = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="story_followers",
    )
    topic = models.ForeignKey(
        "newsroom.Topic", null=True, blank=True, on_delete=models.CASCADE, related_name="followers"
    )
    person = models.ForeignKey(
        "newsroom.Person", null=True, blank=True, on_delete=models.CASCADE, related_name="followers"
    )
    comment = models.ForeignKey(
        "discussion.Comment",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="subscriptions",
    )
    frequency = models.CharField(
        max_length=16, choices=Frequency.choices, default=Frequency.IMMEDIATE
    )
    # Null until a guest confirms through the emailed link; nothing is sent before that.
    confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "kind", "thread"],
                condition=Q(comment__isnull=True),
                name="one_subscription_per_kind_and_thread",
            ),
            models.UniqueConstraint(
                fields=["subscriber", "comment"],
                condition=Q(comment__isnull=False),
                name="one_subscription_per_comment",
            ),
            models.CheckConstraint(
                condition=Q(kind="comment", comment__isnull=False)
                | (~Q(kind="comment") & Q(comment__isnull=True)),
                name="only_comment_subscriptions_name_a_comment",
            ),
            models.CheckConstraint(
                condition=(
                    Q(kind__in=["article", "replies", "comment"], thread__isnull=False)
                    & Q(story__isnull=True, topic__isnull=True, person__isnull=True)
                )
                | Q(kind="story", story__isnull=False, thread__isnull=True)
                | Q(kind="topic", topic__isnull=False, thread__isnull=True)
                | Q(kind="person", person__isnull=False, thread__isnull=True),
                name="each_subscription_names_its_one_target",
            ),
            models.UniqueConstraint(
                fields=["subscriber", "story"],
                condition=Q(story__isnull=False),
                name="one_follow_per_story",
            ),
            models.UniqueConstraint(
                fields=["subscriber", "topic"],
                condition=Q(topic__isnull=False),
                name="one_follow_per_topic",
            ),
            models.UniqueConstraint(
                fields=["subscriber", "person"],
                condition=Q(person__isnull=False),
                name="one_follow_per_person",
            ),
        ]
        indexes = [
            models.Index(fields=["thread", "kind", "subscriber"], name="subscriptions_of_a_thread"),
        ]

    def __str__(self) -> str:
        return f"{self.subscriber} follows {self.describe()}"

    @property
    def is_follow(self) -> bool:
        """Whether this follows the newsroom (a story, topic or person) rather than a thread."""
        return self.kind in FOLLOW_TARGETS

    @property
    def target(self):
        """What a follow follows: the story page, the topic or the person."""
        return getattr(self, FOLLOW_TARGETS[self.kind]) if self.is_follow else None

    def target_url(self) -> str:
        """Where what this subscription follows is read: the article's thread or the followed
        page."""
        if self.kind == Subscription.Kind.STORY:
            return self.story.url if self.story else ""
        if self.is_follow:
            return self.target.get_absolute_url() if self.target else ""
        page_url = self.thread.page_url if self.thread else ""
        return f"{page_url}#comments" if page_url else ""

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    def describe(self) -> str:
        """What this subscription follows, in words, for emails and the management page."""
        if self.kind == Subscription.Kind.STORY:
            return f"the story “{self.story.title if self.story else 'a removed story'}”"
        if self.kind == Subscription.Kind.TOPIC:
            return f"new articles on {self.topic.name if self.topic else 'a removed topic'}"
        if self.kind == Subscription.Kind.PERSON:
            return f"new articles about {self.person.name if self.person else 'a removed person'}"
        title = self.thread.page.title if self.thread else ""
        if self.kind == Subscription.Kind.ARTICLE:
            return f"new comments on “{title}”"
        if self.kind == Subscription.Kind.REPLIES:
            return f"replies to your comments on “{title}”"
        author = self.comment.author_name if self.comment else "a deleted"
        return f"replies to {author}’s comment on “{title}”"
