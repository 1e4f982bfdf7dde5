"""Scenes in the open at night: a red carpet, a city skyline over water, a small harbour."""

from __future__ import annotations

import itertools
import math
import random

from PIL import Image, ImageDraw

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
    scaled,
    shine,
)
from byline.newsroom.demo.scenes import parts

Size = tuple[int, int]


def red_carpet(size: Size, rng: random.Random, palette: Palette, figures: int) -> Image.Image:
    """Arrivals on a red carpet between ropes, camera flashes firing on both sides."""
    w, h = size
    horizon = h * 0.56
    canvas = gradient(size, (0, scaled(palette.bottom, 0.8)), (0.56, palette.top), (1, palette.ink))
    _step_and_repeat(canvas, palette, size, bottom=horizon)
    carpet = [(w * 0.43, horizon), (w * 0.57, horizon), (w * 0.95, h), (w * 0.05, h)]
    fill_polygon(canvas, carpet, gradient(size, (0.5, (70, 6, 16)), (1, (170, 18, 36))))
    light = new_light(size)
    glow(light, (w / 2, h * 0.82), w * 0.3, palette.lights[-1], strength=0.35, squash=0.3)
    for _ in range(14):
        side = rng.choice((rng.uniform(0.02, 0.3), rng.uniform(0.7, 0.98)))
        center = (w * side, h * rng.uniform(0.3, 0.62))
        glow(
            light,
            center,
            h * rng.uniform(0.03, 0.1),
            (255, 250, 240),
            strength=rng.uniform(0.8, 1.6),
        )
        glow(light, center, h * 0.25, (255, 250, 240), strength=0.5, squash=0.03, power=1.5)
    canvas = shine(canvas, light)
    _stanchions(canvas, w, h, horizon)
    people = Sketch(size)
    poses = ("dress", "suit") if figures > 1 else ("dress",)
    for index, pose in enumerate(poses):
        x = w * (0.5 + (index - (len(poses) - 1) / 2) * 0.075)
        figure(people, x, h * rng.uniform(0.86, 0.9), h * 0.56, pose)
    ink(canvas, people.finished(), palette.ink)
    _photographers(canvas, rng, palette, size)
    return finish(canvas, rng)


def city_night(size: Size, rng: random.Random, palette: Palette, figures: int) -> Image.Image:
    """A skyline at night over black water, with cranes on the docks."""
    w, h = size
    horizon = h * 0.68
    canvas = parts.night_sky(size, rng, palette, horizon)
    parts.skyline(canvas, rng, palette, size, horizon)
    _cranes(canvas, palette, w, h, horizon)
    canvas = parts.reflect(canvas, rng, horizon)
    light = new_light(size)
    bokeh(light, rng, palette.lights, count=9, area=(0, h * 0.8, w, h), radii=(h * 0.04, h * 0.09))
    return finish(shine(canvas, light), rng)


def harbour(size: Size, rng: random.Random, palette: Palette, figures: int) -> Image.Image:
    """A small harbour: hills, a lighthouse, moored boats and the lights of the quay."""
    w, h = size
    horizon = h * 0.62
    canvas = parts.night_sky(size, rng, palette, horizon)
    light = new_light(size)
    glow(light, (w * 0.78, h * 0.18), h * 0.05, (255, 250, 235), strength=2.5, power=3)
    glow(light, (w * 0.78, h * 0.18), h * 0.3, palette.lights[1], strength=0.35)
    canvas = shine(canvas, light)
    hills = Sketch(size)
    hills.polygon(parts.ridge(rng, w, horizon, h * 0.16))
    ink(canvas, hills.finished(), mix(palette.top, palette.ink, 0.6))
    _town(canvas, rng, palette, w, horizon)
    _lighthouse(canvas, palette, w, h, horizon)
    canvas = parts.reflect(canvas, rng, horizon)
    _boats(canvas, rng, palette, w, h, horizon)
    light = new_light(size)
    for index in range(18):
        glow(
            light,
            (w * (0.05 + index * 0.05), horizon - 2),
            h * 0.02,
            palette.lights[0],
            strength=1.2,
        )
    canvas = shine(canvas, light)
    if figures:
        quay = Sketch(size)
        quay.polygon([(0, h * 0.84), (w * 0.5, h * 0.88), (w * 0.5, h), (0, h)])
        figure(quay, w * 0.3, h * 0.87, h * 0.42, "standing")
        ink(canvas, quay.finished(), palette.ink)
    return finish(canvas, rng)


def _step_and_repeat(canvas: Image.Image, palette: Palette, size: Size, bottom: float) -> None:
    w, _ = size
    pattern = Sketch(size)
    step = bottom / 5
    for row in range(6):
        for column in range(int(w / step) + 2):
            x = column * step + (step / 2 if row % 2 else 0)
            y = row * step * 0.9 + step * 0.4
            r = step * 0.14
            pattern.polygon([(x, y - r), (x + r * 1.6, y), (x, y + r), (x - r * 1.6, y)], fill=60)
    mask = pattern.finished()
    mask.paste(0, (0, round(bottom), w, size[1]))
    ink(canvas, mask, palette.lights[1])


def _stanchions(canvas: Image.Image, w: int, h: int, horizon: float) -> None:
    draw = ImageDraw.Draw(canvas)
    gold, rope = (196, 154, 72), (110, 10, 24)
    for edge_top, edge_bottom in ((w * 0.41, w * 0.0), (w * 0.59, w * 1.0)):
        posts = []
        for t in (0.12, 0.3, 0.55, 0.9):
            x = edge_top + (edge_bottom - edge_top) * t
            base = horizon + (h - horizon) * t
            height = h * (0.05 + 0.17 * t)
            width = max(2, h * (0.004 + 0.01 * t))
            draw.rectangle((x - width, base - height, x + width, base), fill=gold)
            draw.ellipse(
                (x - width * 2, base - height - width * 2, x + width * 2, base - height + width),
                fill=gold,
            )
            posts.append((x, base - height * 0.92, width))
        for (x0, y0, w0), (x1, y1, _) in itertools.pairwise(posts):
            sag = (y1 - y0) * 0.2 + h * 0.03
            curve = [
                (
                    x0 + (x1 - x0) * s / 12,
                    y0 + (y1 - y0) * s / 12 + math.sin(math.pi * s / 12) * sag,
                )
                for s in range(13)
            ]
            draw.line(curve, fill=rope, width=max(2, round(w0 * 1.6)))


def _photographers(canvas: Image.Image, rng: random.Random, palette: Palette, size: Size) -> None:
    w, h = size
    press = Sketch(size)
    for x in (w * 0.04, w * 0.16, w * 0.84, w * 0.97):
        y = h * rng.uniform(0.8, 0.88)
        r = h * 0.075
        press.ellipse((x - r * 0.8, y - r, x + r * 0.8, y + r))
        press.ellipse((x - r * 2.6, y + r * 0.9, x + r * 2.6, h + r * 3))
        facing = 1 if x < w / 2 else -1
        press.rounded(
            (x + facing * r * 0.4 - r, y - r * 0.5, x + facing * r * 0.4 + r, y + r * 0.6),
            radius=r * 0.15,
        )
        press.ellipse(
            (
                x + facing * r * 1.1 - r * 0.45,
                y - r * 0.4,
                x + facing * r * 1.1 + r * 0.45,
                y + r * 0.5,
            )
        )
    ink(canvas, press.finished(blur=h * 0.006), palette.ink)


def _cranes(canvas: Image.Image, palette: Palette, w: int, h: int, horizon: float) -> None:
    cranes = Sketch((w, h))
    for x, height, reach in ((w * 0.78, h * 0.4, -w * 0.16), (w * 0.9, h * 0.33, -w * 0.12)):
        top = horizon - height
        cranes.line([(x, horizon), (x, top)], width=h * 0.008)
        cranes.line([(x + reach, top + h * 0.02), (x + w * 0.04, top + h * 0.02)], width=h * 0.007)
        cranes.line([(x, top - h * 0.04), (x + reach * 0.8, top + h * 0.02)], width=2)
        cranes.line(
            [(x + reach * 0.7, top + h * 0.02), (x + reach * 0.7, top + h * 0.14)], width=1.5
        )
    ink(canvas, cranes.finished(), mix(palette.bottom, palette.ink, 0.9))


def _town(
    canvas: Image.Image, rng: random.Random, palette: Palette, w: int, horizon: float
) -> None:
    houses = Sketch(canvas.size)
    h = canvas.size[1]
    lit = []
    x = w * 0.02
    while x < w * 0.6:
        width = h * rng.uniform(0.035, 0.07)
        top = horizon - h * rng.uniform(0.03, 0.07)
        houses.rectangle((x, top, x + width, horizon + 1))
        houses.polygon([(x - 2, top), (x + width / 2, top - width * 0.45), (x + width + 2, top)])
        lit.append((x + width * rng.uniform(0.2, 0.6), top + (horizon - top) * 0.35))
        x += width + rng.uniform(0, h * 0.01)
    ink(canvas, houses.finished(), mix(palette.top, palette.ink, 0.8))
    draw = ImageDraw.Draw(canvas)
    for lx, ly in lit:
        if rng.random() < 0.7:
            draw.rectangle((lx, ly, lx + h * 0.007, ly + h * 0.009), fill=palette.lights[-1])


def _lighthouse(canvas: Image.Image, palette: Palette, w: int, h: int, horizon: float) -> None:
    tower = Sketch(canvas.size)
    x, base, top = w * 0.86, horizon, horizon - h * 0.22
    tower.polygon(
        [(x - h * 0.025, base), (x + h * 0.025, base), (x + h * 0.016, top), (x - h * 0.016, top)]
    )
    tower.polygon(
        [
            (x - h * 0.1, base + 2),
            (x + h * 0.2, base + 2),
            (x + h * 0.14, base - h * 0.03),
            (x - h * 0.05, base - h * 0.02),
        ]
    )
    tower.rectangle((x - h * 0.02, top - h * 0.035, x + h * 0.02, top))
    ink(canvas, tower.finished(), mix(palette.top, palette.ink, 0.85))
    light = new_light(canvas.size)
    glow(light, (x, top - h * 0.02), h * 0.03, (255, 244, 200), strength=3)
    beam(
        light,
        (x, top - h * 0.02),
        (w * 0.35, top + h * 0.06),
        palette.lights[-1],
        near_width=h * 0.01,
        far_width=h * 0.18,
        strength=0.35,
        blur=h * 0.02,
    )
    canvas.paste(shine(canvas, light))


def _boats(
    canvas: Image.Image, rng: random.Random, palette: Palette, w: int, h: int, horizon: float
) -> None:
    boats = Sketch(canvas.size)
    for _ in range(5):
        x = rng.uniform(w * 0.05, w * 0.75)
        depth = rng.uniform(0.15, 0.9)
        y = horizon + (h - horizon) * depth * 0.7 + h * 0.02
        length = h * (0.08 + 0.2 * depth)
        boats.polygon(
            [
                (x, y - length * 0.12),
                (x + length, y - length * 0.12),
                (x + length * 0.85, y),
                (x + length * 0.1, y),
            ]
        )
        boats.line(
            [(x + length * 0.45, y - length * 0.12), (x + length * 0.45, y - length * 0.9)],
            width=max(1.5, length * 0.02),
        )
        boats.line(
            [(x + length * 0.45, y - length * 0.9), (x + length * 0.95, y - length * 0.13)], width=1
        )
    ink(canvas, boats.finished(), palette.ink)
