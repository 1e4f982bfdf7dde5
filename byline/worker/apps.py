from django.apps import AppConfig


class WorkerConfig(AppConfig):
    name = "byline.worker"
    label = "worker"
    verbose_name = "Task worker"
