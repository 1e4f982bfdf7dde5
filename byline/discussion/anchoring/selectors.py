"""W3C Web Annotation selectors for a passage of an article, and re-anchoring them after an edit.

Pure functions over plain text, no Django: a passage is named by the id of the StreamField
block it lies in, a TextPositionSelector (offsets within that block's plain text) and a
TextQuoteSelector (the exact text with up to 32 characters either side). Block ids survive
revisions; positions and neighbouring words do not, so re-anchoring tries, in order, the
cheapest evidence that still proves the passage is the same words.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

CONTEXT_LENGTH = 32
# A passage longer than this is not a passage; refusing it bounds every search below.
MAX_EXACT_LENGTH = 2_000
# The fuzzy search accepts a candidate whose quote differs from the stored one by at most this
# share of its characters (edits), and whose context agrees at least a little.
MAX_QUOTE_ERROR = 0.2
MIN_CONTEXT_SIMILARITY = 0.5
# A quote this long speaks for itself; a shorter one ("argued", "the") occurs by chance in
# other sentences, so its old neighbours must also be found around it.
SELF_EVIDENT_LENGTH = 16

# The length of the substrings the fuzzy search's filter counts (see ``_candidate_windows``).
Q = 3

_WHITESPACE = re.compile(r"\s+")
# Typographic quotes, apostrophes and dashes, and what a keyboard types for them. One character
# for one, so that where words are found in folded text they are found in the text itself.
_KEYBOARD_PUNCTUATION = str.maketrans(
    {
        **dict.fromkeys("‘’‚‛ʼ′", "'"),
        **dict.fromkeys("“”„‟″", '"'),
        **dict.fromkeys("‐‑‒–—―−", "-"),
    }
)


class State(enum.StrEnum):
    ANCHORED = "anchored"
    MOVED = "moved"
    ORPHANED = "orphaned"


class SelectorError(ValueError):
    """Selectors a reader's browser sent that cannot name a passage of this article."""


@dataclass(frozen=True)
class Selector:
    block_id: str
    exact: str
    prefix: str
    suffix: str
    start: int
    end: int


@dataclass(frozen=True)
class Placement:
    state: State
    selector: Selector | None


def normalise(text: str) -> str:
    """Collapse whitespace as the browser's script does, so offsets agree on both sides."""
    return _WHITESPACE.sub(" ", text).strip()


def fold(text: str) -> str:
    """``text`` with typographic punctuation as typed on a keyboard, for matching only: someone
    copying “pure invention” may well type "pure invention". Offsets are unchanged."""
    return text.translate(_KEYBOARD_PUNCTUATION)


def describe(block_id: str, text: str, start: int, end: int) -> Selector:
    """The selectors of ``text[start:end]``, with its context."""
    if not 0 <= start < end <= len(text):
        raise SelectorError("That passage is not in the article.")
    return Selector(
        block_id=block_id,
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT_LENGTH) : start],
        suffix=text[end : end + CONTEXT_LENGTH],
        start=start,
        end=end,
    )


def validate(selector: Selector, texts: Mapping[str, str]) -> Selector:
    """Check what a browser sent against the published text and return the server's own selector.

    The browser's position is a hint: the quote must be found in the named block, nearest the
    hint when it occurs more than once, or the selection is refused. Whitespace and typographic
    punctuation do not count (see ``fold``); the server's selector quotes the text as it is.
    """
    text = texts.get(selector.block_id)
    if text is None:
        raise SelectorError("That passage is not in the article.")
    exact = normalise(selector.exact)
    if not exact or len(exact) > MAX_EXACT_LENGTH:
        raise SelectorError(f"Choose a passage of 1 to {MAX_EXACT_LENGTH:,} characters.")
    hint = replace(selector, exact=exact, prefix=selector.prefix[-CONTEXT_LENGTH:],
                   suffix=selector.suffix[:CONTEXT_LENGTH])  # fmt: skip
    start = _find_quote(text, hint)
    if start is None:
        raise SelectorError("That passage is not in the article.")
    return describe(selector.block_id, text, start, start + len(exact))


def reanchor(selector: Selector, texts: Mapping[str, str]) -> Placement:
    """Where the passage named by ``selector`` lies in the new ``texts`` (block id -> text).

    1. the same block and position, if the text there is still the quote: anchored;
    2. the quote within the same block, the context choosing between repeats: moved;
    3. a fuzzy search of prefix + quote + suffix across every block: moved, if the match is
       within the error threshold;
    otherwise orphaned: never attached to words that do not match.
    """
    text = texts.get(selector.block_id)
    if text is not None and text[selector.start : selector.end] == selector.exact:
        return Placement(
            State.ANCHORED, describe(selector.block_id, text, selector.start, selector.end)
        )
    if text is not None:
        start = _find_quote(text, selector)
        if start is not None:
            found = describe(selector.block_id, text, start, start + len(selector.exact))
            return Placement(State.MOVED, found)
    match = fuzzy_find(selector, texts)
    if match is None:
        return Placement(State.ORPHANED, None)
    block_id, start, end = match
    return Placement(State.MOVED, describe(block_id, texts[block_id], start, end))


def _find_quote(text: str, selector: Selector) -> int | None:
    """The start of the occurrence of the quote whose context best agrees, nearest the old position."""
    text, exact, prefix, suffix = (
        fold(part) for part in (text, selector.exact, selector.prefix, selector.suffix)
    )
    starts = _occurrences(text, exact)
    if not starts:
        return None

    def fitness(start: int) -> tuple[int, int]:
        before = text[max(0, start - len(prefix)) : start]
        after = text[start + len(exact) :][: len(suffix)]
        agreement = _common_suffix(before, prefix) + _common_prefix(after, suffix)
        return (-agreement, abs(start - selector.start))

    return min(starts, key=fitness)


def _occurrences(text: str, exact: str) -> list[int]:
    starts, at = [], text.find(exact)
    while at != -1:
        starts.append(at)
        at = text.find(exact, at + 1)
    return starts


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_suffix(a: str, b: str) -> int:
    return _common_prefix(a[::-1], b[::-1])


def fuzzy_find(selector: Selector, texts: Mapping[str, str]) -> tuple[str, int, int] | None:
    """The best approximate match of the quote in any block: (block id, start, end), or None.

    The quote is located by an approximate substring search (Sellers' edit distance, which
    lets the match start anywhere) allowing ``MAX_QUOTE_ERROR`` of its length in edits. A
    candidate is accepted only if its context also resembles the stored prefix and suffix,
    unless the stored quote is long enough to speak for itself; the fewest edits win, then the
    most context.
    """
    exact = selector.exact
    budget = int(len(exact) * MAX_QUOTE_ERROR)
    best: tuple[tuple[int, int], tuple[str, int, int]] | None = None
    for block_id, text in texts.items():
        for start, end, errors in _approximate_matches(exact, text, budget):
            context = _context_similarity(selector, text, start, end)
            if context < MIN_CONTEXT_SIMILARITY and len(exact) < SELF_EVIDENT_LENGTH:
                continue
            key = (errors, -round(context * 100))
            if best is None or key < best[0]:
                best = (key, (block_id, start, end))
    return best[1] if best else None


def _approximate_matches(pattern: str, text: str, budget: int) -> list[tuple[int, int, int]]:
    """The best matches of ``pattern`` in ``text`` within ``budget`` edits: (start, end, edits).

    Sellers' algorithm, a Levenshtein table whose first row is all zeros so that a match may
    begin anywhere, finds where matches end; a second pass backwards from each end finds where
    it began. It runs only over the windows the q-gram filter leaves.
    """
    m = len(pattern)
    if m == 0 or len(text) < m - budget:
        return []
    if budget == 0:
        return [(s, s + m, 0) for s in _occurrences(text, pattern)]
    matches: list[tuple[int, int, int]] = []
    for low, high in _candidate_windows(pattern, text, budget):
        window = text[low:high]
        ends = _local_minima(_match_ends(pattern, window, budget))
        matches += [(low + s, low + e, k) for s, e, k in _best_spans(pattern, window, ends, budget)]
    return matches


def _candidate_windows(pattern: str, text: str, budget: int) -> list[tuple[int, int]]:
    """Stretches of ``text`` that may hold a match, by the q-gram lemma.

    Each edit destroys at most ``Q`` of the pattern's q-grams, so a match with ``budget``
    edits still contains ``len(pattern) - Q + 1 - budget * Q`` of them. One linear pass
    marks the text's q-grams that occur in the pattern; a sliding count over windows as long
    as the longest match keeps those with enough, leaving the quadratic search a few short
    windows instead of the whole article.
    """
    m = len(pattern)
    needed = m - Q + 1 - budget * Q
    if needed <= 0 or len(text) < Q:
        return [(0, len(text))]
    grams = {pattern[i : i + Q] for i in range(m - Q + 1)}
    hits = [text[j : j + Q] in grams for j in range(len(text) - Q + 1)]
    span = m + budget - Q + 1  # q-grams in the longest possible match
    windows: list[tuple[int, int]] = []
    count = sum(hits[:span])
    for first in range(len(hits)):
        if count >= needed:
            low, high = first, min(len(text), first + m + budget)
            if windows and low <= windows[-1][1]:
                windows[-1] = (windows[-1][0], high)
            else:
                windows.append((low, high))
        count -= hits[first]
        if first + span < len(hits):
            count += hits[first + span]
    return windows


def _match_ends(pattern: str, text: str, budget: int) -> list[tuple[int, int]]:
    """Sellers' algorithm: the end columns (and their edits) of matches within ``budget``."""
    m = len(pattern)
    ends: list[tuple[int, int]] = []
    column = list(range(m + 1))
    for j, char in enumerate(text, start=1):
        previous_diagonal, column[0] = column[0], 0
        for i in range(1, m + 1):
            cost = previous_diagonal if pattern[i - 1] == char else previous_diagonal + 1
            previous_diagonal = column[i]
            column[i] = min(cost, column[i] + 1, column[i - 1] + 1)
        if column[m] <= budget:
            ends.append((j, column[m]))
    return ends


def _local_minima(ends: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Of each run of adjacent matching end columns, the one with the fewest errors."""
    chosen: list[tuple[int, int]] = []
    for end, errors in ends:
        if chosen and end - chosen[-1][0] <= 1 + chosen[-1][1]:
            if errors < chosen[-1][1]:
                chosen[-1] = (end, errors)
            continue
        chosen.append((end, errors))
    return chosen


def _best_spans(
    pattern: str, text: str, ends: list[tuple[int, int]], budget: int
) -> list[tuple[int, int, int]]:
    spans = []
    for end, _ in ends:
        window = text[max(0, end - len(pattern) - budget) : end]
        reversed_matches = _start_of(pattern[::-1], window[::-1], budget)
        if reversed_matches is None:
            continue
        length, errors = reversed_matches
        spans.append((end - length, end, errors))
    return spans


def _start_of(pattern: str, text: str, budget: int) -> tuple[int, int] | None:
    """The length of the prefix of ``text`` that best matches all of ``pattern``, and its errors."""
    m = len(pattern)
    column = list(range(m + 1))
    best: tuple[int, int] | None = (0, m) if m <= budget else None
    for j, char in enumerate(text, start=1):
        previous_diagonal, column[0] = column[0], j
        for i in range(1, m + 1):
            cost = previous_diagonal if pattern[i - 1] == char else previous_diagonal + 1
            previous_diagonal = column[i]
            column[i] = min(cost, column[i] + 1, column[i - 1] + 1)
        if column[m] <= budget and (best is None or column[m] < best[1]):
            best = (j, column[m])
    return best


def _context_similarity(selector: Selector, text: str, start: int, end: int) -> float:
    """How much of the stored prefix and suffix still borders the candidate, from 0 to 1."""
    wanted = len(selector.prefix) + len(selector.suffix)
    if wanted == 0:
        return 1.0
    before = text[max(0, start - len(selector.prefix)) : start]
    after = text[end : end + len(selector.suffix)]
    agreement = _common_suffix(before, selector.prefix) + _common_prefix(after, selector.suffix)
    return agreement / wanted


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance: what the property tests hold a fuzzy match to."""
    column = list(range(len(b) + 1))
    for i, char in enumerate(a, start=1):
        previous_diagonal, column[0] = column[0], i
        for j in range(1, len(b) + 1):
            cost = previous_diagonal if b[j - 1] == char else previous_diagonal + 1
            previous_diagonal = column[j]
            column[j] = min(cost, column[j] + 1, column[j - 1] + 1)
    return column[len(b)]
