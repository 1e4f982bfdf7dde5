"""The allowed sites, managed by editors in the admin (Settings > Allowed sites)."""

from __future__ import annotations

from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from byline.embedding.models import AllowedOrigin


class AllowedOriginViewSet(SnippetViewSet):
    model = AllowedOrigin
    icon = "site"
    menu_label = "Allowed sites"
    add_to_settings_menu = True
    list_display = ["origin", "note", "enabled", "created_at"]
    list_filter = ["enabled"]
    panels = [FieldPanel("origin"), FieldPanel("note"), FieldPanel("enabled")]


register_snippet(AllowedOriginViewSet)
