from django.apps import AppConfig


class DiscussionConfig(AppConfig):
    name = "byline.discussion"
    label = "discussion"
    verbose_name = "Discussion"

    def ready(self) -> None:
        from byline.discussion import signal_handlers

        signal_handlers.register(self)
