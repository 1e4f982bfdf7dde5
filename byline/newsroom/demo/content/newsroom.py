"""The demo publication itself: its masthead, sections, writers, topics and the people it covers.

Everyone and everything here is invented: the people, the outlets (the *Daily Lantern*,
*Popwire*, *Screen Ledger*, *Marquee Weekly*), the agencies, the streamer Lumen+, the studio
Bellwether Pictures and the city of Portmere.
"""

from __future__ import annotations

from byline.newsroom.demo.specs import (
    LOGO_SIZE,
    PORTRAIT_SIZE,
    AuthorSpec,
    ImageSpec,
    LinkSpec,
    PublicationSpec,
    SectionSpec,
    TagSpec,
)
from byline.newsroom.models import UsageRights

STAFF_PHOTOGRAPHER = "The Byline Review / Wren Abernathy"

PUBLICATION = PublicationSpec(
    tagline="Entertainment news, checked twice.",
    description=(
        "The Byline Review covers celebrity, television, music and film: the stories, the"
        " rumours, and what happened next. A fictional publication for the Byline demo."
    ),
    strapline="Fame, film, television and music, and what the sources are really saying.",
    logo=ImageSpec(
        title="The Byline Review logo",
        scene="logo",
        seed=1,
        caption="The Byline Review",
        credit="The Byline Review",
        source="Generated for the Byline demo",
        usage_rights=UsageRights.OWNED,
        size=LOGO_SIZE,
    ),
)

SECTIONS = (
    SectionSpec(
        slug="celebrity",
        title="Celebrity",
        intro="Who is together, who is not, and who is only rumoured to be.",
    ),
    SectionSpec(
        slug="tv-streaming",
        title="TV & Streaming",
        intro="The series, the streamers and the deals behind them.",
    ),
    SectionSpec(
        slug="music",
        title="Music",
        intro="Albums, tours, reunions and the rows in between.",
    ),
    SectionSpec(
        slug="film",
        title="Film",
        intro="From the festival circuit to the opening weekend and the award season after it.",
    ),
)


def portrait(name: str, seed: int, palette: str) -> ImageSpec:
    return ImageSpec(
        title=f"{name}, portrait",
        scene="portrait",
        seed=seed,
        caption=name,
        credit=STAFF_PHOTOGRAPHER,
        source="The Byline Review staff photograph",
        usage_rights=UsageRights.OWNED,
        size=PORTRAIT_SIZE,
        palette=palette,
    )


AUTHORS = (
    AuthorSpec(
        slug="priya-castellane",
        name="Priya Castellane",
        role="Senior entertainment reporter",
        bio=(
            "Priya has covered celebrity news for The Byline Review since its first issue, with a"
            " particular interest in how rumours start and how they end. Before that she spent six"
            " years on the showbiz desk of the Portmere Courier."
        ),
        photo=portrait("Priya Castellane", 101, "crimson"),
        links=(
            LinkSpec("Website", "https://priya-castellane.example/"),
            LinkSpec("Newsletter", "https://newsletters.byline-review.example/priya"),
        ),
    ),
    AuthorSpec(
        slug="tomasz-reyes",
        name="Tomasz Reyes",
        role="TV & streaming editor",
        bio=(
            "Tomasz watches more television than is strictly healthy and writes about the business"
            " behind it: renewals, cancellations and the deals in between. He previously reported"
            " for the trade weekly Screen Ledger."
        ),
        photo=portrait("Tomasz Reyes", 202, "teal"),
        links=(LinkSpec("Website", "https://tomaszreyes.example/"),),
    ),
    AuthorSpec(
        slug="odile-fenwick",
        name="Odile Fenwick",
        role="Music correspondent",
        bio=(
            "Odile has reviewed more than a thousand concerts, from basement shows to stadiums, and"
            " still stays for the encore. She writes about pop, indie and the people who make both."
        ),
        photo=portrait("Odile Fenwick", 303, "violet"),
        links=(
            LinkSpec("Website", "https://odilefenwick.example/"),
            LinkSpec("Playlist", "https://odilefenwick.example/listening"),
        ),
    ),
    AuthorSpec(
        slug="jonah-westerby",
        name="Jonah Westerby",
        role="Film editor",
        bio=(
            "Jonah covers film from the festival circuit to the opening weekend and runs the"
            " Review's award season tracker. He has sat through every Aurelia Awards ceremony"
            " since 2011, all of them in full."
        ),
        photo=portrait("Jonah Westerby", 404, "amber"),
        links=(LinkSpec("Website", "https://jonahwesterby.example/"),),
    ),
)

TOPICS = (
    TagSpec(
        "celebrity-couples",
        "Celebrity couples",
        "Who is dating, marrying and splitting up, and who is only rumoured to be.",
    ),
    TagSpec("streaming", "Streaming", "The streamers, their shows and the deals behind them."),
    TagSpec("award-season", "Award season", "Campaigns, contenders and the ceremonies at the end."),
    TagSpec("casting", "Casting", "Who is joining, leaving and rumoured for the next big role."),
    TagSpec("tours", "Tours", "Live music: the dates, the tickets and the nights people remember."),
    TagSpec("reality-tv", "Reality TV", "The villas, the reunions and the fallout afterwards."),
    TagSpec("feuds", "Feuds", "Public spats, private rifts and the statements that follow."),
    TagSpec("reunions", "Reunions", "Bands, casts and couples getting back together, or not."),
    TagSpec("late-night-tv", "Late-night TV", "The hosts, the monologues and the schedules."),
)

PEOPLE = (
    TagSpec(
        "lena-marsh",
        "Lena Marsh",
        "Actor, star of the Lumen+ drama Harbour Lights and a two-time Aurelia nominee.",
    ),
    TagSpec(
        "rafe-calloway",
        "Rafe Calloway",
        "Actor best known for Bellwether's Night Shift heist films; married to Lena Marsh.",
    ),
    TagSpec(
        "juno-vale",
        "Juno Vale",
        "Pop singer-songwriter whose Afterglow Tour is this year's hottest ticket.",
    ),
    TagSpec(
        "theo-brandt",
        "Theo Brandt",
        "Producer and songwriter behind Juno Vale's second and third albums.",
    ),
    TagSpec(
        "ansel-moreau",
        "Ansel Moreau",
        "Chef and owner of the Portmere restaurant Ember & Salt; engaged to Juno Vale.",
    ),
    TagSpec(
        "kit-adair",
        "Kit Adair",
        "Singer of the indie band The Paper Lanterns, and a solo artist since their 2016 split.",
    ),
    TagSpec(
        "casper-whitlow",
        "Casper Whitlow",
        "Host of Beacon One's late-night talk show After Hours with Casper Whitlow.",
    ),
    TagSpec(
        "imogen-sayle",
        "Imogen Sayle",
        "Reality star who found fame on the second series of Sunset Villa.",
    ),
    TagSpec(
        "marisol-ferrante",
        "Marisol Ferrante",
        "Writer and director of The Salt Orchard, this season's festival favourite.",
    ),
    TagSpec(
        "delphine-arceneaux",
        "Delphine Arceneaux",
        "Stage and screen actor whose career spans five decades.",
    ),
    TagSpec(
        "oren-falk",
        "Oren Falk",
        "Head of original programming at the streamer Lumen+.",
    ),
)
