"""Template context every page needs: the publication's name and its section tree."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject
from wagtail.models import Site

from byline.newsroom.models import SectionPage


def _sections_of(site: Site | None) -> list[SectionPage]:
    if site is None:
        return []
    return list(
        SectionPage.objects.live().public().in_menu().child_of(site.root_page).in_menu_order()
    )


def _site_name_of(site: Site | None) -> str:
    return (site.site_name if site else "") or settings.WAGTAIL_SITE_NAME


def newsroom(request: HttpRequest) -> dict[str, object]:
    # Lazy, so responses that never draw the header (feeds, health, JSON) never query for it.
    # Site.find_for_request caches its answer on the request, so both share one lookup.
    return {
        "site_name": SimpleLazyObject(lambda: _site_name_of(Site.find_for_request(request))),
        "nav_sections": SimpleLazyObject(lambda: _sections_of(Site.find_for_request(request))),
    }
