"""The demo's sourcing: the type of work of its articles, the claims marked with their
sources, and the standards page the summaries link to.

``SOURCE_MARKS`` lists, per article slug, phrases copied from the article's text (with the
``*titles*`` of ``specs``) and how each is sourced; ``mark_sources`` wraps each phrase, in the
first block that has it, in a source mark. Adding a story's marks is adding its slug here.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import escape

from byline.newsroom.sourcing.marks import storage_attributes
from byline.newsroom.sourcing.work import TypeOfWork


@dataclass(frozen=True)
class SourceMarkSpec:
    phrase: str
    kind: str
    name: str = ""


TYPES_OF_WORK = {
    "are-lena-marsh-and-rafe-calloway-heading-for-a-split": TypeOfWork.RUMOUR_ROUNDUP,
    "is-juno-vale-secretly-engaged": TypeOfWork.RUMOUR_ROUNDUP,
    "are-juno-vale-and-theo-brandt-feuding": TypeOfWork.RUMOUR_ROUNDUP,
    "is-the-salt-orchard-the-film-to-beat": TypeOfWork.ANALYSIS,
    "will-after-hours-with-casper-whitlow-survive": TypeOfWork.ANALYSIS,
}

SOURCE_MARKS: dict[str, tuple[SourceMarkSpec, ...]] = {
    "are-lena-marsh-and-rafe-calloway-heading-for-a-split": (
        SourceMarkSpec(
            "According to a source who spoke to the *Daily Lantern*, the pair have been “leading"
            " separate lives for months”",
            "outlet",
            "Daily Lantern",
        ),
        SourceMarkSpec(
            "“They haven’t spent more than a weekend together in months,” the source claimed",
            "anonymous",
        ),
        SourceMarkSpec(
            "A friend of the couple told *Marquee Weekly* that the reports were “wildly overblown”",
            "outlet",
            "Marquee Weekly",
        ),
        SourceMarkSpec(
            "A person who has worked with Marsh cautioned against reading too much into it",
            "anonymous",
        ),
        SourceMarkSpec(
            "Representatives for both actors declined to comment when contacted by The Byline"
            " Review",
            "own",
        ),
    ),
    "is-juno-vale-secretly-engaged": (
        SourceMarkSpec("zoomed-in clips had spread across fan accounts", "social"),
        SourceMarkSpec(
            "A source close to the singer told the music site *Popwire* that the couple had “been"
            " talking about the future for a long time”",
            "outlet",
            "Popwire",
        ),
        SourceMarkSpec(
            "The same source said the pair wanted to keep the news private until the tour ends",
            "outlet",
            "Popwire",
        ),
        SourceMarkSpec(
            "A second source, a member of the tour crew who asked not to be named, was more"
            " cautious",
            "anonymous",
        ),
        SourceMarkSpec(
            "Vale’s spokesperson said the singer “does not comment on her personal life”",
            "on_record",
            "Vale’s spokesperson",
        ),
    ),
    "juno-vale-and-ansel-moreau-engaged-two-outlets-report": (
        SourceMarkSpec(
            "A source close to Moreau tells *Marquee Weekly* that he proposed at the end of a"
            " dinner he had cooked himself",
            "outlet",
            "Marquee Weekly",
        ),
        SourceMarkSpec(
            "now says that a small family celebration took place in Calderport in May",
            "outlet",
            "Popwire",
        ),
        SourceMarkSpec(
            "Its report cites two people who were there, neither of whom is named", "anonymous"
        ),
        SourceMarkSpec(
            "was made by a jeweller in Calderport, according to *Popwire*", "outlet", "Popwire"
        ),
        SourceMarkSpec(
            "Vale’s spokesperson repeated that the singer “does not comment on her personal life”",
            "on_record",
            "Vale’s spokesperson",
        ),
    ),
    "juno-vale-confirms-engagement-to-ansel-moreau": (
        SourceMarkSpec(
            "“Some of you have been looking very closely at my hands,” Vale told the crowd",
            "on_record",
            "Juno Vale",
        ),
        SourceMarkSpec(
            "got engaged some weeks ago, according to a member of Vale’s team", "anonymous"
        ),
        SourceMarkSpec(
            "Vale’s spokesperson, who had previously declined to comment on the singer’s personal"
            " life, released a short statement after the show",
            "on_record",
            "Vale’s spokesperson",
        ),
    ),
    "are-juno-vale-and-theo-brandt-feuding": (
        SourceMarkSpec(
            "Release plans have been quietly pushed back, according to two people at her record"
            " label",
            "anonymous",
        ),
        SourceMarkSpec(
            "The dispute, according to a source who spoke to *Popwire*, centres on credits",
            "outlet",
            "Popwire",
        ),
        SourceMarkSpec("Brandt stopped following Vale on social media two months ago", "social"),
        SourceMarkSpec(
            "A musician who has played on both of Vale’s recent albums described the pair’s"
            " working relationship",
            "anonymous",
        ),
        SourceMarkSpec(
            "Vale’s label said only that the album was “coming soon”", "on_record", "Vale’s label"
        ),
    ),
}

STANDARDS_TITLE = "Our editorial standards"
STANDARDS_SLUG = "standards"
STANDARDS_BODY = (
    "<p>We tell readers how each story is sourced. Under every article that relies on sources,"
    " “How this story is sourced” counts them by kind: people speaking on the record, other"
    " outlets (named), anonymous sources, documents, social media posts and our own reporting."
    "</p>"
    "<h2>Anonymous sources</h2>"
    "<p>We use anonymous sources only when the information matters and cannot be had on the"
    " record, and we say why the source is not named. A claim another outlet reports is"
    " attributed to that outlet, by name.</p>"
    "<h2>Labels</h2>"
    "<p>Every article says what it is above its headline: news, analysis, opinion, a rumour"
    " round-up (reports we have not confirmed, gathered and weighed) or sponsored content.</p>"
    "<h2>Corrections</h2>"
    "<p>When we get something wrong we correct it on the article, dated, and list it on our"
    " corrections page.</p>"
)


def italics(text: str) -> str:
    """``text`` as the demo's rich text has it: escaped, ``*titles*`` in italics."""
    from byline.newsroom.demo.seeding import ITALIC

    return ITALIC.sub(r"<i>\1</i>", str(escape(text)))


def wrap_phrase(html: str, phrase: str, *, kind: str, name: str = "") -> str | None:
    """``html`` with the first occurrence of ``phrase`` (demo notation) in a source mark, or
    None if the phrase is not in it."""
    attributes = storage_attributes(kind, name)
    if attributes is None:
        raise ValueError(f"Unknown kind of source: {kind!r}")
    wanted = italics(phrase)
    at = html.find(wanted)
    if at < 0:
        return None
    opening = "<span" + "".join(f' {key}="{escape(value)}"' for key, value in attributes.items())
    return f"{html[:at]}{opening}>{wanted}</span>{html[at + len(wanted) :]}"


def _mark_block(block: dict, mark: SourceMarkSpec) -> bool:
    if block["type"] == "paragraph":
        marked = wrap_phrase(block["value"], mark.phrase, kind=mark.kind, name=mark.name)
        if marked is not None:
            block["value"] = marked
            return True
    elif block["type"] == "inline_prompt":
        text = block["value"]["text"]
        marked = wrap_phrase(text, mark.phrase, kind=mark.kind, name=mark.name)
        if marked is not None:
            block["value"] = {**block["value"], "text": marked}
            return True
    return False


def mark_sources(slug: str, blocks: list[dict]) -> list[dict]:
    """The article's StreamField JSON with its ``SOURCE_MARKS`` applied; a phrase found in no
    block is an error in this file, reported at once."""
    for mark in SOURCE_MARKS.get(slug, ()):
        if not any(_mark_block(block, mark) for block in blocks):
            raise ValueError(f"{slug}: no paragraph has {mark.phrase!r}")
    return blocks


def type_of_work(slug: str) -> str:
    return TYPES_OF_WORK.get(slug, TypeOfWork.NEWS)
