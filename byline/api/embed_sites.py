"""The account area's "Sites you comment on": the reader's embed tokens (which site, when
given, when last used), each with a button that revokes it."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from byline.api.embed_tokens import live_embed_tokens, revoke_embed_tokens

if TYPE_CHECKING:
    from byline.accounts.models import User

TEMPLATE = "api/embed_sites.html"


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def embed_sites(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        return _revoke(request)
    context = {"tokens": list(live_embed_tokens(cast("User", request.user)))}
    return render(request, TEMPLATE, context)


def _revoke(request: HttpRequest) -> HttpResponse:
    token_id = request.POST.get("token", "")
    revoked = (
        revoke_embed_tokens(cast("User", request.user), pk=int(token_id))
        if token_id.isdigit() and len(token_id) < 19
        else 0
    )
    if revoked:
        messages.success(request, "Revoked: that site can no longer comment as you.")
    else:
        messages.info(
            request, "There was no such site to revoke (it may have been revoked already)."
        )
    return redirect("embed_sites")
