"""Social sign-in (allauth's socialaccount): its addresses, on only for the providers the site
configures (SOCIALACCOUNT_PROVIDERS, from byline/settings/social.py), each counted by the site's
limiter; and what a new account takes from its provider.

With no provider configured every social address answers 404, so nothing hints at a feature
that is off; a provider that is not configured answers 404 while others work.

The site's Content Security Policy lets forms post only to the site itself ("form-action
'self'"), and browsers apply that to where a form's answer redirects: the provider's button
cannot be answered with a redirect to the provider. It is answered with a page that goes on
there by itself (a meta refresh, no script) and a link for browsers that do not.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import wraps
from importlib import import_module

from allauth.socialaccount import providers
from allauth.socialaccount import urls as socialaccount_urls
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter, get_adapter
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, URLResolver, include, path
from django.utils.http import url_has_allowed_host_and_scheme
from requests import RequestException

from byline.accounts import verification
from byline.accounts.throttling import sign_up_allowed, throttled

logger = logging.getLogger(__name__)

# Providers return to these addresses with a GET (Apple with a POST); each one makes the site
# call the provider's token endpoint, so they are counted like a form.
CALLBACK_METHODS = ("GET", "POST")


def configured_providers(request: HttpRequest) -> set[str]:
    """The ids of the providers this site signs in with (an OpenID Connect app's own id)."""
    apps = get_adapter(request).list_apps(request)
    return {app.provider_id or app.provider for app in apps}


def _only_when_configured(
    view: Callable[..., HttpResponse], provider: str | None
) -> Callable[..., HttpResponse]:
    """``view``, answering 404 unless ``provider`` (or, for None, any provider) is configured."""

    @wraps(view)
    def guarded_view(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        configured = configured_providers(request)
        wanted = kwargs.get("provider_id") or provider
        if not configured or (wanted and wanted not in configured):
            raise Http404("No such sign-in provider.")
        return view(request, *args, **kwargs)

    return guarded_view


def _continued_in_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """``view``, its redirect to a provider answered as a page that goes on there (see above);
    a provider that cannot be reached, or answers nonsense, is said to have failed."""

    @wraps(view)
    def continuing_view(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            response = view(request, *args, **kwargs)
        except (RequestException, KeyError, ValueError) as error:
            # An OpenID Connect provider's configuration is fetched here, before the redirect.
            logger.warning("Could not start a sign-in at %s: %r", request.path, error)
            context = {"seo": {"title": "Sign-in failed", "noindex": True}}
            return render(request, "socialaccount/authentication_error.html", context, status=502)
        target = response.get("Location", "") if response.status_code in (301, 302) else ""
        if not target or url_has_allowed_host_and_scheme(target, {request.get_host()}):
            return response
        context = {"target": target, "seo": {"title": "Continue", "noindex": True}}
        return render(request, "socialaccount/continue_to_provider.html", context)

    return continuing_view


def _guarded(entry: URLPattern | URLResolver, provider: str | None) -> URLPattern | URLResolver:
    if isinstance(entry, URLResolver):
        patterns = [_guarded(inner, provider) for inner in entry.url_patterns]
        return URLResolver(entry.pattern, patterns, entry.default_kwargs)
    name = entry.name or ""
    methods = CALLBACK_METHODS if name.endswith("_callback") else ("POST",)
    callback = throttled(entry.callback, name, methods)
    if name.endswith("_login"):
        callback = _continued_in_page(callback)
    callback = _only_when_configured(callback, provider)
    return URLPattern(entry.pattern, callback, entry.default_args, entry.name)


def _provider_urlpatterns() -> list[URLPattern | URLResolver]:
    patterns: list[URLPattern | URLResolver] = []
    # OpenID Connect last: its /oidc/<id>/ prefix is the most general.
    classes = sorted(providers.registry.get_class_list(), key=lambda c: c.id == "openid_connect")
    for provider_class in classes:
        module = import_module(f"{provider_class.get_package()}.urls")
        # An OpenID Connect address names its app (<provider_id>); the others their class.
        provider = None if provider_class.id == "openid_connect" else provider_class.id
        patterns += [_guarded(entry, provider) for entry in module.urlpatterns]
    return patterns


def social_urlpatterns() -> list[URLPattern | URLResolver]:
    """allauth's social addresses (connections, sign-up, errors, each provider's sign-in and
    callback), answering 404 while off and counted by the limiter."""
    shared = [_guarded(entry, None) for entry in socialaccount_urls.urlpatterns]
    return [path("3rdparty/", include(shared)), *_provider_urlpatterns()]


# Shows and takes the form that finishes a sign-up a provider's callback started (and counted).
SIGN_UP_FORM = "socialaccount_signup"


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest, sociallogin) -> bool:
        # A new account from a provider is counted by the same limit as one from the sign-up
        # form (ACCOUNTS_SIGN_UP_RATE), once: at the provider's callback, which starts both the
        # automatic sign-up and the one the social sign-up form finishes.
        match = request.resolver_match
        if match is not None and match.url_name == SIGN_UP_FORM:
            return True
        return sign_up_allowed(request)

    def populate_user(self, request: HttpRequest, sociallogin, data: dict):
        user = super().populate_user(request, sociallogin, data)
        # The name the provider knows the reader by, shown beside their comments (cleaned to one
        # line of visible text when saved, like every name); the username when it gives none.
        name = data.get("name") or " ".join(
            part for part in (data.get("first_name"), data.get("last_name")) if part
        )
        user.display_name = str(name or "")
        return user

    def save_user(self, request: HttpRequest, sociallogin, form=None):
        user = super().save_user(request, sociallogin, form)
        # An address the provider verified is proven, as one confirmed by the emailed link is
        # (User.verified_email, which the discussion reads); any other waits for that link.
        for address in sociallogin.email_addresses:
            if address.verified:
                verification.mark_verified(user, address.email)
        return user

    def on_authentication_error(
        self, request, provider, error=None, exception=None, extra_context=None
    ) -> None:
        # The reader sees allauth's "something went wrong"; whoever runs the site needs the why
        # (a wrong secret, an unreachable provider, a clock out of step).
        logger.warning(
            "Sign-in with %s failed: %s %r (the provider said %r)",
            getattr(provider, "id", provider),
            error,
            exception,
            request.GET.get("error_description") or request.GET.get("error", ""),
        )
        super().on_authentication_error(request, provider, error, exception, extra_context)
