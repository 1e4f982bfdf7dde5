"""Benchmark: what the moderation pipeline costs per comment, all rules on against all off.

    python -m bench.moderation [--comments 400] [--words 5000] [--database-url URL]

In one run, on a fresh database: 5,000 banned and 5,000 suspect words (files, as in
production), a few hundred blocked domains, the classifier trained on the labelled set shipped
with the tests, rate limits, time trap, repeat check, first-post hold and pre-moderation all
checking. It measures the pipeline alone (``moderate``) and whole posts (``post_comment``,
with the database writes) with the pipeline on and off, and the word matcher against a plain
alternation of the same words. Prints the figures and ratios, writes bench/results/moderation.json.
Nothing here asserts a speed.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import re
import statistics
import string
import tempfile
import time
from pathlib import Path

from bench.harness import configure_django as configure

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "moderation.json"
READERS = 50


def word_lists(count: int, folder: Path) -> tuple[Path, Path, list[str]]:
    """Pseudo-words that never occur in the comments (the usual case), plus a few that do."""
    rng = random.Random(7)

    def word() -> str:
        return "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(5, 11)))

    banned = [word() for _ in range(count - 2)] + ["grotnik", "slurr*"]
    suspect = [word() for _ in range(count - 5)] + ["casino*", "viagra*", "crypto giveaway", "online pharmacy", "click here"]  # fmt: skip
    banned_file, suspect_file = folder / "banned.txt", folder / "suspect.txt"
    banned_file.write_text("\n".join(banned))
    suspect_file.write_text("\n".join(suspect))
    return banned_file, suspect_file, banned + suspect


def comment_texts(n: int) -> list[str]:
    from byline.discussion.tests.spam_corpus import HAM, SPAM

    texts = HAM * 3 + SPAM  # mostly readers, some spam, as a site sees it
    return [f"{texts[i % len(texts)]} ({i})" for i in range(n)]


def timed(function, items) -> list[float]:
    durations = []
    for item in items:
        start = time.perf_counter()
        function(item)
        durations.append(time.perf_counter() - start)
    return durations


def summary(durations: list[float]) -> dict[str, float]:
    ordered = sorted(durations)
    return {
        "mean_us": statistics.fmean(durations) * 1e6,
        "p50_us": ordered[len(ordered) // 2] * 1e6,
        "p99_us": ordered[int(len(ordered) * 0.99) - 1] * 1e6,
        "n": len(durations),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--comments", type=int, default=400)
    parser.add_argument("--words", type=int, default=5000)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="byline-bench-") as folder:
        folder = Path(folder)
        configure(args.database_url, folder)
        results = run(args, folder)
    print_results(results)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2))
    print(f"\nWritten to {RESULTS.relative_to(ROOT)}")


def run(args, folder: Path) -> dict:
    from django.conf import settings
    from django.test.utils import override_settings

    from byline.discussion import markup
    from byline.discussion.errors import DiscussionError
    from byline.discussion.identity import Reader
    from byline.discussion.models import Thread
    from byline.discussion.moderation import FormEvidence, Submission, classifier, moderate, words
    from byline.discussion.moderation.pipeline import bypassed
    from byline.discussion.tests.spam_corpus import HAM, SPAM
    from byline.discussion.threads import services
    from byline.discussion.threads.services import Guest
    from byline.newsroom.tests.factories import ArticlePageFactory

    banned_file, suspect_file, all_words = word_lists(args.words, folder)
    rules = "byline.discussion.moderation.rules"
    all_on = {
        "DISCUSSION_MODERATION_RULES": [
            f"{rules}.ClosedThread", f"{rules}.Banned", f"{rules}.Honeypot", f"{rules}.TimeTrap",
            f"{rules}.RateLimit", f"{rules}.Length", f"{rules}.RepeatPost",
            (f"{rules}.BannedWords", {"file": str(banned_file)}),
            (f"{rules}.Links", {"blocked_domains": [f"spam{n}.example" for n in range(300)]}),
            (f"{rules}.SuspectWords", {"file": str(suspect_file)}),
            f"{rules}.Premoderation", f"{rules}.FirstPosts", f"{rules}.SpamScore",
        ],
        "DISCUSSION_MIN_FILL_SECONDS": 3,
        "DISCUSSION_REPEAT_MINUTES": 60,
        "DISCUSSION_FIRST_POST_HOLD": 1,
        # Limits high enough never to refuse, so every post pays for the counting.
        "DISCUSSION_RATE_LIMITS": {"ip_range": "1000000/10m", "email": "1000000/10m", "account": "1000000/10m"},
        "DISCUSSION_DIGEST_HOURS": 0,
    }  # fmt: skip
    all_off = {"DISCUSSION_MODERATION_RULES": [], "DISCUSSION_DIGEST_HOURS": 0}

    def reader(n: int) -> dict:
        n %= READERS
        return {
            "reader": Reader(guest_token=f"regular-{n}"),
            "guest": Guest(name=f"Reader {n}", email=f"reader{n}@example.org"),
        }

    article = ArticlePageFactory(title="Benchmark article")
    thread = Thread.objects.for_page(article)
    classifier.learn(
        [(classifier.tokens(text), "ham") for text in HAM]
        + [(classifier.tokens(text), "spam") for text in SPAM]
    )
    texts = comment_texts(args.comments)
    # Fifty regular readers, each with a published comment, so the first-post hold lets them
    # through and what they write is judged on its words.
    with bypassed():
        for n in range(READERS):
            services.post_comment(page=article, body=f"Hello from reader {n}.", **reader(n))

    def submission(i: int, text: str) -> Submission:
        source = markup.clean_text(text)
        return Submission(
            thread=thread, **reader(i),
            body=source, body_html=markup.render(source), ip_address=f"198.51.100.{i % 200}",
            form=FormEvidence("", 30.0),
        )  # fmt: skip

    # Compile once, as a running site does, and time it.
    start = time.perf_counter()
    words.matcher(file=banned_file)
    words.matcher(file=suspect_file)
    compile_seconds = time.perf_counter() - start

    outcomes: dict[str, dict[str, int]] = {}
    measured: dict[str, dict] = {}

    def measure(label: str, config: dict) -> None:
        decisions: dict[str, int] = {}
        posted: dict[str, int] = {}

        def decide(sub: Submission) -> None:
            action = moderate(sub).action
            decisions[action] = decisions.get(action, 0) + 1

        def post(pair: tuple[int, str]) -> None:
            i, text = pair
            try:
                comment = services.post_comment(
                    page=article, body=f"{text} [{label}]", **reader(i),
                    ip_address=f"203.0.113.{i % 200}", form=FormEvidence("", 30.0),
                )  # fmt: skip
                outcome = str(comment.status)
            except DiscussionError:
                outcome = "rejected"
            posted[outcome] = posted.get(outcome, 0) + 1

        with override_settings(**config):
            subs = [submission(i, text) for i, text in enumerate(texts)]
            moderate(subs[0])  # build the pipeline outside the timing
            measured[f"pipeline_{label}"] = summary(timed(decide, subs))
            measured[f"post_{label}"] = summary(timed(post, list(enumerate(texts))))
        outcomes[f"pipeline_{label}"], outcomes[f"post_{label}"] = decisions, posted

    measure("on", all_on)
    measure("off", all_off)

    # The matcher against a plain alternation of the same words, on the same folded texts.
    folded = [words.normalise(text) for text in texts]
    trie = words.compile_words(all_words)
    plain = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w.rstrip("*")) for w in all_words) + r")")
    measured["words_trie"] = summary(timed(trie.search, folded))
    measured["words_plain_alternation"] = summary(timed(plain.search, folded))

    return {
        "comments": args.comments,
        "banned_words": args.words,
        "suspect_words": args.words,
        "database": settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1],
        "cache": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1],
        "python": platform.python_version(),
        "word_list_compile_seconds": compile_seconds,
        "measurements": measured,
        "outcomes": outcomes,
        "ratios": {
            "post_on_over_off": measured["post_on"]["mean_us"] / measured["post_off"]["mean_us"],
            "pipeline_cost_share_of_post": measured["pipeline_on"]["mean_us"] / measured["post_on"]["mean_us"],
            "plain_alternation_over_trie": measured["words_plain_alternation"]["mean_us"] / measured["words_trie"]["mean_us"],
        },
    }  # fmt: skip


def print_results(results: dict) -> None:
    m = results["measurements"]
    print(
        f"Moderation pipeline, {results['comments']} comments, {results['banned_words']:,} banned"
        f" + {results['suspect_words']:,} suspect words, {results['database']}, {results['cache']}"
    )
    print(f"  word lists compiled once in {results['word_list_compile_seconds'] * 1000:.0f} ms")
    rows = [
        ("moderate(), all rules on", m["pipeline_on"]),
        ("moderate(), pipeline off", m["pipeline_off"]),
        ("post_comment(), all rules on", m["post_on"]),
        ("post_comment(), pipeline off", m["post_off"]),
        ("word match, trie regex", m["words_trie"]),
        ("word match, plain alternation", m["words_plain_alternation"]),
    ]
    print(f"  {'':32} {'mean µs':>10} {'p50 µs':>10} {'p99 µs':>10}")
    for label, row in rows:
        print(f"  {label:32} {row['mean_us']:>10.1f} {row['p50_us']:>10.1f} {row['p99_us']:>10.1f}")
    r = results["ratios"]
    print(f"  post with all rules on / off: {r['post_on_over_off']:.2f}x")
    print(f"  the pipeline's share of a post: {r['pipeline_cost_share_of_post']:.0%}")
    print(f"  plain alternation / trie: {r['plain_alternation_over_trie']:.1f}x")
    print(f"  outcomes: {results['outcomes']}")


if __name__ == "__main__":
    main()
