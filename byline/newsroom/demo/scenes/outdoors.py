"""Scenes in daylight's last hour: a villa at sunset and an orchard by the sea."""

from __future__ import annotations

import itertools
import math
import random

from PIL import Image, ImageDraw

from byline.newsroom.demo.figures import figure
from byline.newsroom.demo.painting import (
    Palette,
    Sketch,
    fill_polygon,
    finish,
    glow,
    gradient,
    ink,
    mix,
    new_light,
    shine,
)

Size = tuple[int, int]


def villa(size: Size, rng: random.Random, palette: Palette, figures: int) -> Image.Image:
    """A villa at sunset: the sea, palms, a pool and a string of lights."""
    w, h = size
    horizon = h * 0.55
    canvas = gradient(
        size,
        (0, palette.top),
        (0.4, mix(palette.top, palette.lights[1], 0.55)),
        (0.55, palette.bottom),
        (0.56, mix(palette.top, (20, 60, 90), 0.5)),
        (1, palette.ink),
    )
    light = new_light(size)
    glow(light, (w * 0.66, horizon), h * 0.07, (255, 240, 200), strength=3, power=4)
    glow(light, (w * 0.66, horizon), h * 0.5, palette.lights[0], strength=0.6)
    for row in range(14):
        y = horizon + 6 + row * h * 0.012
        glow(
            light,
            (w * 0.66 + rng.uniform(-10, 10), y),
            h * (0.05 + row * 0.006),
            palette.lights[2],
            strength=0.9,
            squash=0.06,
        )
    canvas = shine(canvas, light)
    pool = [(w * 0.22, h * 0.72), (w * 0.78, h * 0.72), (w * 0.95, h), (w * 0.05, h)]
    fill_polygon(canvas, pool, gradient(size, (0.72, (30, 150, 170)), (1, (10, 90, 120))))
    _ripples(canvas, rng, w, h)
    scene = Sketch(size)
    scene.polygon([(0, h * 0.7), (w * 0.22, h * 0.72), (w * 0.05, h), (0, h)])
    scene.polygon([(w, h * 0.7), (w * 0.78, h * 0.72), (w * 0.95, h), (w, h)])
    tops = [_palm(scene, rng, x, h) for x in (w * 0.08, w * 0.2, w * 0.93)]
    for x in (w * 0.8, w * 0.87):
        scene.polygon(
            [
                (x, h * 0.74),
                (x + w * 0.06, h * 0.72),
                (x + w * 0.07, h * 0.75),
                (x + w * 0.01, h * 0.77),
            ]
        )
    if figures:
        figure(scene, w * 0.35, h * 0.73, h * 0.3, "dress")
    ink(canvas, scene.finished(), palette.ink)
    _string_lights(canvas, palette, tops[1], tops[2], sag=h * 0.12)
    return finish(canvas, rng, darken=0.45)


def orchard(size: Size, rng: random.Random, palette: Palette, figures: int) -> Image.Image:
    """Rows of fruit trees at golden hour, the sea a bright line beyond them."""
    w, h = size
    horizon = h * 0.58
    haze = mix(palette.bottom, palette.lights[2], 0.35)
    canvas = gradient(size, (0, palette.top), (0.5, palette.bottom), (0.58, haze), (1, palette.ink))
    light = new_light(size)
    glow(light, (w * 0.32, horizon - h * 0.03), h * 0.06, (255, 244, 214), strength=3, power=4)
    glow(light, (w * 0.32, horizon), w * 0.5, palette.lights[0], strength=0.7, squash=0.45)
    glow(
        light,
        (w * 0.32, horizon + h * 0.005),
        w * 0.45,
        palette.lights[2],
        strength=0.8,
        squash=0.012,
    )
    canvas = shine(canvas, light)
    rows = 6
    for row in range(rows):
        depth = row / (rows - 1)
        trees = Sketch(size)
        y = horizon + (h - horizon) * (0.04 + 0.9 * depth**1.7)
        scale = h * (0.06 + 0.5 * depth**1.6)
        x = rng.uniform(-scale, 0)
        while x < w + scale:
            _tree(trees, rng, x, y, scale)
            x += scale * rng.uniform(1.3, 1.8)
        if figures and row == 2:
            figure(trees, w * 0.42, y + scale * 0.05, scale * 1.1, "dress")
        ink(canvas, trees.finished(), mix(haze, palette.ink, 0.35 + 0.65 * depth))
    return finish(canvas, rng, darken=0.5)


def _ripples(canvas: Image.Image, rng: random.Random, w: int, h: int) -> None:
    draw = ImageDraw.Draw(canvas)
    for _ in range(90):
        y = rng.uniform(h * 0.73, h)
        x = rng.uniform(w * 0.1, w * 0.85)
        length = rng.uniform(0.02, 0.08) * w * (y / h)
        draw.arc((x, y - 4, x + length, y + 4), 200, 340, fill=(120, 220, 230), width=2)


def _palm(sketch: Sketch, rng: random.Random, x: float, h: int) -> tuple[float, float]:
    """Draw a palm rising from the bottom edge at ``x``; return the top of its trunk."""
    lean = rng.uniform(-0.25, 0.25) * h
    height = h * rng.uniform(0.62, 0.8)
    trunk = [(x + lean * (t / 10) ** 2, h - height * t / 10) for t in range(11)]
    for (x0, y0), (x1, y1) in itertools.pairwise(trunk):
        sketch.line([(x0, y0), (x1, y1)], width=h * 0.022)
    top = trunk[-1]
    for index in range(9):
        angle = math.pi * (0.05 + 0.9 * index / 8) + rng.uniform(-0.1, 0.1)
        reach = h * rng.uniform(0.13, 0.2)
        frond = []
        for step in range(9):
            t = step / 8
            frond.append(
                (
                    top[0] - math.cos(angle) * reach * t,
                    top[1] - math.sin(angle) * reach * t * 0.6 + (reach * 0.45) * t**2,
                )
            )
        for (x0, y0), (x1, y1) in itertools.pairwise(frond):
            sketch.line([(x0, y0), (x1, y1)], width=h * 0.012)
    return top


def _string_lights(canvas: Image.Image, palette: Palette, start, end, sag: float) -> None:
    light = new_light(canvas.size)
    h = canvas.size[1]
    for step in range(1, 22):
        t = step / 22
        point = (
            start[0] + (end[0] - start[0]) * t,
            start[1] + (end[1] - start[1]) * t + math.sin(math.pi * t) * sag,
        )
        glow(light, point, h * 0.012, (255, 230, 170), strength=2.2, power=1.4)
        glow(light, point, h * 0.04, palette.lights[0], strength=0.3)
    canvas.paste(shine(canvas, light))


def _tree(sketch: Sketch, rng: random.Random, x: float, ground: float, scale: float) -> None:
    sketch.line([(x, ground), (x + scale * 0.05, ground - scale * 0.55)], width=scale * 0.09)
    for _ in range(6):
        cx = x + rng.uniform(-0.35, 0.4) * scale
        cy = ground - scale * rng.uniform(0.6, 0.95)
        r = scale * rng.uniform(0.22, 0.36)
        sketch.ellipse((cx - r, cy - r * 0.85, cx + r, cy + r * 0.85))
