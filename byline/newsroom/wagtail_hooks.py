"""Admin registrations (authors, topics and people are snippets editors manage), and the
newsroom's public paths for purging reverse proxies."""

from __future__ import annotations

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from byline.newsroom.appearances import every_public_path
from byline.newsroom.models import Author, Person, Topic
from byline.newsroom.sourcing import views as sourcing_views
from byline.newsroom.sourcing.editor import register as register_source_marks


class AuthorViewSet(SnippetViewSet):
    model = Author
    icon = "user"
    list_display = ["name", "role"]
    search_fields = ["name"]


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "group"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class NewsroomViewSetGroup(SnippetViewSetGroup):
    menu_label = "Newsroom"
    menu_icon = "doc-full"
    menu_order = 200
    items = (AuthorViewSet, TopicViewSet, PersonViewSet)


register_snippet(NewsroomViewSetGroup)


@hooks.register("byline_public_paths")
def newsroom_public_paths() -> list[str]:
    return list(every_public_path())


@hooks.register("register_rich_text_features")
def register_source_feature(features) -> None:
    """The *Source* button: marking how a claim in the body is sourced (sourcing/editor.py)."""
    register_source_marks(features)


@hooks.register("register_admin_urls")
def sourcing_check_urls():
    """The edit form's live sourcing check (admin only, like every admin URL)."""
    return sourcing_views.urlpatterns
