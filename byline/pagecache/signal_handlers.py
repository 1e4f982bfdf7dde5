"""Reactions to Django's events: the embedded cache's table comes with ``migrate``."""

from __future__ import annotations

from django.core.management import call_command
from django.db.models.signals import post_migrate


def create_cache_table(sender, using: str, verbosity: int = 1, **kwargs) -> None:
    # createcachetable skips tables that exist and caches that are not in the database.
    call_command("createcachetable", database=using, verbosity=max(verbosity - 1, 0))


def register(app_config) -> None:
    post_migrate.connect(create_cache_table, sender=app_config)
