"""The reader's profile page; the link that verified an account's address before allauth sent
its own (those already in inboxes keep working for ACCOUNTS_VERIFY_DAYS); and where a new reader
lands once signed up."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from byline.accounts import verification
from byline.accounts.adapter import AFTER_VERIFICATION_SESSION_KEY
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


@require_http_methods(["GET", "HEAD"])
def after_sign_up(request: HttpRequest) -> HttpResponse:
    """Where sign-up leads once the new address is proven and the reader signed in.

    allauth fixes where a sign-up ends when the form is sent, before the address is proven; an
    app that reacted to the proof (``email_confirmed``) may have somewhere better for the reader
    than the home page (``adapter.go_after_verification``), and this is where that is read.
    """
    target = request.session.pop(AFTER_VERIFICATION_SESSION_KEY, None)
    return redirect(target or settings.LOGIN_REDIRECT_URL)
