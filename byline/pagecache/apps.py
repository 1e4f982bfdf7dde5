from django.apps import AppConfig
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class PageCacheConfig(AppConfig):
    name = "byline.pagecache"
    label = "pagecache"
    verbose_name = "Page cache"

    def ready(self) -> None:
        from byline.pagecache import signal_handlers
        from byline.pagecache.dbcache import is_per_process

        signal_handlers.register(self)
        # In every process that starts (gunicorn's workers too, which run no system checks):
        # with a cache of its own, each would serve pages the others purged.
        if settings.BYLINE_REQUIRE_SHARED_CACHE and is_per_process(settings.CACHES["default"]):
            raise ImproperlyConfigured(
                f"CACHES['default'] is {settings.CACHES['default']['BACKEND']}, which every "
                "process keeps for itself: the worker's purges would never reach the web "
                "processes. Set REDIS_URL, or leave CACHES to Byline's default (a table in "
                "the database)."
            )
