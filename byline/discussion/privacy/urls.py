"""Readers' data under /accounts/data/ (account names shared with the account area: ``my_data``),
and the privacy page. Every post is counted per client address by the accounts' limiter."""

from __future__ import annotations

from django.urls import path

from byline.accounts.throttling import throttled
from byline.discussion.privacy import views

urlpatterns = [
    path("accounts/data/", throttled(views.my_data, "my_data"), name="my_data"),
    path(
        "accounts/data/erase/",
        throttled(views.erase_account, "my_data_erase"),
        name="my_data_erase",
    ),
    path(
        "accounts/data/guest/",
        throttled(views.guest_request, "my_data_guest"),
        name="my_data_guest",
    ),
    path(
        "accounts/data/guest/<str:token>/",
        throttled(views.guest_confirm, "my_data_guest_confirm"),
        name="my_data_guest_confirm",
    ),
    path("accounts/data/download/<str:token>/", views.download, name="my_data_download"),
    path("privacy/", views.privacy, name="privacy"),
]
