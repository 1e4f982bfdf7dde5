"""A local spam classifier that learns from moderators' decisions. No outside service.

Robinson-Fisher scoring, as in SpamBayes: each token's spam probability is smoothed towards 0.5
by how little evidence there is, the most telling tokens are combined with Fisher's chi-square
method, and the score is near 0 for ham, near 1 for spam, and near 0.5 when the evidence is thin
or mixed. Counts are per document (a token counts once per comment) and live in the database,
so every process scores alike and decisions add up over time.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Case, F, IntegerField, Value, When
from django.db.models.functions import Greatest

from byline.discussion.models import SpamToken
from byline.discussion.models.moderation import DOCUMENTS
from byline.discussion.moderation import links, words

# How strongly unseen evidence pulls a token towards neutral, and the neutral value (Robinson).
STRENGTH = 0.45
NEUTRAL = 0.5
# Only tokens this far from neutral count, and at most this many of them.
MIN_DISTANCE = 0.1
MAX_TOKENS = 150

_WORD = re.compile(r"\w{2,30}")


def tokens(text: str, link_targets: Iterable[str] = ()) -> set[str]:
    """The features of a comment: its words, the hosts it links to, and a few shapes."""
    folded = words.normalise(text)
    found = {word for word in _WORD.findall(folded) if not word.isdigit()}
    targets = list(link_targets)
    for target in targets:
        host = links.host_of(target)
        if host:
            found.add(f"host:{host}")
    found.add(f"links:{min(len(targets), 3)}")
    letters = [char for char in text if char.isalpha()]
    if len(letters) >= 12 and sum(char.isupper() for char in letters) / len(letters) > 0.6:
        found.add("shape:shouting")
    if text.count("!") >= 3:
        found.add("shape:exclamations")
    return {token[:64] for token in found}


@dataclass(frozen=True)
class Totals:
    spam: int
    ham: int


def totals() -> Totals:
    row = SpamToken.objects.filter(token=DOCUMENTS).first()
    return Totals(row.spam, row.ham) if row else Totals(0, 0)


def score(features: set[str], *, min_documents: int = 20) -> float | None:
    """The spam probability of a comment with these features; None until enough is learnt."""
    # One query: the comment's tokens and the documents row together.
    counts = {
        token: (spam, ham)
        for token, spam, ham in SpamToken.objects.filter(
            token__in=[*features, DOCUMENTS]
        ).values_list("token", "spam", "ham")
    }
    learnt = Totals(*counts.pop(DOCUMENTS, (0, 0)))
    if learnt.spam < min_documents or learnt.ham < min_documents:
        return None
    probabilities = []
    for token in features:
        spam, ham = counts.get(token, (0, 0))
        probability = token_probability(spam, ham, learnt)
        if abs(probability - NEUTRAL) >= MIN_DISTANCE:
            probabilities.append(probability)
    probabilities.sort(key=lambda p: -abs(p - NEUTRAL))
    return combine(probabilities[:MAX_TOKENS])


def token_probability(spam: int, ham: int, learnt: Totals) -> float:
    """Robinson's f(w): the token's spamminess, pulled towards neutral when seen rarely."""
    seen = spam + ham
    if seen == 0:
        return NEUTRAL
    spam_ratio = spam / max(learnt.spam, 1)
    ham_ratio = ham / max(learnt.ham, 1)
    raw = spam_ratio / (spam_ratio + ham_ratio)
    return (STRENGTH * NEUTRAL + seen * raw) / (STRENGTH + seen)


def combine(probabilities: list[float]) -> float:
    """Fisher's combination: evidence of spam against evidence of ham, on a 0..1 scale."""
    if not probabilities:
        return NEUTRAL
    n = len(probabilities)
    # Each is the chance of seeing evidence this strong by accident: small when it is real.
    not_spam = _chi2_survival(-2 * sum(math.log(1 - p) for p in probabilities), 2 * n)
    not_ham = _chi2_survival(-2 * sum(math.log(p) for p in probabilities), 2 * n)
    return (1 + not_ham - not_spam) / 2


def _chi2_survival(chi: float, degrees: int) -> float:
    """P(X >= chi) for a chi-square variable with an even number of degrees of freedom."""
    half = chi / 2
    term = total = math.exp(-half)
    for i in range(1, degrees // 2):
        term *= half / i
        total += term
    return min(total, 1.0)


def learn(documents: Iterable[tuple[set[str], str]]) -> None:
    """Add documents, each a feature set labelled "spam" or "ham", to what has been learnt."""
    _adjust(documents, +1)


def forget(documents: Iterable[tuple[set[str], str]]) -> None:
    """Take documents back out, when a moderator changes their mind."""
    _adjust(documents, -1)


def _adjust(documents: Iterable[tuple[set[str], str]], sign: int) -> None:
    changes: dict[str, Counter] = {"spam": Counter(), "ham": Counter()}
    for features, label in documents:
        if label not in changes:
            raise ValueError(f"A document is spam or ham, not {label!r}.")
        changes[label].update(features | {DOCUMENTS})
    touched = set(changes["spam"]) | set(changes["ham"])
    if not touched:
        return
    with transaction.atomic():
        if sign > 0:
            _create_missing(touched)
        for label, counter in changes.items():
            # One UPDATE per 500 tokens, each token moved by its own amount (a CASE), so a batch
            # of decisions costs a few queries whatever its size.
            items = sorted(counter.items())
            for start in range(0, len(items), 500):
                chunk = items[start : start + 500]
                amount = Case(
                    *[When(token=token, then=Value(count)) for token, count in chunk],
                    output_field=IntegerField(),
                )
                change = F(label) + amount if sign > 0 else Greatest(F(label) - amount, Value(0))
                SpamToken.objects.filter(token__in=[token for token, _ in chunk]).update(
                    **{label: change}
                )


def _create_missing(tokens_needed: set[str]) -> None:
    wanted = sorted(tokens_needed)
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        existing = set(SpamToken.objects.filter(token__in=chunk).values_list("token", flat=True))
        missing = [SpamToken(token=token) for token in chunk if token not in existing]
        if missing:
            try:
                with transaction.atomic():
                    SpamToken.objects.bulk_create(missing, ignore_conflicts=True)
            except IntegrityError:
                pass
