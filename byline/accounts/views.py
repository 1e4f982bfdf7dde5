"""Sign up, sign in and sign out, with Django's own authentication views."""

from __future__ import annotations

from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from byline.accounts.forms import SignUpForm
from byline.safe_redirect import next_url, redirect_to_next


def sign_up(request: HttpRequest) -> HttpResponse:
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect_to_next(request)
    status = 400 if request.method == "POST" else 200
    context = {
        "form": form,
        "next": next_url(request),
        "seo_title": "Create an account",
        "seo_noindex": True,
    }
    return render(request, "accounts/sign_up.html", context, status=status)
