"""The discussion's places in the newsroom's pages, and its admin screens."""

from __future__ import annotations

from django.contrib.auth.models import Permission
from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import StatusTagColumn
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from byline.discussion.admin import queues, reader_record, readers, undelivered
from byline.discussion.admin.dashboard import ConversationPanel
from byline.discussion.anchoring.passages import words_of_paragraph
from byline.discussion.models import Ban, Comment, Thread
from byline.discussion.moderation import actions as moderation_actions
from byline.discussion.moderation import bans as reader_bans
from byline.discussion.moderation import featuring
from byline.discussion.threads import purging
from byline.newsroom.appearances import site_path
from byline.newsroom.models import StoryPage


# The discussion's places in the newsroom's pages: each hook names the template that fills one
# ``{% slot %}`` (newsroom/templatetags/slots.py); the templates load ``{% load discussion %}``.
@hooks.register("byline_slot_after_article")
def thread_under_article() -> str:
    return "discussion/slots/after_article.html"


@hooks.register("byline_slot_inline_prompt")
def prompt_marker() -> str:
    return "discussion/slots/inline_prompt.html"


@hooks.register("byline_slot_article_head")
def discussion_assets() -> str:
    return "discussion/includes/assets.html"


@hooks.register("byline_slot_article_byline")
def comment_count_link() -> str:
    return "discussion/slots/article_byline.html"


@hooks.register("byline_slot_follow_story")
def follow_story() -> str:
    return "discussion/slots/follow_story.html"


@hooks.register("byline_slot_follow_topic")
@hooks.register("byline_slot_follow_person")
def follow_subject() -> str:
    return "discussion/slots/follow_subject.html"


@hooks.register("byline_slot_home_rails")
def most_discussed_rail() -> str:
    return "discussion/slots/home_rails.html"


@hooks.register("byline_slot_story_comments")
def liveliest_comments_of_story() -> str:
    return "discussion/slots/story_comments.html"


@hooks.register("byline_paths_showing_thread")
def story_showing_thread(page_id: int) -> set[str]:
    """A story's page shows the liveliest comments of its articles' threads."""
    story = StoryPage.objects.filter(story_articles__pk=page_id, live=True).only("url_path").first()
    path = site_path(story.url_path) if story else None
    return {path} if path else set()


# The editor's prompt block (newsroom) names its passage as readers' selections do.
hooks.register("byline_words_of_paragraph", words_of_paragraph)


@hooks.register("byline_decorate_articles")
def attach_comment_counts(articles) -> None:
    counts = dict(
        Thread.objects.filter(
            page_id__in=[article.pk for article in articles], comments_enabled=True
        ).values_list("page_id", "comment_count")
    )
    for article in articles:
        article.comment_count = counts.get(article.pk, 0)


@hooks.register("byline_seed_demo")
def seed_demo_discussion() -> str:
    """Readers' conversations under the demo articles, right after seed_demo built them."""
    # Imported here: the demo's data and the newsroom's picture painting have no place in the
    # memory of every web process that loads these hooks.
    from byline.discussion.demo import seed_demo_discussion

    return seed_demo_discussion()


def commenting(thread: Thread) -> str:
    """The thread's state in a word, for the Discussions list."""
    if not thread.comments_enabled:
        return "Off"
    return "Open" if thread.is_open() else "Closed"


def moderation_rule(thread: Thread) -> str:
    return "Every comment held" if thread.premoderated else "Usual rules"


class ThreadViewSet(SnippetViewSet):
    model = Thread
    icon = "comment"
    menu_label = "Discussions"
    menu_order = 210
    add_to_admin_menu = True
    # Words, not the raw True/False of the boolean fields.
    list_display = [
        "page",
        "comment_count",
        StatusTagColumn(
            "commenting", label="Comments", accessor=commenting, primary=Thread.is_open
        ),
        StatusTagColumn("premoderated", label="Moderation", accessor=moderation_rule),
        "closed_at",
        "last_comment_at",
    ]
    list_filter = ["comments_enabled", "premoderated"]
    panels = [FieldPanel("comments_enabled"), FieldPanel("closed_at"), FieldPanel("premoderated")]

    def get_queryset(self, request):
        # Each row shows its page, whose first publication also decides whether it is open.
        return Thread.objects.select_related("page")


register_snippet(ThreadViewSet)


@hooks.register("register_log_actions")
def moderation_log_actions(actions) -> None:
    """Moderators' decisions and readers' reports, in Wagtail's audit log."""
    logged = {**moderation_actions.LOG_ACTIONS, **featuring.LOG_ACTIONS, **reader_bans.LOG_ACTIONS}
    for action, (label, message) in logged.items():
        actions.register_action(action, label, message)


@hooks.register("register_admin_urls")
def reader_history_urls():
    """A reader's record and the "Ban" and pin/pick actions (names used across the admin)."""
    return reader_record.urlpatterns


register_permission_policy(Comment, queues.ModeratorsOnly(Comment), exact_class=True)
register_permission_policy(Ban, queues.ModeratorsOnly(Ban), exact_class=True)


@hooks.register("register_admin_viewset")
def moderation_admin():
    return queues.ModerationGroup()


@hooks.register("construct_homepage_panels")
def conversation_panel(request, panels) -> None:
    panels.append(ConversationPanel())


@hooks.register("insert_global_admin_css")
def moderation_menu_badges() -> str:
    return format_html(
        '<link rel="stylesheet" href="{}">', static("discussion/moderation/waiting.css")
    )


@hooks.register("register_admin_viewset")
def undelivered_notifications():
    return undelivered.viewset


@hooks.register("register_admin_viewset")
def readers_admin():
    return readers.viewset


@hooks.register("register_admin_menu_item")
def readers_menu_item():
    return readers.viewset.get_menu_item()


@hooks.register("register_log_actions")
def readers_log_actions(actions) -> None:
    """Editors' exports and erasures of a reader's data, in Wagtail's audit log."""
    for action, (label, message) in readers.LOG_ACTIONS.items():
        actions.register_action(action, label, message)


@hooks.register("register_reports_menu_item")
def undelivered_notifications_menu_item():
    return undelivered.viewset.get_menu_item()


@hooks.register("register_permissions")
def moderation_permission():
    return Permission.objects.filter(
        content_type__app_label="discussion",
        codename__in=["moderate_comment", "feature_comment", "review_anchor"],
    )


@hooks.register("byline_paths_showing")
def paths_of_article_discussion(page) -> set[str]:
    """An article published, withdrawn or restricted: its thread's fragments and its comments
    alone change with it (they are refused once it is not public)."""
    return purging.article_paths(page)
