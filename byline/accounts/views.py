"""Sign up, sign in and sign out, with Django's own authentication views."""

from __future__ import annotations

from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from byline.accounts.forms import SignUpForm


def safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/"
    allowed = url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure())
    return target if allowed else "/"


def sign_up(request: HttpRequest) -> HttpResponse:
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect(safe_next(request))
    status = 400 if request.method == "POST" else 200
    context = {
        "form": form,
        "next": safe_next(request),
        "seo": {"title": "Create an account", "noindex": True},
    }
    return render(request, "accounts/sign_up.html", context, status=status)
