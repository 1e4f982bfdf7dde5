"""Benchmark: re-anchoring the inline feedback of a long article after a typical edit.

    python -m bench.reanchoring [--words 5000] [--anchors 1000] [--repeat 5] [--database-url URL]

An article of 5,000 words in 60 paragraphs carries 1,000 anchored comments on passages of 2 to
25 words. The editor then rewrites one paragraph (a third of its words changed, a sentence
dropped) and inserts a new paragraph near the top. Measured: the pure anchoring functions over
all anchors (median of ``--repeat`` runs), and the whole worker path on a fresh database
(``reanchor_page``: read the live revision, extract the blocks' text, re-anchor, bulk update).
Prints how many anchors ended anchored, moved and orphaned, and the times. Asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from collections import Counter
from pathlib import Path

from bench.harness import configure_django as configure

ROOT = Path(__file__).resolve().parent.parent
PARAGRAPHS = 60


def vocabulary(rng: random.Random) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return ["".join(rng.choice(letters) for _ in range(rng.randint(2, 9))) for _ in range(900)]


def article(words: int, rng: random.Random) -> list[dict]:
    """Raw StreamField blocks: paragraphs of sentences of pseudo-words, with stable ids."""
    vocab = vocabulary(rng)
    per_paragraph = words // PARAGRAPHS
    blocks = []
    for n in range(PARAGRAPHS):
        sentences, left = [], per_paragraph
        while left > 0:
            length = min(left, rng.randint(8, 20))
            sentence = " ".join(rng.choice(vocab) for _ in range(length))
            sentences.append(sentence.capitalize() + ".")
            left -= length
        blocks.append(
            {"type": "paragraph", "id": f"p{n}", "value": f"<p>{' '.join(sentences)}</p>"}
        )
    return blocks


def edited(blocks: list[dict], rng: random.Random) -> list[dict]:
    """The typical edit: paragraph 10 rewritten, and a new paragraph inserted as the third."""
    blocks = [dict(block) for block in blocks]
    words = blocks[10]["value"][3:-4].split(" ")
    for i in rng.sample(range(len(words)), len(words) // 3):
        words[i] = "rewritten"
    text = " ".join(words)
    first_stop = text.find(". ")
    blocks[10]["value"] = f"<p>{text[first_stop + 2 :]}</p>"
    blocks.insert(
        2, {"type": "paragraph", "id": "p-new", "value": "<p>A new paragraph, added.</p>"}
    )
    return blocks


def selectors(blocks: list[dict], count: int, rng: random.Random):
    from byline.discussion.anchoring import describe
    from byline.discussion.anchoring.passages import html_text

    texts = {block["id"]: html_text(block["value"]) for block in blocks}
    chosen = []
    for _ in range(count):
        block_id = rng.choice(list(texts))
        words = texts[block_id].split(" ")
        length = rng.randint(2, 25)
        first = rng.randrange(0, max(1, len(words) - length))
        start = len(" ".join(words[:first])) + (1 if first else 0)
        end = start + len(" ".join(words[first : first + length]))
        chosen.append(describe(block_id, texts[block_id], start, end))
    return chosen


def pure(blocks, after, chosen, repeat: int) -> tuple[list[float], Counter]:
    from byline.discussion.anchoring import reanchor
    from byline.discussion.anchoring.passages import html_text

    texts = {block["id"]: html_text(block["value"]) for block in after}
    durations, states = [], Counter()
    for _ in range(repeat):
        start = time.perf_counter()
        states = Counter(reanchor(selector, texts).state for selector in chosen)
        durations.append(time.perf_counter() - start)
    return durations, states


def whole_path(blocks, after, chosen) -> tuple[float, dict]:
    """Store the article and its anchored comments, publish the edit, time ``reanchor_page``."""
    from wagtail.signals import page_published

    from byline.discussion.anchoring.workflows import reanchor_page
    from byline.discussion.models import Anchor, Comment, Thread, position_step
    from byline.newsroom.tests.factories import ArticlePageFactory, publish

    page = publish(ArticlePageFactory(body=json.dumps(blocks)))
    thread = Thread.objects.for_page(page)
    comments = Comment.objects.bulk_create(
        Comment(thread=thread, body="On this.", body_html="<p>On this.</p>", guest_name="Reader")
        for _ in chosen
    )
    for comment in comments:
        comment.position = position_step(comment.pk)
    Comment.objects.bulk_update(comments, ["position"])
    anchors = []
    for comment, selector in zip(comments, chosen, strict=True):
        anchor = Anchor(comment=comment, revision_id=page.live_revision_id)
        anchor.place(selector, "anchored")
        anchors.append(anchor)
    Anchor.objects.bulk_create(anchors)
    page.body = json.dumps(after)
    # Publish without the receiver, which would re-anchor at once with the immediate backend:
    # the run timed below must be the first on the new text, as the worker's would be.
    page_published.disconnect(dispatch_uid="byline-reanchor-feedback")
    publish(page)
    start = time.perf_counter()
    counts = reanchor_page(page.pk)
    return time.perf_counter() - start, {str(state): n for state, n in counts.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=5000)
    parser.add_argument("--anchors", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--database-url")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="byline-bench-") as folder:
        configure(options.database_url, Path(folder))
        rng = random.Random(5)
        blocks = article(options.words, rng)
        after = edited(blocks, rng)
        chosen = selectors(blocks, options.anchors, rng)
        durations, states = pure(blocks, after, chosen, options.repeat)
        seconds, counts = whole_path(blocks, after, chosen)
    print(f"Re-anchoring {options.anchors:,} anchors on an article of {options.words:,} words "
          f"after rewriting one paragraph and inserting another")  # fmt: skip
    print("  outcome: " + ", ".join(f"{n} {state}" for state, n in sorted(states.items())))
    print(f"  anchoring functions: median {statistics.median(durations) * 1000:.1f} ms, "
          f"{statistics.median(durations) / options.anchors * 1e6:.0f} µs per anchor "
          f"({options.repeat} runs)")  # fmt: skip
    print(f"  worker path (reanchor_page, database included): {seconds * 1000:.1f} ms, {counts}")


if __name__ == "__main__":
    main()
