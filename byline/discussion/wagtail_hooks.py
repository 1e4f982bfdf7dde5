"""The discussion's places in the newsroom's pages, and its admin screens."""

from __future__ import annotations

from django.contrib.auth.models import Permission
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import StatusTagColumn
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from byline.discussion.admin import queues, undelivered
from byline.discussion.admin.dashboard import ConversationPanel
from byline.discussion.anchoring import display
from byline.discussion.anchoring.passages import prompts, words_of_paragraph
from byline.discussion.identity import guest_profile_of, reader_of
from byline.discussion.models import Ban, Comment, Thread
from byline.discussion.moderation import actions as moderation_actions
from byline.discussion.notify import subscriptions
from byline.discussion.notify.forms import NotifyForm
from byline.discussion.row_ids import row_id
from byline.discussion.threads import reading
from byline.discussion.threads.forms import CommentForm
from byline.pagecache.shared import is_shared_page


@hooks.register("byline_slot_after_article")
def thread_under_article(context) -> str:
    """The first page of the thread, rendered with the article in the same response."""
    request, page = context["request"], context["page"]
    reader = reader_of(request)
    sort = reading.parse_sort(request.GET.get("sort"))
    view = reading.thread_view(
        page=page,
        reader=reader,
        sort=sort,
        cursor=request.GET.get("after"),
        focus=focused_comment(request),
        inline=reading.parse_inline(request.GET),
    )
    if not view.enabled:
        return ""
    prompt_id = (view.inline or {}).get("prompt", "")
    form = getattr(request, "discussion_form", None) or CommentForm(
        reader=reader,
        shared=is_shared_page(request),
        initial={
            "parent": reply_target_id(request),
            "prompt": prompt_id,
            **guest_profile_of(request),
        },
    )
    return render_to_string(
        "discussion/thread.html",
        {
            "view": view,
            "form": form,
            "reader": reader,
            "page": page,
            "replying_to": replying_to(form),
            "answering": question_of(page, form["prompt"].value()),
            "inline_feedback": inline_feedback(page, reader),
            "notify_form": NotifyForm(
                reader=reader,
                follow=followed_comment(request, view),
                initial={"email": guest_profile_of(request).get("email", "")},
            ),
            "notice": subscriptions.subscription_answer(reader)
            if request.GET.get("subscribed") == "1"
            else None,
        },
        request=request,
    )


@hooks.register("byline_slot_inline_prompt")
def prompt_marker(context) -> str:
    """The marker on an editor's prompt: its question and how many readers answered."""
    page, block = context["page"], context.get("block")
    if block is None or not getattr(page, "has_discussion", False):
        return ""
    if Thread.objects.filter(page_id=page.pk, comments_enabled=False).exists():
        return ""
    request = context["request"]
    counts = getattr(request, "_inline_prompt_counts", None)
    if counts is None:
        counts = request._inline_prompt_counts = display.prompt_counts(page, reader_of(request))
    return render_to_string(
        "discussion/includes/prompt_marker.html",
        {"page": page, "prompt_id": block.id, "question": block.value["question"],
         "count": counts.get(block.id, 0)},
    )  # fmt: skip


def inline_feedback(page, reader) -> dict:
    """What inline.js needs: where to fetch a passage's panel, and the highlights to draw."""
    return {
        "panel": reverse("discussion:passage", args=[page.pk]),
        "passages": display.highlights(page, reader),
    }


def question_of(page, prompt_id) -> str:
    body = getattr(page, "body", None)
    if not prompt_id or body is None:
        return ""
    return prompts(body).get(str(prompt_id), {}).get("question", "")


# The editor's prompt block (newsroom) names its passage as readers' selections do.
hooks.register("byline_words_of_paragraph", words_of_paragraph)


@hooks.register("byline_slot_article_head")
def discussion_assets(context) -> str:
    return render_to_string("discussion/includes/assets.html")


@hooks.register("byline_slot_article_byline")
def comment_count_link(context) -> str:
    thread = Thread.objects.filter(page_id=context["page"].pk).first()
    if thread is None or not thread.comments_enabled:
        return ""
    return render_to_string("discussion/includes/count_link.html", {"count": thread.comment_count})


@hooks.register("byline_slot_home_rails")
def most_discussed_rail(context) -> str:
    threads = list(Thread.objects.most_discussed().select_related("page")[:5])
    return render_to_string("discussion/includes/most_discussed.html", {"threads": threads})


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


def focused_comment(request) -> Comment | None:
    comment_id = row_id(request.GET.get("comment"))
    if comment_id is None:
        return None
    return Comment.objects.visible_to(reader_of(request)).filter(pk=comment_id).first()


def followed_comment(request, view) -> Comment | None:
    """The comment a reader chose to follow with its "Follow" link, if it is in this thread."""
    target = row_id(request.GET.get("follow"))
    if target is None or view.thread is None:
        return None
    return (
        Comment.objects.filter(pk=target, thread=view.thread, status=Comment.Status.PUBLISHED)
        .select_related("author")
        .first()
    )


def reply_target_id(request) -> int | None:
    return row_id(request.GET.get("reply_to"))


def replying_to(form: CommentForm) -> Comment | None:
    """The comment a no-JavaScript reader chose to reply to, shown above the form."""
    parent_id = row_id(form["parent"].value())
    if parent_id is None:
        return None
    return (
        Comment.objects.filter(pk=parent_id, status=Comment.Status.PUBLISHED)
        .select_related("author")
        .first()
    )


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
    for action, (label, message) in moderation_actions.LOG_ACTIONS.items():
        actions.register_action(action, label, message)


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


@hooks.register("register_admin_urls")
def undelivered_notifications_urls():
    return [
        path(
            "undelivered/",
            include((undelivered.urlpatterns, "discussion_undelivered")),
        )
    ]


@hooks.register("register_reports_menu_item")
def undelivered_notifications_menu_item():
    return undelivered.menu_item()


@hooks.register("register_permissions")
def moderation_permission():
    return Permission.objects.filter(
        content_type__app_label="discussion", codename__in=["moderate_comment", "review_anchor"]
    )
