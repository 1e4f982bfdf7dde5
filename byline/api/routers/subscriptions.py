"""``POST /threads/{page_id}/subscriptions``: "Notify of" for a thread, through the API.

The same rules as the "Notify of" control under an article (``discussion.notify.views.subscribe``):
its form checks what is asked, its per-client limit answers 429, and ``notify.subscriptions``
subscribes, emailing a link to confirm unless the signed-in reader's address is proven (quietly
limited per address). A guest is told the same whatever is known of the address.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest
from ninja import Router, Status

from byline.api.callers import caller_of
from byline.api.errors import ERRORS, ApiError
from byline.api.models import Scope
from byline.api.schemas.paging import RowId
from byline.api.schemas.subscriptions import SubscribeIn, SubscribeOut
from byline.discussion.http import discussed_page
from byline.discussion.notify import subscriptions
from byline.discussion.notify.forms import NotifyForm
from byline.discussion.notify.views import TOO_MANY, client_allowed

router = Router(tags=["subscriptions"])

# The limit counts an hour (NOTIFICATIONS_REQUESTS_PER_HOUR): try again once it has passed.
RETRY_AFTER = 3600
# The form's names for the fields the API names otherwise.
_API_FIELD = {"comment": "comment_id", "__all__": None}


@router.post(
    "/threads/{page_id}/subscriptions",
    response={201: SubscribeOut, **ERRORS},
    summary="Subscribe to new comments on a thread",
)
def subscribe(request: HttpRequest, page_id: RowId, payload: SubscribeIn):
    caller = caller_of(request)
    caller.require(Scope.SUBSCRIBE)
    try:
        page = discussed_page(page_id)
    except Http404:
        raise ApiError(404, "not_found", "There is no discussion on that page.") from None
    if not client_allowed(request):
        raise ApiError(429, "rate_limited", TOO_MANY, retry_after=RETRY_AFTER)
    data = _form_data(payload, caller.user)
    form = NotifyForm(data, reader=caller.reader)
    if not form.is_valid():
        field, errors = next(iter(form.errors.get_json_data().items()))
        raise ApiError(422, "invalid", errors[0]["message"], field=_API_FIELD.get(field, field))
    subscriptions.subscribe(
        page=page, kind=form.cleaned_data["kind"], user=caller.user,
        email=form.cleaned_data.get("email", ""), comment_id=form.cleaned_data["comment"],
        frequency=form.cleaned_data["frequency"],
    )  # fmt: skip
    # From who is asking, never from the row: a guest learns nothing of what the address follows.
    active = caller.user is not None and bool(caller.user.verified_address)
    return Status(
        201,
        {
            "status": "active" if active else "confirm_by_email",
            "message": subscriptions.subscription_answer(caller.reader),
        },
    )


def _form_data(payload: SubscribeIn, user) -> dict[str, str]:
    """The request as the "Notify of" form reads it, the reader's usual frequency by default."""
    frequency = payload.frequency or (
        subscriptions.default_frequency_for(user) if user is not None else "immediate"
    )
    return {
        "kind": payload.kind,
        "comment": str(payload.comment_id or ""),
        "email": payload.email or "",
        "frequency": frequency,
    }
