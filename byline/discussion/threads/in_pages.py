"""What the discussion shows inside the newsroom's pages, each piece declared as a dataclass.

The tags in ``templatetags/discussion.py`` build these and render each one's template with
exactly its fields, so a reader of ``discussion/thread.html`` finds here every name it uses.
Everything a piece depends on arrives as an argument: the request, the page, and, for the thread
re-shown after a refused comment, the form with its errors.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, fields
from typing import Any, ClassVar

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from wagtail.models import Page

from byline.discussion.anchoring import display
from byline.discussion.anchoring.passages import prompts
from byline.discussion.errors import DiscussionError
from byline.discussion.identity import Reader, guest_profile_of, reader_of
from byline.discussion.live import events, stores
from byline.discussion.models import Comment, Thread
from byline.discussion.notify import subscriptions
from byline.discussion.notify.forms import FollowForm, NotifyForm
from byline.discussion.row_ids import row_id
from byline.discussion.threads import cards, reading
from byline.discussion.threads.forms import CommentForm
from byline.newsroom.models import StoryPage
from byline.pagecache.shared import allow_patching, is_shared_page, mark_personal


class Piece:
    """A dataclass whose fields are the whole context of its template."""

    template_name: ClassVar[str]

    def template_context(self) -> dict[str, Any]:
        return {field.name: getattr(self, field.name) for field in fields(self)}  # type: ignore[arg-type]


@dataclass(frozen=True)
class LiveStream:
    events: str
    # The latest event before the page's comments were read: the stream starts after it, so
    # nothing that commits while the page is made, or between the page and the stream, is
    # missed (a comment the page already shows comes again and the client skips it; a page the
    # cache keeps is purged by every event of its thread, so its id is as good as a fresh one).
    since: str
    # One comment alone, with ``{id}`` in place of its id.
    comment: str


def live_position() -> str:
    """Where a page's stream will start: read before the page's comments, never after."""
    return stores.current().head_id() if settings.LIVE_EVENTS_URL else ""


def live_stream(view: reading.ThreadView, since: str) -> LiveStream | None:
    if not settings.LIVE_EVENTS_URL or view.thread is None:
        return None
    return LiveStream(
        events=events.stream_url(view.thread.pk),
        since=since,
        comment=reverse("discussion:comment", args=[1]).replace("/1/", "/{id}/"),
    )


@dataclass(frozen=True)
class ThreadUnderArticle(Piece):
    """The first page of the thread, rendered with the article in the same response."""

    template_name = "discussion/thread.html"

    view: reading.ThreadView
    form: CommentForm
    reader: Reader
    page: Page
    # The comment a no-JavaScript reader chose to reply to, shown above the form.
    replying_to: Comment | None
    # The editor's question the form answers, if the reader came from a prompt's marker.
    answering: str
    inline_feedback: dict
    notify_form: NotifyForm
    # The answer to a "Notify of" request made with the comment just posted.
    notice: str | None
    # Whether the bar offers "Inline Feedbacks" / "View all comments": the article has
    # editor's prompts or comments on its passages, or the thread is narrowed to them.
    inline_switch: bool
    # The live server's stream of this thread and where one comment is fetched (discussion.js), or
    # None where the site runs no live server or the thread has no row yet.
    live: LiveStream | None
    # On a page every reader may be given: where a guest's script asks for what is theirs on it
    # (views.yours); None on a page drawn for one reader.
    yours_url: str | None = None


def thread_under_article(
    request: HttpRequest, page: Page, *, form: CommentForm | None = None
) -> ThreadUnderArticle | None:
    """The thread as the query string asks for it; None where comments are off.

    ``form`` is a comment form the reader sent and the site refused: it is shown again with its
    errors in place of a fresh one."""
    reader = reader_of(request)
    since = live_position()
    view = reading.thread_view(
        page=page,
        reader=reader,
        sort=reading.parse_sort(request.GET.get("sort")),
        cursor=request.GET.get("after"),
        focus=focused_comment(request, reader),
        inline=reading.parse_inline(request.GET),
        picks=reading.parse_picks(request.GET),
    )
    if view.muting:
        mark_personal(request)
    if not view.enabled:
        return None
    cards.attach_to_thread(view)
    feedback = inline_feedback(page, reader)
    if form is None:
        form = CommentForm(
            reader=reader,
            shared=is_shared_page(request),
            initial={
                "parent": row_id(request.GET.get("reply_to")),
                "prompt": (view.inline or {}).get("prompt", ""),
                **guest_profile_of(request),
            },
        )
    return ThreadUnderArticle(
        view=view,
        form=form,
        reader=reader,
        page=page,
        replying_to=replying_to(form),
        answering=question_of(page, form["prompt"].value()),
        inline_feedback=feedback,
        notify_form=NotifyForm(
            reader=reader,
            follow=followed_comment(request, view),
            initial={"email": guest_profile_of(request).get("email", "")},
        ),
        notice=subscriptions.subscription_answer(reader)
        if request.GET.get("subscribed") == "1"
        else None,
        inline_switch=bool(feedback["passages"] or view.inline or question_ids(page)),
        live=live_stream(view, since),
        yours_url=patchable_by_guests(request, page),
    )


def patchable_by_guests(request: HttpRequest, page: Page) -> str | None:
    """On a shared page, where a guest's script asks for what is theirs; and the page may then
    be given to a guest whose script does that (``pagecache.shared.allow_patching``): all it
    shows a guest differently is in the comments, which the script's ask covers, and in the
    forms' name and email. (The highlights in the article's text stay every reader's: a guest's
    own held comment on a passage shows in the thread.)"""
    return reverse("discussion:yours", args=[page.pk]) if allow_patching(request) else None


def focused_comment(request: HttpRequest, reader: Reader) -> Comment | None:
    comment_id = row_id(request.GET.get("comment"))
    if comment_id is None:
        return None
    return Comment.objects.visible_to(reader).filter(pk=comment_id).first()


def followed_comment(request: HttpRequest, view: reading.ThreadView) -> Comment | None:
    """The comment a reader chose to follow with its "Follow" link, if it is in this thread."""
    target = row_id(request.GET.get("follow"))
    if target is None or view.thread is None:
        return None
    return (
        Comment.objects.filter(pk=target, thread=view.thread, status=Comment.Status.PUBLISHED)
        .select_related("author")
        .first()
    )


def replying_to(form: CommentForm) -> Comment | None:
    parent_id = row_id(form["parent"].value())
    if parent_id is None:
        return None
    return (
        Comment.objects.filter(pk=parent_id, status=Comment.Status.PUBLISHED)
        .select_related("author")
        .first()
    )


def question_ids(page: Page) -> set[str]:
    body = getattr(page, "body", None)
    return set(prompts(body)) if body is not None else set()


def question_of(page: Page, prompt_id: str | None) -> str:
    body = getattr(page, "body", None)
    if not prompt_id or body is None:
        return ""
    return prompts(body).get(str(prompt_id), {}).get("question", "")


def inline_feedback(page: Page, reader: Reader) -> dict:
    """What inline.js needs: where to fetch a passage's panel, and the highlights to draw."""
    return {
        "panel": reverse("discussion:passage", args=[page.pk]),
        "passages": display.highlights(page, reader),
    }


@dataclass(frozen=True)
class PromptMarker(Piece):
    """The marker on an editor's prompt: its question and how many readers answered."""

    template_name = "discussion/includes/prompt_marker.html"

    page: Page
    prompt_id: str
    question: str
    count: int


def prompt_marker(request: HttpRequest, page: Page, block: Any, memo: dict) -> PromptMarker | None:
    """The marker of the prompt ``block``; None where the page has no discussion or comments are
    off. ``memo`` lives as long as one render of the page, so an article with several prompts
    counts their answers once."""
    if block is None or not getattr(page, "has_discussion", False):
        return None
    counts = answer_counts(request, page, memo)
    if counts is None:
        return None
    return PromptMarker(
        page=page,
        prompt_id=block.id,
        question=block.value["question"],
        count=counts.get(block.id, 0),
    )


def answer_counts(request: HttpRequest, page: Page, memo: dict) -> Counter[str] | None:
    """How many comments answer each prompt of the page; None when its comments are off."""
    key = ("discussion.answer_counts", page.pk)
    if key not in memo:
        off = Thread.objects.filter(page_id=page.pk, comments_enabled=False).exists()
        memo[key] = None if off else display.prompt_counts(page, reader_of(request))
    return memo[key]


@dataclass(frozen=True)
class CommentCountLink(Piece):
    """The article's comment count in its byline, a link to the thread."""

    template_name = "discussion/includes/count_link.html"

    count: int


def comment_count_link(page: Page) -> CommentCountLink | None:
    thread = Thread.objects.filter(page_id=page.pk).first()
    if thread is None or not thread.comments_enabled:
        return None
    return CommentCountLink(count=thread.comment_count)


@dataclass(frozen=True)
class MostDiscussedRail(Piece):
    """The home page's rail of the articles with the most comments."""

    template_name = "discussion/includes/most_discussed.html"

    threads: list[Thread]


def most_discussed_rail() -> MostDiscussedRail:
    return MostDiscussedRail(
        threads=list(Thread.objects.most_discussed().in_sites().select_related("page")[:5])
    )


@dataclass(frozen=True)
class FollowBox(Piece):
    """The form that follows a story, a topic or a person, on its page or the article's."""

    template_name = "discussion/notify/includes/follow_form.html"

    follow_form: FollowForm
    target: Any
    kind: str
    follow_url: str
    reader: Reader
    notice: str | None = None


def follow_box(request: HttpRequest, target: Any) -> FollowBox | None:
    """The follow form for ``target`` (a story page, a topic or a person); None for anything
    that cannot be followed."""
    try:
        kind = subscriptions.follow_kind(target)
    except DiscussionError:
        return None
    key = str(target.pk) if kind == "story" else target.slug
    reader = reader_of(request)
    return FollowBox(
        follow_form=FollowForm(reader=reader, prefix_id=f"follow_{kind}"),
        target=target,
        kind=kind,
        follow_url=reverse("discussion:follow", args=[kind, key]),
        reader=reader,
    )


LIVELIEST_COMMENTS = 5


@dataclass(frozen=True)
class LiveliestComments(Piece):
    """On a developing story's page: the most voted published comments across the threads of
    its published articles, each linking to its place under its article."""

    template_name = "discussion/includes/liveliest_comments.html"

    comments: list[Comment]


def liveliest_comments(story: StoryPage, limit: int = LIVELIEST_COMMENTS) -> LiveliestComments:
    comments = (
        Comment.objects.filter(
            status=Comment.Status.PUBLISHED,
            thread__comments_enabled=True,
            thread__page__in=story.published_articles().values("pk"),
        )
        .select_related("thread__page", "author")
        .order_by("-score", "-reply_count", "-id")[:limit]
    )
    return LiveliestComments(comments=list(comments))
