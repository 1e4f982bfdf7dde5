"""The webhooks' endpoints and delivery logs in the Wagtail admin (``admin``)."""

from __future__ import annotations

from wagtail import hooks

from byline.webhooks import admin


@hooks.register("register_admin_viewset")
def webhooks_admin():
    return admin.viewset
