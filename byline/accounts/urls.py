"""Readers' account pages: django-allauth's, every form counted by the site's limiter, and the
addresses Byline had before (kept so that links and bookmarks still lead somewhere)."""

from allauth.account import urls as allauth_urls
from django.urls import URLPattern, path
from django.views.generic import RedirectView
from wagtail.admin.views.account import PasswordResetView

from byline.accounts import views
from byline.accounts.social import social_urlpatterns
from byline.accounts.throttling import throttled


def _throttled(pattern: URLPattern) -> URLPattern:
    # Signing out is never refused: a reader on a shared computer must be able to leave.
    if pattern.name == "account_logout":
        return pattern
    callback = throttled(pattern.callback, pattern.name or "")
    return URLPattern(pattern.pattern, callback, pattern.default_args, pattern.name)


def _moved(route: str, to: str, name: str) -> URLPattern:
    # Not permanent, and the query (``?next=``) goes along.
    return path(route, RedirectView.as_view(pattern_name=to, query_string=True), name=name)


account_urlpatterns = [
    *(_throttled(pattern) for pattern in allauth_urls.urlpatterns),
    _throttled(path("profile/", views.profile, name="account_profile")),
    *social_urlpatterns(),
]

# The Wagtail admin's "forgot password" form sends an email to any address it is given: counted
# like the readers' reset (the project's urls.py puts it before Wagtail's own URLs).
admin_password_reset = _throttled(
    path(
        "admin/password_reset/",
        PasswordResetView.as_view(),
        name="wagtailadmin_password_reset",
    )
)

app_name = "accounts"

urlpatterns = [
    _moved("sign-up/", "account_signup", "sign_up"),
    _moved("sign-in/", "account_login", "login"),
    _moved("sign-out/", "account_logout", "logout"),
    _moved("verify/", "account_email", "verify_request"),
    # Links emailed before allauth sent them, valid for ACCOUNTS_VERIFY_DAYS.
    path("verify/<str:token>/", views.verify, name="verify"),
    path("welcome/", views.after_sign_up, name="after_sign_up"),
]
