"""manage.py export_site FILE.json: the whole site in Byline's export format."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand

from byline.migration.exchange import export_site


class Command(BaseCommand):
    help = "Write the site's content and conversation to FILE.json (see docs/export-format.md)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="Where to write the JSON document ('-' for stdout).")
        parser.add_argument(
            "--without-files",
            action="store_true",
            help="Leave image files out (their metadata stays); the result cannot be imported whole.",
        )

    def handle(self, *args, file: str, without_files: bool, **options) -> None:
        document = export_site(include_files=not without_files)
        text = json.dumps(document, ensure_ascii=False, indent=1, sort_keys=False)
        if file == "-":
            self.stdout.write(text)
            return
        with open(file, "w", encoding="utf-8") as handle:
            handle.write(text + "\n")
        self.stdout.write(
            f"Exported {len(document['articles'])} articles, {len(document['comments'])} comments,"
            f" {len(document['images'])} images and {len(document['users'])} accounts to {file}."
        )
