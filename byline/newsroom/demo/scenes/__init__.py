"""The scenes the demo's photographs show: stages, red carpets, cities at night, studios, rooms.

Each painter takes the picture's size, a seeded ``random.Random``, a palette and how many people
the picture shows, and returns an RGB image. ``SCENES`` maps the names used in ``content``.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from PIL import Image

from byline.newsroom.demo.painting import Palette
from byline.newsroom.demo.scenes.outdoors import orchard, villa
from byline.newsroom.demo.scenes.rooms import cinema, studio, talk_show
from byline.newsroom.demo.scenes.stages import concert, gala, microphone, stage
from byline.newsroom.demo.scenes.streets import city_night, harbour, red_carpet

Painter = Callable[[tuple[int, int], random.Random, Palette, int], Image.Image]

SCENES: dict[str, Painter] = {
    "stage": stage,
    "concert": concert,
    "red_carpet": red_carpet,
    "city_night": city_night,
    "harbour": harbour,
    "studio": studio,
    "talk_show": talk_show,
    "cinema": cinema,
    "villa": villa,
    "orchard": orchard,
    "gala": gala,
    "microphone": microphone,
}

__all__ = ["SCENES", "Painter"]
