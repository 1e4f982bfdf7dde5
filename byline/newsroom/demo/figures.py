"""People in silhouette: a figure seen from the front, and a crowd seen from behind.

Proportions are in fractions of the figure's height ``h``, so one drawing serves a performer far
away on a stage and a couple close up on a red carpet.
"""

from __future__ import annotations

import random

from byline.newsroom.demo.painting import Point, Sketch

POSES = ("standing", "suit", "dress", "arms_up", "seated")


def figure(sketch: Sketch, x: float, feet: float, height: float, pose: str = "standing") -> None:
    """Draw a person facing us, feet at ``feet``; ``pose`` is one of ``POSES``."""
    h = height
    shoulders = feet - 0.8 * h
    _head(sketch, x, feet - h, h, long_hair=pose == "dress")
    _torso(sketch, x, shoulders, feet, h)
    if pose == "arms_up":
        _raised_arm(sketch, (x - 0.1 * h, shoulders + 0.05 * h), (x - 0.2 * h, feet - 1.12 * h), h)
        _raised_arm(sketch, (x + 0.1 * h, shoulders + 0.05 * h), (x + 0.18 * h, feet - 1.1 * h), h)
    else:
        _hanging_arms(sketch, x, shoulders, feet, h)
    if pose == "dress":
        sketch.polygon(
            [
                (x - 0.085 * h, feet - 0.5 * h),
                (x + 0.085 * h, feet - 0.5 * h),
                (x + 0.19 * h, feet),
                (x - 0.19 * h, feet),
            ]
        )
    elif pose == "seated":
        sketch.rectangle((x - 0.1 * h, feet - 0.5 * h, x + 0.2 * h, feet - 0.4 * h))
        sketch.rectangle((x + 0.12 * h, feet - 0.5 * h, x + 0.19 * h, feet - 0.05 * h))
    else:
        _legs(sketch, x, feet, h)
    if pose == "suit":
        sketch.polygon(
            [
                (x - 0.12 * h, shoulders + 0.06 * h),
                (x + 0.12 * h, shoulders + 0.06 * h),
                (x + 0.1 * h, feet - 0.39 * h),
                (x - 0.1 * h, feet - 0.39 * h),
            ]
        )


def _head(sketch: Sketch, x: float, top: float, h: float, *, long_hair: bool) -> None:
    rx, ry = 0.055 * h, 0.066 * h
    cy = top + ry
    sketch.ellipse((x - rx, cy - ry, x + rx, cy + ry))
    sketch.rectangle((x - 0.027 * h, cy, x + 0.027 * h, top + 0.2 * h))
    if long_hair:
        sketch.ellipse((x - rx * 1.35, cy - ry * 1.1, x + rx * 1.35, cy + ry * 2.1))


def _torso(sketch: Sketch, x: float, shoulders: float, feet: float, h: float) -> None:
    half = 0.122 * h
    sketch.ellipse((x - half, shoulders, x + half, shoulders + 0.1 * h))
    sketch.polygon(
        [
            (x - half, shoulders + 0.05 * h),
            (x + half, shoulders + 0.05 * h),
            (x + 0.085 * h, feet - 0.5 * h),
            (x - 0.085 * h, feet - 0.5 * h),
        ]
    )
    sketch.polygon(
        [
            (x - 0.085 * h, feet - 0.5 * h),
            (x + 0.085 * h, feet - 0.5 * h),
            (x + 0.1 * h, feet - 0.44 * h),
            (x - 0.1 * h, feet - 0.44 * h),
        ]
    )


def _hanging_arms(sketch: Sketch, x: float, shoulders: float, feet: float, h: float) -> None:
    for side in (-1, 1):
        top_out, top_in = x + side * 0.128 * h, x + side * 0.095 * h
        low_out, low_in = x + side * 0.15 * h, x + side * 0.118 * h
        sketch.polygon(
            [
                (top_in, shoulders + 0.04 * h),
                (top_out, shoulders + 0.05 * h),
                (low_out, feet - 0.43 * h),
                (low_in, feet - 0.43 * h),
            ]
        )
        sketch.ellipse((low_in - 0.004 * h, feet - 0.45 * h, low_out + 0.004 * h, feet - 0.39 * h))


def _legs(sketch: Sketch, x: float, feet: float, h: float) -> None:
    for side in (-1, 1):
        sketch.polygon(
            [
                (x + side * 0.004 * h, feet - 0.46 * h),
                (x + side * 0.1 * h, feet - 0.46 * h),
                (x + side * 0.068 * h, feet),
                (x + side * 0.022 * h, feet),
            ]
        )


def _raised_arm(sketch: Sketch, shoulder: Point, hand: Point, h: float) -> None:
    sketch.line([shoulder, hand], width=0.045 * h)
    sketch.ellipse(
        (hand[0] - 0.03 * h, hand[1] - 0.035 * h, hand[0] + 0.03 * h, hand[1] + 0.03 * h)
    )


def crowd(
    sketch: Sketch,
    rng: random.Random,
    *,
    width: float,
    head_line: float,
    head_size: float,
    count: int,
    arms_up: float = 0.2,
) -> list[Point]:
    """Draw heads and shoulders along ``head_line``; return where raised phones are held."""
    phones: list[Point] = []
    bottom = sketch.size[1] + head_size
    for _ in range(count):
        x = rng.uniform(-head_size, width + head_size)
        y = head_line + rng.uniform(-0.35, 0.6) * head_size
        r = head_size * rng.uniform(0.42, 0.55)
        sketch.ellipse((x - r * 0.85, y - r, x + r * 0.85, y + r))
        sketch.ellipse((x - r * 2.6, y + r * 1.1, x + r * 2.6, bottom + r * 4))
        if rng.random() < arms_up:
            hand = (x + rng.uniform(-1.5, 1.5) * r, y - rng.uniform(2.2, 3.6) * r)
            sketch.line([(x + (r if hand[0] > x else -r), y + r * 1.6), hand], width=r * 0.55)
            sketch.ellipse(
                (hand[0] - r * 0.35, hand[1] - r * 0.45, hand[0] + r * 0.35, hand[1] + r * 0.3)
            )
            if rng.random() < 0.5:
                phones.append(hand)
    return phones
