from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from byline.accounts.urls import account_urlpatterns, admin_password_reset
from byline.discussion.threads import mute_views
from byline.health import healthz

# A database outage answers 503 with Retry-After; anything else Django's 500 page.
handler500 = "byline.outage.server_error"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("", include("byline.api.urls")),
    path("django-admin/", admin.site.urls),
    # Before Wagtail's own: the same page, its posts counted like every account form's.
    admin_password_reset,
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # The discussion's page in the reader's account area (the accounts app knows no comments).
    path("accounts/muted/", mute_views.my_mutes, name="my_mutes"),
    path("accounts/", include(account_urlpatterns)),
    path("accounts/", include("byline.accounts.urls")),
    # The reader's own pages in the account area (comments, subscriptions, preferences).
    path("accounts/", include("byline.discussion.readers.urls")),
    path("", include("byline.discussion.privacy.urls")),
    path("", include("byline.discussion.urls")),
    path("", include("byline.discovery.urls")),
    path("", include("byline.newsroom.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns.append(path("", include(wagtail_urls)))
