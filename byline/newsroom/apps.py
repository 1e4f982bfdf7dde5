from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    name = "byline.newsroom"
    label = "newsroom"
    verbose_name = "Newsroom"

    def ready(self) -> None:
        from byline.newsroom import signal_handlers

        signal_handlers.register()
