"""Sign up, sign in and sign out, with Django's own authentication views."""

from __future__ import annotations

from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from byline.accounts import verification
from byline.accounts.forms import SignInForm, SignUpForm
from byline.accounts.throttling import TOO_MANY_SIGN_UPS, sign_up_allowed
from byline.safe_redirect import next_url, redirect_to_next


# Never stored by a cache: a failed form holds what the reader typed.
@never_cache
@sensitive_post_parameters("password1", "password2")
def sign_up(request: HttpRequest) -> HttpResponse:
    form = SignUpForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if not sign_up_allowed(request):
            form.add_error(None, TOO_MANY_SIGN_UPS)
            status = 429
        elif form.is_valid():
            # The account and its email to verify commit together, or neither does.
            with transaction.atomic():
                user = form.save()
                verification.send_link(user)
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return redirect_to_next(request)
    context = {
        "form": form,
        "next": next_url(request),
        "seo": {"title": "Create an account", "noindex": True},
    }
    return render(request, "accounts/sign_up.html", context, status=status)


class SignInView(auth_views.LoginView):
    """Django's sign-in (never cached, passwords kept out of error reports), throttled."""

    form_class = SignInForm
    template_name = "accounts/sign_in.html"
    redirect_authenticated_user = True
    extra_context = {"seo": {"title": "Sign in", "noindex": True}}

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        # Django's view names the site after the host (no django.contrib.sites here), which
        # would hide the publication's name that every page gets from the context processor.
        context.pop("site_name", None)
        return context

    def form_invalid(self, form: SignInForm) -> HttpResponse:
        response = super().form_invalid(form)
        if form.throttled:
            response.status_code = 429
        return response


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


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def verify_request(request: HttpRequest) -> HttpResponse:
    """A signed-in reader whose address is not proven yet asks for the link (again)."""
    context = {"seo": {"title": "Confirm your email address", "noindex": True}, "sent": False}
    if request.method == "POST" and not request.user.verified_address:
        verification.send_link(request.user)
        context["sent"] = True
    return render(request, "accounts/verify.html", context)
