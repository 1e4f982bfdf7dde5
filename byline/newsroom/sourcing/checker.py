"""The sourcing check of a draft: every sentence of the body with an attribution or a hedge,
and whether it carries a source mark, for the editor to mark or rewrite."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.conf import settings
from django.utils.module_loading import import_string

from byline.newsroom.sourcing.marks import MarkedText, find_marks
from byline.newsroom.sourcing.rules import Rule

DEFAULT_RULES_PATH = "byline.newsroom.sourcing.rules.DEFAULT_RULES"

# One character for one: offsets in the normalised text are offsets in the original.
TYPOGRAPHIC = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "\u00a0": " ", "′": "'"})

# A sentence ends at . ! ? or … followed by closing quotes or brackets, then space.
SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)")
# Words whose full stop ends no sentence.
ABBREVIATIONS = frozenset(
    {"mr", "mrs", "ms", "dr", "st", "prof", "sr", "jr", "vs", "no", "e", "u.s"}
)


@dataclass(frozen=True)
class CompiledRule:
    rule: Rule
    regex: re.Pattern[str]


@dataclass(frozen=True)
class Finding:
    """A sentence with attributions or hedges: ``phrases`` as the sentence has them."""

    sentence: str
    block_id: str
    rule_names: tuple[str, ...]
    phrases: tuple[str, ...]
    kinds: frozenset[str]
    marked: bool


def compile_rules(rules: Iterable[Rule]) -> tuple[CompiledRule, ...]:
    return tuple(
        CompiledRule(rule, re.compile(rule.pattern, 0 if rule.case_sensitive else re.IGNORECASE))
        for rule in rules
    )


@cache
def _rules_at(path: str) -> tuple[CompiledRule, ...]:
    return compile_rules(import_string(path))


def configured_rules() -> tuple[CompiledRule, ...]:
    """The rules ``NEWSROOM_SOURCING_RULES`` names (a dotted path to a sequence of ``Rule``)."""
    return _rules_at(getattr(settings, "NEWSROOM_SOURCING_RULES", DEFAULT_RULES_PATH))


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text``, without surrounding space; a new line always
    ends a sentence, and so does an end mark before space, unless it follows an abbreviation."""
    spans: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text):
        start = line.start()
        for end_mark in SENTENCE_END.finditer(line.group(0)):
            end = line.start() + end_mark.end()
            word_before = re.search(r"([\w.]+)[.!?…]+[\"'”’)\]]*$", text[start:end])
            if word_before and word_before.group(1).lower().rstrip(".") in ABBREVIATIONS:
                continue
            spans.append((start, end))
            start = end
        spans.append((start, line.end()))
    return [_trimmed(text, s, e) for s, e in spans if text[s:e].strip()]


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def check_text(
    marked: MarkedText, *, block_id: str = "", rules: Sequence[CompiledRule] | None = None
) -> list[Finding]:
    """The findings of one piece of marked text, in reading order."""
    rules = configured_rules() if rules is None else rules
    normalised = marked.text.translate(TYPOGRAPHIC)
    findings = []
    for start, end in split_sentences(normalised):
        sentence = normalised[start:end]
        hits = [(rule, match) for rule in rules for match in rule.regex.finditer(sentence)]
        if not hits:
            continue
        hits.sort(key=lambda hit: hit[1].start())
        findings.append(
            Finding(
                sentence=marked.text[start:end],
                block_id=block_id,
                rule_names=tuple(dict.fromkeys(rule.rule.name for rule, _ in hits)),
                phrases=tuple(
                    dict.fromkeys(marked.text[start + m.start() : start + m.end()] for _, m in hits)
                ),
                kinds=frozenset(rule.rule.kind for rule, _ in hits),
                marked=bool(marked.marked_between(start, end)),
            )
        )
    return findings


def rich_text_of_body(body: Iterable[Any]) -> Iterable[tuple[str, str]]:
    """(block id, rich text HTML) of every block of an article body that editors can mark."""
    for block in body:
        if block.block_type == "paragraph":
            yield block.id or "", block.value.source
        elif block.block_type == "inline_prompt":
            yield block.id or "", block.value["text"].source


def findings_in_order(findings: Iterable[Finding]) -> list[Finding]:
    """Unmarked findings first, each group in reading order."""
    return sorted(findings, key=lambda finding: finding.marked)


def check_body(body: Iterable[Any]) -> list[Finding]:
    """Every finding of an article body, unmarked ones first, each group in reading order."""
    return findings_in_order(
        finding
        for block_id, html in rich_text_of_body(body)
        for finding in check_text(find_marks(html), block_id=block_id)
    )
