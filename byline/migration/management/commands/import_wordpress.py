"""manage.py import_wordpress FILE.xml: a WordPress (and wpDiscuz) site into Byline."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from byline.migration.report import ImportFileError
from byline.migration.terminal import print_progress, print_report
from byline.migration.wordpress import wpdiscuz
from byline.migration.wordpress.images import picture_downloader
from byline.migration.wordpress.importer import Options, import_wordpress


class Command(BaseCommand):
    help = (
        "Import a WordPress export (Tools > Export > All content): posts, images, comments,"
        " wpDiscuz votes, subscriptions and inline feedback. Safe to run again."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path, help="The WXR file WordPress exported.")
        parser.add_argument("--uploads", type=Path, help="A copy of wp-content/uploads.")
        parser.add_argument(
            "--no-download",
            action="store_true",
            help="Never download pictures from the old site (by default, those not in --uploads are).",
        )
        parser.add_argument(
            "--allow-private-downloads",
            action="store_true",
            help="Download from a site whose address is private or local (on this network or"
            " this machine); refused by default, since an export could point anywhere.",
        )
        parser.add_argument("--no-comments", action="store_true", help="Import posts only.")
        parser.add_argument("--dry-run", action="store_true", help="Report only; write nothing.")
        parser.add_argument(
            "--time-zone",
            default="",
            help="The WordPress site's time zone (Settings > General), for dates WordPress"
            " kept only in local time, such as drafts'. Default: TIME_ZONE.",
        )
        parser.add_argument(
            "--wordpress-db",
            help="mysql://user:password@host/database: read wpDiscuz's own tables too"
            " (per-voter votes, subscriptions, feedback forms, registered readers).",
        )
        parser.add_argument("--table-prefix", default="wp_", help="WordPress's table prefix.")

    def handle(self, *args, file: Path, **options) -> None:
        if options["uploads"] is not None and not options["uploads"].is_dir():
            raise CommandError(f"{options['uploads']} is not a folder.")
        try:
            data = (
                wpdiscuz.load(options["wordpress_db"], options["table_prefix"])
                if options["wordpress_db"]
                else wpdiscuz.WpDiscuzData()
            )
            report = import_wordpress(
                file,
                Options(
                    uploads=options["uploads"],
                    downloader=None
                    if options["no_download"]
                    else picture_downloader(allow_private=options["allow_private_downloads"]),
                    comments=not options["no_comments"],
                    dry_run=options["dry_run"],
                    time_zone=options["time_zone"],
                    wpdiscuz=data,
                ),
                progress=print_progress(self.stdout),
            )
        except ImportFileError as error:
            raise CommandError(str(error)) from error
        print_report(self.stdout, report)
