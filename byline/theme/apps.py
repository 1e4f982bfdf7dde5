from django.apps import AppConfig


class ThemeConfig(AppConfig):
    name = "byline.theme"
    label = "theme"
