"""The checker's rules: the attributions and hedges it looks for in a draft.

Each rule is a regular expression matched against one sentence at a time, after typographic
quotes and apostrophes are read as the keyboard's (’ as ', “ as "), case-insensitively unless
``case_sensitive``. ``kind`` is "attribution" (the claim rests on someone: mark who) or "hedge"
(the claim is uncertain: mark its source or rewrite it).

To add a rule, append a ``Rule`` to a copy of ``DEFAULT_RULES`` in a module of your own and
point the ``NEWSROOM_SOURCING_RULES`` setting at it (a dotted path), or add it here with a test
in ``newsroom/tests/test_sourcing_checker.py``. Keep patterns anchored on words (``\\b``) and
make sure they do not catch sentences that only mention a source in another sense ("source
code", "open source", "sources of funding"): the tests check those.
"""

from __future__ import annotations

from dataclasses import dataclass

SPEECH_VERBS = (
    r"(?:tells?|told|says?|said|claims?|claimed|clarifie[sd]|clarify|adds?|added|insists?|insisted"
    r"|reveals?|revealed|explains?|explained|alleges?|alleged|suggests?|suggested|confirms?"
    r"|confirmed|notes?|noted|stress(?:es|ed)?|agrees?|agreed|maintains?|maintained|recalls?"
    r"|recalled|describes?|described|admits?|admitted|warns?|warned)"
)


@dataclass(frozen=True)
class Rule:
    name: str
    kind: str  # "attribution" or "hedge"
    pattern: str
    case_sensitive: bool = False


DEFAULT_RULES: tuple[Rule, ...] = (
    # "a source tells", "sources say", "another source clarifies", "the source, a friend, said"
    Rule("source says", "attribution", rf"\bsources?\b(?:\s*,[^,]{{1,80}},)?\s+{SPEECH_VERBS}\b"),
    # "sources close to them", "a source familiar with", "a source who spoke to", "a source, speaking to"
    Rule(
        "source close to",
        "attribution",
        r"(?<!open )\bsources?\s*,?\s+(?:close to|familiar with|near|inside|within|who|speaking)\b",
    ),
    Rule("according to", "attribution", r"\baccording to\b"),
    # "told Page Six", "tells *Popwire*", "told The Byline Review": a capitalised name after it
    Rule(
        "told [outlet]",
        "attribution",
        r"\b(?:[Tt]old|[Tt]ells)\s+\*?[A-Z][\w'&!+-]*(?:\s+[A-Z][\w'&!+-]*)*\*?",
        case_sensitive=True,
    ),
    Rule("insider", "attribution", r"\binsiders?\b"),
    # "a friend of the couple", "a person close to the production", "two people at her label"
    Rule(
        "someone close to",
        "attribution",
        r"\b(?:an?|one|another|two|three|several|some)\s+(?:\w+\s+)?"
        r"(?:friends?|pals?|persons?|people|members?|associates?|confidants?|colleagues?)"
        r"\s+(?:of|close to|at|from|familiar with|in)\b",
    ),
    Rule(
        "spokesperson",
        "attribution",
        r"\bspokes(?:person|man|woman)\b|\brep(?:resentative)?s?\s+for\b",
    ),
    # "a report in the trade weekly", "a similar report claimed"
    Rule(
        "a report",
        "attribution",
        rf"\b(?:an?|one|another|the|earlier|tabloid)\s+(?:\w+\s+)?reports?\s+(?:in|by|from|on|{SPEECH_VERBS})\b",
    ),
    Rule("reportedly", "hedge", r"\b(?:reportedly|allegedly|purportedly|supposedly|apparently)\b"),
    Rule("may have", "hedge", r"\b(?:may|might|could)\s+(?:well\s+)?(?:have|be)\b"),
    # "is said to", "are understood to", "was rumoured to", "is believed to"
    Rule(
        "is said to",
        "hedge",
        r"\b(?:is|are|was|were|been)\s+(?:said|thought|believed|rumou?red|reported|alleged"
        r"|understood|expected|tipped)\s+to\b",
    ),
    Rule(
        "it is understood",
        "hedge",
        r"\bit(?:'s| is| was)\s+(?:understood|thought|believed|claimed|rumou?red)\b",
    ),
    Rule("rumour", "hedge", r"\brumou?r(?:s|ed)?\s+(?:has it|that|of|suggests?)\b"),
    Rule("speculation", "hedge", r"\bspeculat(?:ion|ed|es?)\b"),
)
