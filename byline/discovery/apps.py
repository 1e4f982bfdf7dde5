from django.apps import AppConfig


class DiscoveryConfig(AppConfig):
    name = "byline.discovery"
    label = "discovery"
