"""The link that verified an account's address before allauth sent its own: those already in
inboxes keep working for ACCOUNTS_VERIFY_DAYS."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from byline.accounts import verification


@never_cache
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button, POST proves the address: link scanners that open every link prove
    nothing, and neither does a browser not signed in to the account the link was sent for."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    context = {"seo": {"title": "Confirm your email address", "noindex": True}}
    try:
        if request.method == "POST":
            address = verification.verify(token=token, user=request.user)
        else:
            address = verification.address_to_verify(token=token, user=request.user)
    except verification.InvalidLink as error:
        context["problem"] = str(error)
        return render(request, "accounts/verify.html", context, status=400)
    context.update(address=address, done=request.user.verified_address == address)
    return render(request, "accounts/verify.html", context)
