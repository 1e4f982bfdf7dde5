"""The pure anchoring functions: selectors, validation and re-anchoring after edits."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from byline.discussion.anchoring import (
    MAX_EXACT_LENGTH,
    Selector,
    SelectorError,
    State,
    describe,
    edit_distance,
    fold,
    normalise,
    reanchor,
    validate,
)
from byline.discussion.anchoring.selectors import MAX_QUOTE_ERROR, _approximate_matches

PARAGRAPH = (
    "The couple were seen leaving the restaurant at midnight. A source close to the pair said "
    "they had argued. The restaurant declined to comment."
)
OTHER = "Meanwhile, the studio confirmed the sequel will be filmed in Glasgow next spring."


def selector_for(text: str, quote: str, block_id: str = "b1") -> Selector:
    start = text.index(quote)
    return describe(block_id, text, start, start + len(quote))


def test_describe_keeps_up_to_32_characters_of_context():
    selector = selector_for(PARAGRAPH, "A source close to the pair said they had argued.")
    assert selector.prefix == PARAGRAPH[selector.start - 32 : selector.start]
    assert selector.suffix == PARAGRAPH[selector.end : selector.end + 32]


def test_unchanged_text_stays_anchored():
    selector = selector_for(PARAGRAPH, "they had argued")
    placement = reanchor(selector, {"b1": PARAGRAPH, "b2": OTHER})
    assert placement.state == State.ANCHORED
    assert placement.selector == selector


def test_quote_moved_within_its_block_is_found_there():
    selector = selector_for(PARAGRAPH, "they had argued")
    edited = "Update: " + PARAGRAPH
    placement = reanchor(selector, {"b1": edited})
    assert placement.state == State.MOVED
    assert edited[placement.selector.start : placement.selector.end] == "they had argued"


def test_repeated_quote_is_told_apart_by_its_context():
    selector = selector_for(PARAGRAPH, "restaurant declined")
    selector = describe("b1", PARAGRAPH, PARAGRAPH.index("restaurant declined"),
                        PARAGRAPH.index("restaurant declined") + len("restaurant"))  # fmt: skip
    edited = "Intro. " + PARAGRAPH
    placement = reanchor(selector, {"b1": edited})
    assert placement.selector.start == edited.index("restaurant declined")


def test_quote_moved_to_another_block_is_found_by_fuzzy_search():
    selector = selector_for(PARAGRAPH, "A source close to the pair said they had argued.")
    moved = "A source close to the pair said they had argued. The restaurant declined to comment."
    placement = reanchor(selector, {"b1": "Rewritten entirely.", "b9": moved})
    assert placement.state == State.MOVED
    assert placement.selector.block_id == "b9"


def test_slightly_reworded_quote_follows_within_the_threshold():
    selector = selector_for(PARAGRAPH, "A source close to the pair said they had argued.")
    edited = PARAGRAPH.replace("they had argued", "they had quarrelled")
    placement = reanchor(selector, {"b1": edited})
    assert placement.state == State.MOVED
    landed = edited[placement.selector.start : placement.selector.end]
    assert "quarrelled" in landed


def test_rewritten_passage_is_orphaned():
    selector = selector_for(PARAGRAPH, "A source close to the pair said they had argued.")
    edited = "The couple left at midnight. Nobody would say why. " + OTHER
    assert reanchor(selector, {"b1": edited, "b2": OTHER}).state == State.ORPHANED


def test_short_quote_is_not_attached_to_the_same_word_in_a_different_sentence():
    selector = selector_for(PARAGRAPH, "argued")
    placement = reanchor(selector, {"b1": "Rewritten.", "b2": "Critics argued about the plot."})
    assert placement.state == State.ORPHANED


def test_missing_block_orphans_unless_the_quote_is_elsewhere():
    selector = selector_for(PARAGRAPH, "the restaurant at midnight")
    assert reanchor(selector, {}).state == State.ORPHANED


@pytest.mark.parametrize(
    "change",
    [
        {"block_id": "nope"},
        {"exact": ""},
        {"exact": "words that are not there"},
        {"exact": "x" * (MAX_EXACT_LENGTH + 1)},
        {"exact": "<script>alert(1)</script>"},
    ],
)
def test_validate_refuses_selectors_that_name_no_passage(change):
    good = selector_for(PARAGRAPH, "they had argued")
    bad = Selector(**{**good.__dict__, **change})
    with pytest.raises(SelectorError):
        validate(bad, {"b1": PARAGRAPH})


def test_validate_corrects_the_browser_position_and_context():
    good = selector_for(PARAGRAPH, "they had argued")
    hinted = Selector(
        block_id="b1", exact=" they  had argued ", prefix="", suffix="", start=0, end=3
    )
    assert validate(hinted, {"b1": PARAGRAPH}) == good


def test_validate_reads_keyboard_punctuation_as_typographic():
    """A quote typed with straight quotes and hyphens names the typeset words, quoted as they are."""
    text = "Her agent called it “pure invention” — the couple’s friends disagree."
    typed = Selector(block_id="b1", exact='it "pure invention" - the couple\'s', prefix="",
                     suffix="", start=0, end=0)  # fmt: skip
    assert validate(typed, {"b1": text}) == selector_for(text, "it “pure invention” — the couple’s")


def test_normalise_collapses_whitespace():
    assert normalise("  a\n\tb  c ") == "a b c"


def test_edit_distance():
    assert edit_distance("kitten", "sitting") == 3


# Property tests: random edits around and inside a passage. Whatever happens, a placed anchor
# sits on text that is the passage or within the threshold of it; otherwise it is orphaned.

words = st.text(alphabet="abcdefghij ", min_size=1, max_size=12)
texts = st.lists(st.sampled_from(["alpha", "beta", "gamma", "delta", "omega", "sigma", "the", "a"]),
                 min_size=3, max_size=60).map(" ".join)  # fmt: skip


@st.composite
def passage_and_edit(draw):
    text = draw(texts)
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start + 1, min(len(text), start + 80)))
    selector = describe("b1", text, start, end)
    edits = draw(
        st.lists(st.tuples(st.integers(0, len(text)), st.integers(0, 6), words), max_size=4)
    )
    edited = text
    for at, remove, insert in edits:
        at = min(at, len(edited))
        edited = edited[:at] + insert + edited[at + remove :]
    other = draw(st.one_of(st.none(), texts))
    blocks = {"b1": edited} if other is None else {"b1": edited, "b2": other}
    if draw(st.booleans()):
        blocks = {"b3": edited, **({} if other is None else {"b2": other})}
    return selector, blocks


@settings(max_examples=300, deadline=None)
@given(passage_and_edit())
def test_anchor_lands_on_the_passage_or_is_orphaned(case):
    selector, blocks = case
    placement = reanchor(selector, blocks)
    if placement.state == State.ORPHANED:
        assert placement.selector is None
        return
    landed = placement.selector
    text = blocks[landed.block_id][landed.start : landed.end]
    assert text == landed.exact
    if placement.state == State.ANCHORED:
        assert landed.block_id == selector.block_id and text == selector.exact
    else:
        assert edit_distance(text, selector.exact) <= int(len(selector.exact) * MAX_QUOTE_ERROR)


@settings(max_examples=200, deadline=None)
@given(passage_and_edit())
def test_edits_outside_the_passage_keep_it_exactly(case):
    """When the passage itself survives unchanged in its block, the anchor finds those words."""
    selector, blocks = case
    if selector.exact not in blocks.get("b1", ""):
        return
    placement = reanchor(selector, blocks)
    assert placement.state in (State.ANCHORED, State.MOVED)
    landed = placement.selector
    assert landed.block_id == "b1"
    assert blocks["b1"][landed.start : landed.end] == selector.exact


@settings(max_examples=100, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("ab \n'\"-‘’“”—–"), max_size=40) | st.text(max_size=300),
    st.text(alphabet=st.sampled_from("ab \n'\"-‘’“”—–"), max_size=80) | st.text(max_size=300),
    st.integers(-5, 400),
    st.integers(-5, 400),
)
def test_validate_refuses_or_returns_a_true_selector(exact, text, start, end):
    selector = Selector(block_id="b1", exact=exact, prefix="", suffix="", start=start, end=end)
    try:
        checked = validate(selector, {"b1": text})
    except SelectorError:
        return
    assert text[checked.start : checked.end] == checked.exact
    assert fold(checked.exact) == fold(normalise(exact))


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="abc ", min_size=4, max_size=14), st.text(alphabet="abc ", max_size=40))
def test_the_fuzzy_filter_never_loses_a_match_within_the_budget(pattern, text):
    """The q-gram filter only skips text that cannot match: compared with brute force."""
    budget = int(len(pattern) * MAX_QUOTE_ERROR)
    best = min(
        (edit_distance(pattern, text[i:j]) for i in range(len(text) + 1)
         for j in range(i, len(text) + 1)),
        default=len(pattern),
    )  # fmt: skip
    found = _approximate_matches(pattern, text, budget)
    assert bool(found) == (best <= budget)
    for start, end, errors in found:
        assert edit_distance(pattern, text[start:end]) == errors <= budget
