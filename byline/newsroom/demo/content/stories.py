"""The demo's developing stories: which articles each groups, and its timeline.

Juno Vale's engagement goes from a rumour (a ring spotted on stage) to a report (two outlets,
anonymous sources) to a confirmation (her own words, on stage). The three articles' texts are in
``celebrity.py``: ``RING_RUMOUR``, ``ENGAGEMENT_REPORTED`` and ``ENGAGEMENT_CONFIRMED``.
"""

from __future__ import annotations

from byline.newsroom.demo.content.celebrity import (
    ENGAGEMENT_CONFIRMED,
    ENGAGEMENT_REPORTED,
    RING_RUMOUR,
)
from byline.newsroom.demo.specs import StorySpec, TimelineSpec
from byline.newsroom.models import StoryStatus

STORIES_INDEX_TITLE = "Developing stories"
STORIES_INDEX_INTRO = "The stories we follow from the first rumour to the last word."

JUNO_VALE_ENGAGEMENT = StorySpec(
    slug="juno-vale-engagement",
    title="Juno Vale’s engagement",
    summary=(
        "Is the pop star engaged to the chef Ansel Moreau? What fans saw, what the sources said,"
        " and what Vale herself said in the end."
    ),
    timeline=(
        TimelineSpec(
            RING_RUMOUR.slug,
            StoryStatus.RUMOURED,
            "Fans spot a new ring on stage; a source tells Popwire the couple are engaged.",
        ),
        TimelineSpec(
            ENGAGEMENT_REPORTED.slug,
            StoryStatus.REPORTED,
            "Popwire and Marquee Weekly report the engagement, citing people close to the couple.",
        ),
        TimelineSpec(
            ENGAGEMENT_CONFIRMED.slug,
            StoryStatus.CONFIRMED,
            "Vale confirms the engagement on stage at the Corvid Arena: “I said yes.”",
        ),
    ),
)

STORIES = (JUNO_VALE_ENGAGEMENT,)
