"""HTTP for the discussion: parse, call a service, then render a fragment or redirect.

Every form works without JavaScript (POST, then redirect to the comment). The enhancing script
sends ``Byline-Fragment: 1`` and gets just the changed piece of the page instead.
"""

from __future__ import annotations

from urllib.parse import quote

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from wagtail.models import Page

from byline.discussion.anchoring.passages import prompts
from byline.discussion.errors import DiscussionError
from byline.discussion.http import discussed_page, wants_fragment
from byline.discussion.identity import (
    guest_profile_of,
    guest_reader_for,
    reader_of,
    remember,
)
from byline.discussion.models import Comment, Thread, Vote
from byline.discussion.moderation import actions
from byline.discussion.notify import subscriptions
from byline.discussion.row_ids import row_ids
from byline.discussion.threads import cards, reading, roles, services
from byline.discussion.threads.forms import (
    CommentForm,
    EditCommentForm,
    ReportForm,
    form_started_token,
)
from byline.discussion.threads.services import Guest
from byline.pagecache.shared import allow_patching, is_shared_page, mark_personal
from byline.ratelimits import client_ip


def comment_url(comment: Comment) -> str:
    return comment.url_in_thread()


@require_POST
def post_comment(request: HttpRequest, page_id: int) -> HttpResponse:
    page = discussed_page(page_id)
    reader = guest_reader_for(request)
    form = CommentForm(request.POST, reader=reader)
    comment = None
    if form.is_valid():
        data = form.cleaned_data
        guest = None if reader.is_authenticated else Guest(name=data["name"], email=data["email"])
        try:
            comment = services.post_comment(
                page=page, body=data["body"], reader=reader, guest=guest,
                parent_id=data["parent"], ip_address=client_ip(request), form=form.evidence(),
                passage=form.passage,
            )  # fmt: skip
        except DiscussionError as error:
            form.add_error(error.field, error.message)
    if comment is None:
        return form_with_errors(request, page, form)
    notice = follow_up(page, reader, guest, form.cleaned_data["notify"])
    profile = None if reader.is_authenticated else {"name": guest.name, "email": guest.email}
    if wants_fragment(request):
        reading.attach_reader_state([comment], reader)
        roles.attach_roles([comment], page.pk)
        context = {"comment": comment, "page": page, "thread_open": True}
        response = render(request, "discussion/includes/comment.html", context, status=201)
        if notice:
            # Percent-encoded: HTTP headers carry ASCII only, and the script decodes it.
            response["Byline-Notice"] = quote(notice)
    else:
        url = comment_url(comment)
        response = redirect(url.replace("#", "&subscribed=1#", 1) if notice else url)
    return remember(response, reader, profile, request=request, page_id=page.pk)


def follow_up(page: Page, reader, guest: Guest | None, kind: str) -> str:
    """Subscribe the author as the comment form's "Notify of" asked; return what to tell them."""
    if not kind:
        return ""
    try:
        subscriptions.subscribe(
            page=page, kind=kind, user=reader.user, email=guest.email if guest else ""
        )
    except DiscussionError as error:
        return error.message
    return subscriptions.subscription_answer(reader)


def form_with_errors(request: HttpRequest, page: Page, form: CommentForm) -> HttpResponse:
    """Show the form again with its errors: the fragment, or the whole article without JavaScript."""
    if wants_fragment(request):
        context = {"form": form, "page": page, "reader": form.reader}
        return render(request, "discussion/includes/comment_form.html", context, status=400)
    response = page.serve(request)
    if isinstance(response, TemplateResponse):
        # The article is not rendered yet: the form joins its context, where the thread's tag
        # (discussion/slots/after_article.html) takes it.
        response.context_data["comment_form_with_errors"] = form
        response.status_code = 400
    return response


@require_GET
@never_cache
def form_started(request: HttpRequest) -> HttpResponse:
    """A fresh signed "form started" timestamp, for a form on a page the page cache shares.

    The discussion script asks for it when the reader starts on the form; never cached, so it
    says when this reader began.
    """
    return HttpResponse(form_started_token(), content_type="text/plain; charset=utf-8")


@require_GET
def thread_comments(request: HttpRequest, page_id: int) -> HttpResponse:
    """The next page of root comments (``after``), in the ``sort`` asked for."""
    page = discussed_page(page_id)
    sort = reading.parse_sort(request.GET.get("sort"))
    view = reading.thread_view(
        page=page, reader=reader_of(request), sort=sort, cursor=request.GET.get("after"),
        inline=reading.parse_inline(request.GET), picks=reading.parse_picks(request.GET),
    )  # fmt: skip
    if view.muting:
        mark_personal(request)
    if not wants_fragment(request):
        after = quote(request.GET.get("after", ""))
        return redirect(f"{page.url}?sort={sort}&after={after}&{view.inline_query}#comments")
    allow_patching(request)  # a guest's script puts their own in place (``yours``)
    cards.attach_to_thread(view)
    return render(request, "discussion/includes/comment_page.html", {"view": view, "page": page})


@require_GET
def passage_comments(request: HttpRequest, page_id: int) -> HttpResponse:
    """The comments on one passage or prompt, with a form to add one: the panel the script opens
    beside the words. Without the script, the thread filtered to them."""
    page = discussed_page(page_id)
    inline = reading.parse_inline(request.GET)
    if inline is None or "all" in inline:
        return refusal(request, "Choose a passage of the article.")
    view = reading.thread_view(page=page, reader=reader_of(request), inline=inline)
    if view.muting:
        mark_personal(request)
    if not wants_fragment(request):
        return redirect(f"{page.url}?{view.inline_query}#comments")
    reader = guest_reader_for(request)
    initial = {"prompt": inline.get("prompt", ""), **guest_profile_of(request)}
    context = {
        "view": view, "page": page, "reader": reader, "thread_open": view.is_open,
        "form": CommentForm(
            reader=reader, initial=initial, auto_id="inline_%s", shared=is_shared_page(request)
        ),
        "question": prompts(page.body).get(inline.get("prompt", ""), {}).get("question", ""),
    }  # fmt: skip
    return render(request, "discussion/includes/passage_panel.html", context)


@require_GET
def more_replies(request: HttpRequest, comment_id: int) -> HttpResponse:
    root = get_object_or_404(
        Comment.objects.visible().on_public_pages().select_related("thread__page"),
        pk=comment_id,
        parent=None,
    )
    if not wants_fragment(request):
        return redirect(comment_url(root))
    replies, more = reading.replies_page(
        root=root, reader=reader_of(request), after=request.GET.get("after", "")
    )
    if any(reply.muted for reply in replies):
        mark_personal(request)
    allow_patching(request)  # a guest's script puts their own in place (``yours``)
    context = {
        "replies": replies, "root": root, "page": root.thread.page,
        "thread_open": root.thread.is_open(),
        "next_after": replies[-1].position if more else None,
    }  # fmt: skip
    return render(request, "discussion/includes/reply_page.html", context)


@require_GET
def one_comment(request: HttpRequest, comment_id: int) -> HttpResponse:
    """One comment as the thread shows it to this reader: what the live script inserts when
    a comment arrives or replaces when one is edited. Without the script, the permalink."""
    reader = reader_of(request)
    comment = reading.one_comment(comment_id=comment_id, reader=reader)
    if comment is None:
        raise Http404("No such comment.")
    if not wants_fragment(request):
        return redirect(comment_url(comment))
    if reader.voter_key is not None:
        # Their vote, their edit link, their mutes: never a page the cache gives to others.
        mark_personal(request)
    thread = comment.thread
    context = {"comment": comment, "page": thread.page, "thread_open": thread.is_open()}
    return render(request, "discussion/includes/comment.html", context)


# How many comment ids a page's script may name in one ask for the reader's own state.
MOST_SHOWN_IDS = 1000


@require_GET
def yours(request: HttpRequest, page_id: int) -> HttpResponse:
    """What is a guest's own on a page of the thread the page cache gave every reader (their
    comments, their votes, their comments that only they see, the name and email they last
    used), for the page's script to put in place (``pagecache.shared.is_patchable_request``).

    ``ids`` names the comments the page shows (none when the script wants only the name and
    email), ``first`` says it is the thread's first page. No content (204) for a browser with
    no guest of its own: its script forgets the patch cookie.
    """
    page = discussed_page(page_id)
    reader = reader_of(request)
    if reader.user is not None or not reader.guest_token:
        return HttpResponse(status=204)
    mark_personal(request)
    thread = Thread.objects.filter(page_id=page.pk).first()
    shown_ids = row_ids(request.GET.get("ids", "").split(","), limit=MOST_SHOWN_IDS)
    # An article nobody has commented on yet has no thread: only the name and email to give.
    comments = [] if thread is None else reading.yours_among(
        thread=thread, page=page, reader=reader, shown_ids=shown_ids,
        first_page=request.GET.get("first") == "1",
    )  # fmt: skip
    context = {
        "comments": comments, "page": page, "profile": guest_profile_of(request),
        "thread_open": thread is not None and thread.is_open(),
    }  # fmt: skip
    return render(request, "discussion/includes/yours.html", context)


@require_GET
def permalink(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = get_object_or_404(
        Comment.objects.visible_to(reader_of(request))
        .on_public_pages()
        .select_related("thread__page"),
        pk=comment_id,
    )
    return redirect(comment_url(comment))


@require_POST
def vote(request: HttpRequest, comment_id: int) -> HttpResponse:
    reader = guest_reader_for(request)
    value = {"up": Vote.UP, "down": Vote.DOWN, "clear": 0}.get(request.POST.get("value"))
    try:
        if value is None:
            raise DiscussionError("A vote is up, down or nothing.")
        comment = services.cast_vote(
            comment_id=comment_id, reader=reader, value=value, ip_address=client_ip(request)
        )
    except DiscussionError as error:
        return refusal(request, error.message)
    if wants_fragment(request):
        comment.my_vote = value
        response = render(request, "discussion/includes/votes.html", {"comment": comment})
    else:
        response = redirect(
            comment_url(Comment.objects.select_related("thread__page").get(pk=comment.pk))
        )
    return remember(response, reader, request=request, page_id=comment.thread.page_id)


def edit_comment(request: HttpRequest, comment_id: int) -> HttpResponse:
    reader = reader_of(request)
    comment = get_object_or_404(Comment.objects.select_related("thread__page"), pk=comment_id)
    if not comment.is_changeable_by(reader):
        return refusal(
            request, "You can only edit your own comments, for a short while after posting."
        )
    form = EditCommentForm(request.POST or None, initial={"body": comment.body})
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_comment(
                comment_id=comment.pk, reader=reader, body=form.cleaned_data["body"],
                ip_address=client_ip(request),
            )  # fmt: skip
            return redirect(comment_url(comment))
        except DiscussionError as error:
            form.add_error(error.field, error.message)
    context = {"form": form, "comment": comment}
    return render(
        request, "discussion/edit_comment.html", context, status=400 if form.errors else 200
    )


def delete_comment(request: HttpRequest, comment_id: int) -> HttpResponse:
    reader = reader_of(request)
    comment = get_object_or_404(Comment.objects.select_related("thread__page"), pk=comment_id)
    if not comment.is_changeable_by(reader):
        return refusal(
            request, "You can only delete your own comments, for a short while after posting."
        )
    if request.method == "POST":
        try:
            services.delete_comment(comment_id=comment.pk, reader=reader)
        except DiscussionError as error:
            return refusal(request, error.message)
        return redirect(f"{comment.thread.page_url}#comments")
    return render(request, "discussion/delete_comment.html", {"comment": comment})


def report_comment(request: HttpRequest, comment_id: int) -> HttpResponse:
    """Ask why, then pass the report on; enough reports hide the comment until reviewed."""
    comment = get_object_or_404(
        Comment.objects.filter(status=Comment.Status.PUBLISHED)
        .on_public_pages()
        .select_related("thread__page"),
        pk=comment_id,
    )
    reader = guest_reader_for(request)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.report_comment(
                comment_id=comment.pk, reader=reader, reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"], ip_address=client_ip(request),
            )  # fmt: skip
        except DiscussionError as error:
            return refusal(request, error.message)
        template = (
            "discussion/includes/reported.html"
            if wants_fragment(request)
            else "discussion/reported.html"
        )
        response = render(request, template, {"comment": comment})
        return remember(response, reader, request=request)
    template = (
        "discussion/includes/report_form.html"
        if wants_fragment(request)
        else "discussion/report_comment.html"
    )
    status = 400 if request.method == "POST" else 200
    return render(request, template, {"form": form, "comment": comment}, status=status)


def refusal(request: HttpRequest, message: str) -> HttpResponse:
    template = (
        "discussion/includes/refusal.html" if wants_fragment(request) else "discussion/refusal.html"
    )
    return render(request, template, {"message": message}, status=403)
