"""Sign up, sign in and sign out, with Django's own authentication views."""

from __future__ import annotations

from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from byline.accounts.forms import SignInForm, SignUpForm
from byline.accounts.throttling import TOO_MANY_SIGN_UPS, sign_up_allowed

PAGE = {"seo_noindex": True}


def safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/"
    allowed = url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure())
    return target if allowed else "/"


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
            user = form.save()
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return redirect(safe_next(request))
    context = {"form": form, "next": safe_next(request), "seo_title": "Create an account", **PAGE}
    return render(request, "accounts/sign_up.html", context, status=status)


class SignInView(auth_views.LoginView):
    """Django's sign-in (never cached, passwords kept out of error reports), throttled."""

    form_class = SignInForm
    template_name = "accounts/sign_in.html"
    redirect_authenticated_user = True
    extra_context = {"seo_title": "Sign in", **PAGE}

    def form_invalid(self, form: SignInForm) -> HttpResponse:
        response = super().form_invalid(form)
        if form.throttled:
            response.status_code = 429
        return response
