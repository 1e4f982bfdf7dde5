from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "byline.api"
    label = "api"
    verbose_name = "API"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from byline.api import signal_handlers  # noqa: F401  (connects the receivers)
