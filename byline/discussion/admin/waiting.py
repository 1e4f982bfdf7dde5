"""What waits for staff, and the WordPress-style counts on the admin menu that say so.

A screen that holds work (the moderation queue, the inline feedback to review) names what waits
there as a ``Waiting``; its menu item shows the count as a badge, and the Moderation menu the
sum of what its items show this person. Counts are made once per request, for staff who may act.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest
from wagtail.admin.menu import MenuItem, SubmenuMenuItem
from wagtail.admin.ui.sidebar import LinkMenuItem, SubMenuItem


@dataclass(frozen=True)
class Waiting:
    """How many of something wait behind ``url``: ``count`` and how to name them."""

    count: int
    singular: str
    plural: str
    url: str

    @property
    def text(self) -> str:
        return f"{self.count} {self.singular if self.count == 1 else self.plural}"


def once_per_request(request: HttpRequest, key: str, count: Callable[[], Waiting]) -> Waiting:
    """``count()``, made once per request however many menu items and panels show it."""
    made = request.__dict__.setdefault("_byline_waiting", {})
    if key not in made:
        made[key] = count()
    return made[key]


def badge_attrs(attrs: dict, label: str, waiting: Waiting | None) -> dict:
    """The menu item's attributes with the count (drawn by moderation/menu.css) and, for screen
    readers, a name that says it."""
    if waiting is None or waiting.count == 0:
        return attrs
    return {**attrs, "data-waiting": str(waiting.count), "aria-label": f"{label} ({waiting.text})"}


class WaitingMenuItem(MenuItem):
    """A menu item with a count of what waits behind it; ``waiting_for`` says, per request."""

    def __init__(self, *args, waiting_for: Callable[[HttpRequest], Waiting | None], **kwargs):
        super().__init__(*args, **kwargs)
        self.waiting_for = waiting_for

    def is_shown(self, request) -> bool:
        return self.waiting_for(request) is not None

    def render_component(self, request):
        # Menu items are shared by every request: the attributes are made anew each time.
        return LinkMenuItem(
            self.name, self.label, self.url, icon_name=self.icon_name, classname=self.classname,
            attrs=badge_attrs(self.attrs, self.label, self.waiting_for(request)),
        )  # fmt: skip


class WaitingSubmenuMenuItem(SubmenuMenuItem):
    """A submenu whose badge sums the counts of the items it shows this person."""

    def waiting_for(self, request) -> Waiting | None:
        counts = [
            item.waiting_for(request)
            for item in self.menu.menu_items_for_request(request)
            if isinstance(item, WaitingMenuItem)
        ]
        total = sum(waiting.count for waiting in counts if waiting is not None)
        return Waiting(total, "item waiting", "items waiting", self.url)

    def render_component(self, request):
        return SubMenuItem(
            self.name, self.label, self.menu.render_component(request),
            icon_name=self.icon_name, classname=self.classname,
            attrs=badge_attrs(self.attrs, self.label, self.waiting_for(request)),
        )  # fmt: skip
