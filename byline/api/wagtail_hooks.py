"""The API's screens in the Wagtail admin."""

from __future__ import annotations

from wagtail import hooks

from byline.api.token_admin import TokenViewSet


@hooks.register("register_admin_viewset")
def register_token_viewset():
    return TokenViewSet("wagtailusers_api_tokens", url_prefix="api-tokens")
