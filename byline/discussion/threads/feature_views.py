"""Pin and pick from the thread: POST forms on each comment, for editors and moderators only.

Works without JavaScript: the form posts, the comment is changed, the reader lands back on it.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from byline.discussion.errors import DiscussionError
from byline.discussion.models import Comment
from byline.discussion.moderation import featuring
from byline.discussion.threads import roles


@require_POST
def feature_comment(request: HttpRequest, comment_id: int) -> HttpResponse:
    """``change`` is pin, unpin, pick or unpick; anyone else than an editor gets 403."""
    if not roles.can_feature(request.user):
        return refused(request, "Only editors and moderators can pin or pick comments.")
    # A comment under a draft, withdrawn or restricted article is answered like one that does
    # not exist: no reader could see it pinned, and its article has no address to go back to.
    reachable = Comment.objects.on_public_pages().select_related("thread__page")
    found = reachable.filter(pk=comment_id).first()
    if found is None:
        return refused(request, featuring.NO_SUCH_COMMENT, status=400)
    try:
        featuring.feature(
            comment_id=comment_id, change=request.POST.get("change", ""), editor=request.user
        )
    except DiscussionError as error:
        return refused(request, error.message, status=400)
    return redirect(found.url_in_thread())


def refused(request: HttpRequest, message: str, status: int = 403) -> HttpResponse:
    return render(request, "discussion/refusal.html", {"message": message}, status=status)
