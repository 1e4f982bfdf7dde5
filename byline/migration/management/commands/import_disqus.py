"""manage.py import_disqus FILE.xml: a Disqus export's conversations onto Byline's articles."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from byline.migration.disqus import import_disqus
from byline.migration.report import ImportFileError
from byline.migration.terminal import print_progress, print_report


class Command(BaseCommand):
    help = (
        "Import a Disqus export (Admin > Moderate > Export): threads matched to articles by"
        " their link, current or old. Import the articles first. Safe to run again."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Report only; write nothing.")

    def handle(self, *args, file: Path, dry_run: bool, **options) -> None:
        try:
            report = import_disqus(file, dry_run=dry_run, progress=print_progress(self.stdout))
        except ImportFileError as error:
            raise CommandError(str(error)) from error
        print_report(self.stdout, report)
