"""Benchmark: importing 10,000 WordPress comments.

    python -m bench.migration_import [--comments 10000] [--posts 20] [--database-url URL]

Writes a WXR file shaped like WordPress's own export (``byline/migration/tests/wxr_builder``):
``--posts`` published posts sharing ``--comments`` comments, a third of them replies (up to
five levels deep), each with wpDiscuz vote meta and a little HTML. Then times
``import_wordpress`` into a freshly migrated database, runs it again (the re-run updates every
row) and prints both times and comments per second. Asserts nothing.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from io import StringIO
from pathlib import Path

from bench.harness import configure_django as configure

ROOT = Path(__file__).resolve().parent.parent


def write_export(path: Path, comments: int, posts: int, rng: random.Random) -> None:
    from byline.migration.tests import wxr_builder

    per_post = comments // posts
    with path.open("w", encoding="utf-8") as handle:
        handle.write(wxr_builder.HEAD)
        next_id = 1
        for post_id in range(1, posts + 1):
            parts, depths = [], {}
            first = next_id
            for n in range(per_post):
                parent = 0
                if n and rng.random() < 0.33:
                    parent = rng.randrange(first, next_id)
                    if depths[parent] >= 5:
                        parent = 0
                depths[next_id] = depths.get(parent, -1) + 1 if parent else 0
                minute = n % 60
                parts.append(
                    wxr_builder.comment(
                        next_id, parent=parent, author=f"Reader {next_id % 500}",
                        email=f"reader{next_id % 500}@guests.test",
                        content=f"I <em>doubt</em> the source, comment {next_id}.\n\nSee <a href=\"https://example.net/{n}\">this</a>.",
                        date=f"2024-03-01 10:{minute:02d}:00", date_gmt=f"2024-03-01 10:{minute:02d}:{n % 60:02d}",
                        meta={"wpdiscuz_votes_seperate": f'a:2:{{s:4:"like";i:{n % 7};s:7:"dislike";i:{n % 3};}}'},
                    )
                )  # fmt: skip
                next_id += 1
            handle.write(
                wxr_builder.post(post_id, title=f"Story {post_id}", comments="".join(parts))
            )
        handle.write("</channel></rss>\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--comments", type=int, default=10_000)
    parser.add_argument("--posts", type=int, default=20)
    parser.add_argument("--database-url")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        configure(options.database_url, Path(folder))
        import logging

        logging.disable(logging.INFO)
        from django.core.management import call_command

        from byline.discussion.models import Comment

        export = Path(folder) / "export.xml"
        write_export(export, options.comments, options.posts, random.Random(1))
        size = export.stat().st_size
        print(
            f"WXR file: {options.posts} posts, {options.comments:,} comments, {size / 1e6:.1f} MB"
        )
        for label in ("first import", "re-run (updates)"):
            started = time.perf_counter()
            call_command("import_wordpress", str(export), stdout=StringIO())
            seconds = time.perf_counter() - started
            count = Comment.objects.count()
            print(
                f"  {label}: {seconds:.1f} s for {count:,} comments ({count / seconds:,.0f} comments/s)"
            )


if __name__ == "__main__":
    main()
