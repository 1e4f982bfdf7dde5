"""The reader's profile page, and the link that verified an account's address before allauth
sent its own (those already in inboxes keep working for ACCOUNTS_VERIFY_DAYS)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from byline.accounts import verification
from byline.accounts.forms import ProfileForm
from byline.accounts.profiles import update_profile


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


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    """Change the name, bio and picture others see beside the reader's comments."""
    user = request.user
    if request.method == "POST":
        form = ProfileForm(request.POST, request.FILES)
        if form.is_valid():
            update_profile(user=user, change=form.change())
            messages.success(request, "Your profile is saved.")
            return redirect("account_profile")
    else:
        form = ProfileForm(initial={"display_name": user.display_name, "bio": user.bio})
    status = 400 if form.errors else 200
    return render(request, "accounts/profile.html", {"form": form}, status=status)
