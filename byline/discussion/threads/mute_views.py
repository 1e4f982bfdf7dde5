"""Muting from the thread, and the reader's "Muted" page where they take a mute back.

Both are for signed-in readers; the thread's "Mute" button and the page's "Unmute" buttons are
POST forms that work without JavaScript.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from byline.discussion.errors import DiscussionError
from byline.discussion.models import Comment
from byline.discussion.row_ids import row_id
from byline.discussion.threads import muting


@require_POST
@login_required
def mute_author(request: HttpRequest, comment_id: int) -> HttpResponse:
    """Mute (or, with ``change=unmute``, unmute) the account that wrote the comment."""
    comment = get_object_or_404(
        Comment.objects.visible().on_public_pages().select_related("thread__page"), pk=comment_id
    )
    back = comment.url_in_thread()
    if comment.author_id is None:
        return refused(request, "Only comments by account holders can be muted.")
    if request.POST.get("change") == "unmute":
        muting.unmute(reader=request.user, muted_id=comment.author_id)
        return redirect(back)
    try:
        muting.mute(reader=request.user, muted_id=comment.author_id)
    except DiscussionError as error:
        return refused(request, error.message)
    return redirect(back)


@never_cache
@login_required
def my_mutes(request: HttpRequest) -> HttpResponse:
    """The accounts the reader muted, each with an "Unmute" button."""
    if request.method == "POST":
        muted_id = row_id(request.POST.get("muted"))
        if muted_id is not None and muting.unmute(reader=request.user, muted_id=muted_id):
            return redirect(f"{reverse('my_mutes')}?unmuted=1")
        return redirect("my_mutes")
    context = {
        "mutes": muting.mutes_of(request.user),
        "unmuted": request.GET.get("unmuted") == "1",
    }
    return render(request, "discussion/my_mutes.html", context)


def refused(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "discussion/refusal.html", {"message": message}, status=400)
