"""The shapes of the demo content: plain, frozen records that ``seeding`` turns into rows and pages.

Articles are written with the small helpers at the bottom (``paragraph``, ``subheading``, ...), so
that a story in ``content`` reads like a story and not like StreamField JSON. In paragraph text,
``*words*`` marks a title in italics.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from byline.newsroom.models import UsageRights

HERO_SIZE = (1600, 900)
BODY_IMAGE_SIZE = (1500, 1000)
PORTRAIT_SIZE = (800, 800)
LOGO_SIZE = (512, 512)


@dataclass(frozen=True)
class ImageSpec:
    """A picture to paint: ``scene`` names a painter, ``seed`` varies it, ``figures`` is how many
    people it shows (where the scene has room for them)."""

    title: str
    scene: str
    seed: int
    caption: str = ""
    credit: str = ""
    source: str = ""
    usage_rights: str = UsageRights.LICENSED
    size: tuple[int, int] = HERO_SIZE
    palette: str = ""
    figures: int = 1


@dataclass(frozen=True)
class PublicationSpec:
    tagline: str
    description: str
    strapline: str
    logo: ImageSpec


@dataclass(frozen=True)
class SectionSpec:
    slug: str
    title: str
    intro: str


@dataclass(frozen=True)
class LinkSpec:
    label: str
    url: str


@dataclass(frozen=True)
class AuthorSpec:
    slug: str
    name: str
    role: str
    bio: str
    photo: ImageSpec
    links: tuple[LinkSpec, ...] = ()


@dataclass(frozen=True)
class TagSpec:
    """A topic or a person: both are typed tags with a page and a one-line description."""

    slug: str
    name: str
    description: str


@dataclass(frozen=True)
class CorrectionSpec:
    hours_after_publishing: float
    note: str


@dataclass(frozen=True)
class BodyBlock:
    """One StreamField block: ``kind`` is its name in ``ArticleBodyBlock``."""

    kind: str
    value: object


@dataclass(frozen=True)
class ArticleSpec:
    slug: str
    section: str
    title: str
    standfirst: str
    hero: ImageSpec
    authors: tuple[str, ...]
    hours_ago: float
    body: tuple[BodyBlock, ...]
    topics: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    updated_hours_after_publishing: float | None = None
    corrections: tuple[CorrectionSpec, ...] = field(default=())


@dataclass(frozen=True)
class TimelineSpec:
    """One change in a story's status, dated when ``article`` (a slug) was published."""

    article: str
    status: str
    note: str


@dataclass(frozen=True)
class StorySpec:
    """A developing story: its articles are those its timeline names, in publication order."""

    slug: str
    title: str
    summary: str
    timeline: tuple[TimelineSpec, ...]


def paragraph(text: str) -> BodyBlock:
    return BodyBlock("paragraph", text)


def inline_prompt(text: str, passage: str, question: str) -> BodyBlock:
    """A paragraph whose ``passage`` (copied from it, without the ``*`` of titles) carries the
    editor's ``question`` to readers."""
    return BodyBlock("inline_prompt", {"text": text, "passage": passage, "question": question})


def subheading(text: str) -> BodyBlock:
    return BodyBlock("subheading", text)


def pull_quote(quote: str, attribution: str = "") -> BodyBlock:
    return BodyBlock("pull_quote", {"quote": quote, "attribution": attribution})


def fact_box(title: str, *facts: str) -> BodyBlock:
    return BodyBlock("fact_box", {"title": title, "facts": facts})


def picture(image: ImageSpec) -> BodyBlock:
    """A captioned body image; its caption and credit come from the image itself."""
    return BodyBlock("image", image)


def photo(
    title: str,
    *,
    scene: str,
    seed: int,
    caption: str,
    credit: str,
    palette: str = "",
    usage_rights: str = UsageRights.LICENSED,
    size: tuple[int, int] = HERO_SIZE,
    figures: int = 1,
) -> ImageSpec:
    """A news photograph; its source is the agency named before the slash of its credit."""
    return ImageSpec(
        title=title,
        scene=scene,
        seed=seed,
        caption=caption,
        credit=credit,
        source=credit.split(" / ")[0],
        usage_rights=usage_rights,
        size=size,
        palette=palette,
        figures=figures,
    )
