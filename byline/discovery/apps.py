from __future__ import annotations

from django.apps import AppConfig


class DiscoveryConfig(AppConfig):
    name = "byline.discovery"
    label = "discovery"
    verbose_name = "Discovery"

    def ready(self) -> None:
        from byline.discovery import signal_handlers

        signal_handlers.register()
