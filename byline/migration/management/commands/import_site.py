"""manage.py import_site FILE.json: load a Byline export into an empty site."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from byline.migration.exchange import ExchangeError, import_site


class Command(BaseCommand):
    help = "Load FILE.json, written by export_site, into this empty site."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file")

    def handle(self, *args, file: str, **options) -> None:
        try:
            with open(file, encoding="utf-8") as handle:
                document = json.load(handle)
        except (OSError, json.JSONDecodeError) as error:
            raise CommandError(f"Cannot read {file}: {error}") from error
        try:
            report = import_site(document)
        except ExchangeError as error:
            raise CommandError(str(error)) from error
        for line in report.lines():
            self.stdout.write(line)
