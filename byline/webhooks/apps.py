from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "byline.webhooks"
    label = "webhooks"
    verbose_name = "Webhooks"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from byline.webhooks import signal_handlers

        signal_handlers.register()
