"""The sourcing checker: attributions and hedges found in real sentences."""

from __future__ import annotations

import pytest
from django.test import override_settings
from hypothesis import given
from hypothesis import strategies as st

from byline.newsroom.sourcing import checker
from byline.newsroom.sourcing.checker import check_body, check_text, split_sentences
from byline.newsroom.sourcing.marks import find_marks
from byline.newsroom.sourcing.rules import DEFAULT_RULES, Rule

# Sentences of the kind the demo and the reference page are built on.
FLAGGED = [
    ("A source tells Page Six that the pair have not spoken in weeks.", "source says"),
    ("A source tells Page Six that the pair have not spoken in weeks.", "told [outlet]"),
    ("Another source clarifies that nothing has been signed.", "source says"),
    ("Sources say the split has been coming for months.", "source says"),
    ("The couple, sources close to them say, are living apart.", "source close to"),
    ("A source, speaking to the Daily Lantern, called it “over”.", "source close to"),
    ("According to Screen Ledger, talks have stalled.", "according to"),
    ("A friend of the couple told Marquee Weekly that it was overblown.", "told [outlet]"),
    ("A friend of the couple told *Marquee Weekly* that it was overblown.", "someone close to"),
    ("The singer has reportedly asked for more time.", "reportedly"),
    ("He allegedly left the set in tears.", "reportedly"),
    ("This may have been the final straw.", "may have"),
    ("The actor is said to be furious.", "is said to"),
    ("They are understood to have met twice.", "is said to"),
    ("Vale’s spokesperson said the singer “does not comment”.", "spokesperson"),
    ("Two people at her record label say the album is late.", "someone close to"),
    ("It’s understood the deal is done.", "it is understood"),
    ("An insider claims the show is finished.", "insider"),
    ("A similar report claimed the pair had “quietly separated”.", "a report"),
]

NOT_FLAGGED = [
    "The app’s source code is published on the company’s site.",
    "The studio’s software is open source, and so is its font.",
    "The charity lists its sources of funding every year.",
    "Open source projects rarely make the front page.",
    "The film’s source material is a bestselling novel.",
    "She told reporters she was happy.",
    "The couple were photographed laughing together on a beach.",
    "Where are the sources of the river?",
]


def findings_of(text: str):
    return check_text(find_marks(f"<p>{text}</p>"))


@pytest.mark.parametrize(("sentence", "rule"), FLAGGED)
def test_attributions_and_hedges_are_found(sentence, rule):
    """Each sentence is flagged, by the rule that names its attribution or hedge."""
    [finding] = findings_of(sentence)
    assert rule in finding.rule_names
    assert finding.sentence == sentence
    assert not finding.marked


@pytest.mark.parametrize("sentence", NOT_FLAGGED)
def test_other_senses_of_source_are_not_flagged(sentence):
    """Source code, open source, sources of funding: no attribution, no finding."""
    assert findings_of(sentence) == []


def test_curly_quotes_and_apostrophes_read_as_the_keyboard_s():
    """“It’s said” matches the rule written with straight quotes; the sentence keeps its curls."""
    [finding] = findings_of("“They’re fine,” it’s understood, and a pal’s rep for Vale agreed.")
    assert finding.sentence.startswith("“They’re fine,”")
    assert {"it is understood", "spokesperson"} <= set(finding.rule_names)


def test_the_outlet_told_is_named_without_the_full_stop():
    [finding] = findings_of("“They are private people,” the friend told Marquee Weekly.")
    assert "told Marquee Weekly" in finding.phrases


def test_several_hedges_in_one_sentence_make_one_finding_with_every_phrase():
    [finding] = findings_of("She may have left, reportedly, and is said to be furious.")
    assert finding.phrases == ("may have", "reportedly", "is said to")
    assert finding.kinds == frozenset({"hedge"})


def test_sentence_boundaries_follow_quotes_abbreviations_and_paragraphs():
    text = (
        "“They haven’t spent a weekend together,” the source claimed. “Nobody says it.” "
        "Mr. Calloway was not available! Was it over? Fans thought so…\nA new line"
    )
    sentences = [text[start:end] for start, end in split_sentences(text)]
    assert sentences == [
        "“They haven’t spent a weekend together,” the source claimed.",
        "“Nobody says it.”",
        "Mr. Calloway was not available!",
        "Was it over?",
        "Fans thought so…",
        "A new line",
    ]


def test_only_the_sentence_with_the_hedge_is_reported():
    findings = findings_of(
        "The couple met in 2019. She reportedly said yes. They live in Portmere."
    )
    assert [finding.sentence for finding in findings] == ["She reportedly said yes."]


def test_a_sentence_with_a_source_mark_is_marked():
    html = (
        "<p>Quiet week. <span data-source-kind='outlet' data-source-name='Popwire'>A source told"
        " Popwire</span> the pair are engaged. She may have said yes.</p>"
    )
    first, second = check_text(find_marks(html))
    assert first.marked and first.sentence == "A source told Popwire the pair are engaged."
    assert not second.marked


def test_a_mark_of_an_unknown_kind_does_not_count():
    html = "<p><span data-source-kind='gossip'>A source told Popwire</span> so.</p>"
    [finding] = check_text(find_marks(html))
    assert not finding.marked


@given(st.text(max_size=300))
def test_any_text_is_checked_without_error_and_sentences_come_from_it(text):
    for finding in check_text(find_marks(text.replace("<", " "))):
        assert finding.sentence.strip()
        assert finding.phrases


class Block:
    def __init__(self, block_type, value, id_):
        self.block_type, self.value, self.id = block_type, value, id_


class Rich:
    def __init__(self, source):
        self.source = source


def test_the_body_s_unmarked_findings_come_first_in_reading_order():
    body = [
        Block(
            "paragraph",
            Rich("<p><span data-source-kind='anonymous'>It may have ended.</span></p>"),
            "a",
        ),
        Block("subheading", "Allegedly: a heading is not checked", "b"),
        Block("inline_prompt", {"text": Rich("<p>Sources say no.</p>")}, "c"),
        Block("paragraph", Rich("<p>He reportedly left.</p>"), "d"),
    ]
    findings = check_body(body)
    assert [(f.block_id, f.marked) for f in findings] == [("c", False), ("d", False), ("a", True)]


CUSTOM_RULES = (Rule("gossip", "hedge", r"\bgossip\b"),)


def test_the_rules_are_read_from_the_setting():
    """NEWSROOM_SOURCING_RULES names the list; a rule added there is used."""
    with override_settings(NEWSROOM_SOURCING_RULES=f"{__name__}.CUSTOM_RULES"):
        [finding] = findings_of("The gossip is everywhere. Sources say so.")
    assert finding.rule_names == ("gossip",)
    assert len(findings_of("Sources say so.")) == 1
    assert checker.configured_rules()[0].rule == DEFAULT_RULES[0]


def test_every_default_rule_is_named_kinded_and_compiles():
    compiled = checker.compile_rules(DEFAULT_RULES)
    assert len({rule.name for rule in DEFAULT_RULES}) == len(DEFAULT_RULES)
    assert all(rule.rule.kind in {"attribution", "hedge"} for rule in compiled)
