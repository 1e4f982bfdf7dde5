from django.apps import AppConfig


class EmbeddingConfig(AppConfig):
    name = "byline.embedding"
    label = "embedding"
    verbose_name = "Embedding"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from byline.embedding import signal_handlers

        signal_handlers.register()
