"""``manage.py seed_demo``: fill an empty Byline with the fictional demo newsroom, once."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from wagtail import hooks

from byline.newsroom.demo.seeding import (
    DEMO_PASSWORD,
    DEMO_USERNAME,
    DemoSeedError,
    ensure_demo_superuser,
    seed_demo_newsroom,
    site_has_articles,
)
from byline.newsroom.demo.warming import demo_paths, warm_pages


class Command(BaseCommand):
    help = (
        "Seed the fictional demo newsroom (sections, articles, authors, tags and pictures) and"
        f" the superuser {DEMO_USERNAME!r}. Does nothing to a site that already has articles."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--no-warm",
            action="store_false",
            dest="warm",
            help="Skip rendering every page once to prepare its image renditions.",
        )

    def handle(self, *args, warm: bool, **options) -> None:
        if ensure_demo_superuser():
            self.stdout.write(
                f"Created the superuser {DEMO_USERNAME!r} (password {DEMO_PASSWORD!r})."
            )
        if existing := site_has_articles():
            self.stdout.write(f"The site already has {existing} articles; seed_demo added nothing.")
            return
        editor = get_user_model()._default_manager.get(username=DEMO_USERNAME)
        try:
            with quiet_logs("wagtail"):
                summary = seed_demo_newsroom(editor=editor)
        except DemoSeedError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(summary.describe()))
        # Apps above the newsroom (the discussion) add their own demo data to the new site.
        for seed_more in hooks.get_hooks("byline_seed_demo"):
            self.stdout.write(seed_more())
        if warm:
            self.warm()

    def warm(self) -> None:
        with quiet_logs("byline.requests"):
            report = warm_pages(demo_paths())
        self.stdout.write(report.describe())
        for failure in report.failures:
            self.stderr.write(f"{failure.path} answered {failure.status}.")


@contextmanager
def quiet_logs(*names: str) -> Iterator[None]:
    """Hold back routine log lines (one per page published or served); warnings still show."""
    loggers = [logging.getLogger(name) for name in names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)
