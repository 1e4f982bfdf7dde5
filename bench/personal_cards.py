"""Benchmark: what shared comment cards (byline/discussion/threads/cards.py) save a personal page.

    python -m bench.personal_cards [--repeat 40] [--page-size 10] [--database-url URL]
                                   [--redis-url URL] [--profile]

In this process, on a copy of the demo's lead story with a 200-comment thread: the article page
as a guest with a cookie (who posted one comment and voted on another) and as a signed-in reader
gets it, through the whole middleware stack (Django's test client), with the page cache (and so
every fragment) off, on with every card drawn in place, and on with shared cards, one after the
other, after a warm-up page. Prints the median and p90
CPU milliseconds of this process per page (the database's own CPU is not counted) and their ratio;
``--profile`` adds the functions the page spends most in, cards on. Asserts nothing.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import statistics
import tempfile
import time
from pathlib import Path

from bench.harness import configure_django

SLUG = "personal-cards-benchmark"
ATTACH = None


def article():
    from bench import thread

    return thread.kept_article(SLUG, "personal")


def readers(page):
    """A guest with a cookie who posted once and voted once, and a signed-in reader."""
    from django.http import HttpResponse
    from django.test import Client

    from bench import thread
    from byline.accounts.models import User
    from byline.discussion.identity import remember

    reader = thread.guest_who_posted_and_voted(page, "personal-cards-benchmark-guest")
    guest = Client()
    guest.cookies = remember(HttpResponse(), reader).cookies
    member = Client()
    user, _ = User.objects.get_or_create(username="personal-cards-benchmark")
    member.force_login(user)
    return {"guest with a cookie": guest, "signed-in reader": member}


# How each row draws the page: the page cache (and with it every fragment) off; on, but every
# comment's card drawn in place; on, with shared cards.
MODES = ("page cache off", "cards drawn", "cards shared")


def switched(mode: str) -> None:
    from django.conf import settings

    from byline.discussion.threads import cards

    settings.PAGE_CACHE_ENABLED = mode != MODES[0]
    cards.attach_to_thread = ATTACH if mode == MODES[2] else (lambda view: None)


def timed(client, url: str, repeat: int) -> dict[str, list[float]]:
    """CPU milliseconds of this process per page in each mode, interleaved so that the machine's
    other load weighs on each alike."""
    times: dict[str, list[float]] = {mode: [] for mode in MODES}
    for mode in MODES:  # warm-up: templates, renditions, and the cache
        switched(mode)
        client.get(url)
    for _ in range(repeat):
        for mode in MODES:
            switched(mode)
            started = time.process_time()
            response = client.get(url)
            times[mode].append((time.process_time() - started) * 1000)
            assert response.status_code == 200 and "X-Page-Cache" not in response
    return times


def profile(client, url: str, repeat: int) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(repeat):
        client.get(url)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(
        r"byline/(?!logs|pagecache/middleware)", 30
    )
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--redis-url", default="", help="the cache (default: the test settings')")
    parser.add_argument("--page-size", type=int, default=10, help="root comments a page")
    parser.add_argument("--profile", action="store_true")
    options = parser.parse_args()
    import os

    if options.redis_url:
        os.environ["REDIS_URL"] = options.redis_url
    configure_django(options.database_url, Path(tempfile.mkdtemp(prefix="byline-cards-")))
    from django.conf import settings
    from django.core.cache import cache

    global ATTACH
    from byline.discussion.threads import cards

    ATTACH = cards.attach_to_thread
    page = article()
    print(f"{page.url}: {page.specific.title}; cache {settings.CACHES['default']['BACKEND']}")
    settings.DISCUSSION_PAGE_SIZE = options.page_size
    cache.clear()
    for name, client in readers(page).items():
        cards_shown = client.get(page.url).content.count(b'class="comment__card"')
        rows = timed(client, page.url, options.repeat)
        for mode, times in rows.items():
            median, p90 = statistics.median(times), statistics.quantiles(times, n=10)[-1]
            print(f"{name:20} {mode:15} median {median:6.1f} ms  p90 {p90:6.1f} ms CPU")
        shared, drawn, off = (statistics.median(rows[mode]) for mode in reversed(MODES))
        print(
            f"{name:20} {cards_shown} cards; shared / drawn: {shared / drawn:.2f}; "
            f"shared / page cache off: {shared / off:.2f}"
        )
        if options.profile:
            switched(MODES[2])
            print(profile(client, page.url, options.repeat))


if __name__ == "__main__":
    main()
