from django.apps import AppConfig


class MigrationConfig(AppConfig):
    """Moving a publication in and out: WordPress and Disqus imports, Byline's own export."""

    name = "byline.migration"
    label = "migration"
    verbose_name = "Migration"
