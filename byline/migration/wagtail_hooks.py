"""The import screens in the Wagtail admin (Settings > Import), for superusers."""

from __future__ import annotations

from django.urls import include, path
from wagtail import hooks

from byline.migration import views


@hooks.register("register_admin_urls")
def import_urls():
    return [path("imports/", include((views.urlpatterns, "migration_imports")))]


@hooks.register("register_settings_menu_item")
def import_menu_item():
    return views.menu_item()
