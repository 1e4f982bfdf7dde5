"""Scenes indoors: a photo studio, a talk-show set and a cinema."""

from __future__ import annotations

import random

from PIL import Image

from byline.newsroom.demo.figures import figure
from byline.newsroom.demo.painting import (
    Palette,
    Sketch,
    beam,
    bokeh,
    fill_polygon,
    finish,
    glow,
    gradient,
    ink,
    mix,
    new_light,
    rim_light,
    scaled,
    shine,
)
from byline.newsroom.demo.scenes import parts

Size = tuple[int, int]


def studio(size: Size, rng: random.Random, palette: Palette, figures: int) -> Image.Image:
    """A photo call: a seamless backdrop, two softboxes and the subject in the middle."""
    w, h = size
    canvas = gradient(
        size,
        (0, mix(palette.top, palette.bottom, 0.6)),
        (0.72, palette.bottom),
        (1, mix(palette.bottom, palette.lights[2], 0.15)),
    )
    light = new_light(size)
    glow(light, (w / 2, h * 0.45), h * 0.55, palette.lights[2], strength=0.35)
    softboxes = Sketch(size)
    for x in (w * 0.13, w * 0.87):
        glow(light, (x, h * 0.36), h * 0.45, palette.lights[0], strength=0.4)
        softboxes.rounded((x - w * 0.065, h * 0.14, x + w * 0.065, h * 0.58), radius=h * 0.015)
    canvas = shine(canvas, light)
    ink(canvas, softboxes.finished(blur=h * 0.01), mix(palette.lights[2], (255, 255, 255), 0.6))
    props = Sketch(size)
    for x in (w * 0.13, w * 0.87):
        props.line([(x, h * 0.58), (x, h * 0.88)], width=h * 0.008)
        for spread in (-0.05, 0.0, 0.05):
            props.line([(x, h * 0.86), (x + h * spread, h * 0.95)], width=h * 0.006)
    ink(canvas, props.finished(), palette.ink)
    shadow = Sketch(size)
    shadow.ellipse((w * 0.36, h * 0.85, w * 0.64, h * 0.91))
    ink(canvas, shadow.finished(blur=h * 0.015), scaled(palette.top, 0.8))
    people = Sketch(size)
    parts.performers(
        people, rng, size, figures, feet=h * 0.88, height=h * 0.64, poses=("suit", "dress")
    )
    subject = people.finished()
    ink(canvas, subject, palette.ink)
    rim_light(canvas, subject, palette.lights[2], width=h * 0.005)
    parts.foreground_camera(canvas, palette, size)
    return finish(canvas, rng, darken=0.4)


def talk_show(size: Size, rng: random.Random, palette: Palette, figures: int) -> Image.Image:
    """A late-night set: a city backdrop, the host's desk and the guests' sofa."""
    w, h = size
    floor = h * 0.64
    canvas = parts.night_sky(size, rng, palette, floor)
    parts.skyline(canvas, rng, palette, size, floor)
    light = new_light(size)
    for index in range(7):
        glow(
            light, (w * (0.08 + index * 0.14), h * 0.03), h * 0.09, palette.lights[2], strength=1.5
        )
    glow(light, (w * 0.7, floor), w * 0.3, palette.lights[0], strength=0.35, squash=0.25)
    glow(light, (w * 0.74, h * 0.5), h * 0.3, palette.lights[2], strength=0.7)
    glow(light, (w * 0.22, h * 0.55), h * 0.3, palette.lights[1], strength=0.5)
    canvas = shine(canvas, light)
    fill_polygon(
        canvas,
        [(0, floor), (w, floor), (w, h), (0, h)],
        gradient(size, (0.6, scaled(palette.bottom, 0.5)), (1, palette.ink)),
    )
    set_pieces = Sketch(size)
    figure(set_pieces, w * 0.74, h * 0.95, h * 0.55, "suit")
    set_pieces.rounded((w * 0.58, h * 0.6, w * 0.92, h * 0.86), radius=h * 0.02)
    set_pieces.rounded((w * 0.08, h * 0.64, w * 0.4, h * 0.82), radius=h * 0.04)
    set_pieces.rounded((w * 0.06, h * 0.56, w * 0.42, h * 0.7), radius=h * 0.04)
    figure(set_pieces, w * 0.22, h * 0.8, h * 0.42, "seated")
    shapes = set_pieces.finished()
    ink(canvas, shapes, palette.ink)
    rim_light(canvas, shapes, palette.lights[2], width=h * 0.005, direction=(0, -1))
    light = new_light(size)
    glow(
        light,
        (w * 0.75, h * 0.73),
        w * 0.16,
        palette.lights[0],
        strength=1.4,
        squash=0.04,
        power=0.8,
    )
    canvas = shine(canvas, light)
    parts.foreground_camera(canvas, palette, size)
    return finish(canvas, rng)


def cinema(size: Size, rng: random.Random, palette: Palette, figures: int) -> Image.Image:
    """An audience in the dark, faces to a glowing screen, the projector's beam overhead."""
    w, h = size
    canvas = gradient(
        size,
        (0, scaled(palette.top, 0.7)),
        (0.55, mix(palette.top, palette.lights[0], 0.22)),
        (1, scaled(palette.top, 0.5)),
    )
    screen = (round(w * 0.2), round(h * 0.1), round(w * 0.8), round(h * 0.5))
    canvas.paste(
        _screen_picture(rng, palette, (screen[2] - screen[0], screen[3] - screen[1])), screen[:2]
    )
    light = new_light(size)
    glow(light, (w / 2, h * 0.3), w * 0.48, palette.lights[0], strength=0.45, squash=0.6)
    beam(
        light,
        (w * 0.5, -h * 0.05),
        (w * 0.5, h * 0.3),
        palette.lights[-1],
        near_width=h * 0.03,
        far_width=w * 0.5,
        strength=0.22,
        blur=h * 0.03,
    )
    bokeh(
        light,
        rng,
        (palette.lights[-1],),
        count=60,
        area=(w * 0.3, 0, w * 0.7, h * 0.3),
        radii=(1, 3),
        strength=(0.4, 1.0),
    )
    canvas = shine(canvas, light)
    seats = Sketch(size)
    for row in range(5):
        _seat_row(seats, rng, w, h * (0.6 + row * 0.095), scale=1 + row * 0.22)
    audience = seats.finished()
    ink(canvas, audience, palette.ink)
    rim_light(canvas, audience, scaled(palette.lights[0], 0.5), width=h * 0.004, direction=(0, -1))
    return finish(canvas, rng, darken=0.6)


def _screen_picture(rng: random.Random, palette: Palette, size: Size) -> Image.Image:
    w, h = size
    picture = gradient(
        size, (0, mix(palette.lights[0], (255, 255, 255), 0.3)), (1, scaled(palette.lights[1], 0.6))
    )
    light = new_light(size)
    for _ in range(5):
        glow(
            light,
            (rng.uniform(0, w), rng.uniform(0, h)),
            h * rng.uniform(0.2, 0.6),
            rng.choice(palette.lights),
            strength=0.8,
        )
    picture = shine(picture, light)
    shapes = Sketch(size)
    shapes.polygon(parts.ridge(rng, w, h, h * 0.5))
    figure(shapes, w * rng.uniform(0.3, 0.7), h * 0.95, h * 0.7, "standing")
    ink(picture, shapes.finished(blur=2), scaled(palette.lights[1], 0.25))
    return picture


def _seat_row(sketch: Sketch, rng: random.Random, w: int, y: float, scale: float) -> None:
    seat = w * 0.045 * scale
    x = -seat * rng.uniform(0, 1)
    while x < w + seat:
        arc = ((x - w / 2) / w) ** 2 * seat * 1.2
        sketch.rounded(
            (x + seat * 0.08, y - seat * 0.55 - arc, x + seat * 0.92, y + seat * 2),
            radius=seat * 0.2,
        )
        if rng.random() < 0.6:
            cx = x + seat / 2 + rng.uniform(-0.1, 0.1) * seat
            sketch.ellipse(
                (cx - seat * 0.24, y - seat * 1.05 - arc, cx + seat * 0.24, y - seat * 0.45 - arc)
            )
        x += seat
