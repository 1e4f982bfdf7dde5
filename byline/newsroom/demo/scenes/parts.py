"""Set pieces several scenes share: night skies, skylines, water, stage floors, performers."""

from __future__ import annotations

import math
import random

from PIL import Image, ImageChops, ImageDraw, ImageFilter

from byline.newsroom.demo.figures import figure
from byline.newsroom.demo.painting import (
    BLACK,
    Palette,
    Sketch,
    beam,
    bokeh,
    glow,
    gradient,
    ink,
    mix,
    new_light,
    scaled,
    shine,
)

Size = tuple[int, int]


def night_sky(size: Size, rng: random.Random, palette: Palette, horizon: float) -> Image.Image:
    w, h = size
    canvas = gradient(
        size,
        (0, palette.top),
        (horizon / h, mix(palette.bottom, palette.lights[0], 0.15)),
        (1, palette.ink),
    )
    light = new_light(size)
    glow(light, (w / 2, horizon), w * 0.6, palette.lights[0], strength=0.4, squash=0.3)
    bokeh(
        light,
        rng,
        ((255, 255, 255),),
        count=120,
        area=(0, 0, w, horizon * 0.6),
        radii=(1, 2.5),
        strength=(0.3, 1.0),
    )
    return shine(canvas, light)


def skyline(
    canvas: Image.Image, rng: random.Random, palette: Palette, size: Size, horizon: float
) -> None:
    """Draw three layers of towers standing on ``horizon``, the nearer ones with lit windows."""
    draw = ImageDraw.Draw(canvas)
    for layer, heights in enumerate(((0.1, 0.3), (0.12, 0.42), (0.06, 0.26))):
        towers = Sketch(size)
        outlines = _towers(towers, rng, size, horizon, heights)
        ink(canvas, towers.finished(), mix(palette.bottom, palette.ink, 0.45 + 0.27 * layer))
        for box in outlines if layer else ():
            _lit_windows(draw, rng, palette, box, size[1])


def _towers(
    sketch: Sketch, rng: random.Random, size: Size, horizon: float, heights: tuple[float, float]
) -> list[tuple[float, float, float, float]]:
    w, h = size
    outlines = []
    x = rng.uniform(-40, 0)
    while x < w:
        width = w * rng.uniform(0.025, 0.07)
        top = horizon - h * rng.uniform(*heights)
        sketch.rectangle((x, top, x + width, horizon + 2))
        if rng.random() < 0.3:
            sketch.line([(x + width / 2, top), (x + width / 2, top - h * 0.05)], width=2)
        outlines.append((x, top, x + width, horizon))
        x += width + rng.uniform(0, w * 0.01)
    return outlines


def _lit_windows(
    draw: ImageDraw.ImageDraw, rng: random.Random, palette: Palette, box, h: int
) -> None:
    left, top, right, bottom = box
    step = max(4.0, h * 0.011)
    y = top + step
    while y < bottom - step:
        x = left + step * 0.6
        while x < right - step * 0.6:
            if rng.random() < 0.22:
                color = scaled(
                    rng.choice((palette.lights[1], palette.lights[-1], (255, 214, 150))),
                    rng.uniform(0.45, 1.0),
                )
                draw.rectangle((x, y, x + step * 0.45, y + step * 0.55), fill=color)
            x += step
        y += step


def reflect(canvas: Image.Image, rng: random.Random, horizon: float) -> Image.Image:
    """Mirror everything above ``horizon`` into dark, rippled water below it."""
    w, h = canvas.size
    top = round(horizon)
    depth = h - top
    mirrored = canvas.crop((0, max(0, top - depth), w, top)).transpose(
        Image.Transpose.FLIP_TOP_BOTTOM
    )
    mirrored = mirrored.resize((w, depth)).filter(ImageFilter.GaussianBlur((2, 9)))
    mirrored = ImageChops.multiply(
        mirrored, gradient((w, depth), (0, (150, 150, 160)), (1, (40, 40, 50)))
    )
    ripples = ImageDraw.Draw(mirrored)
    for _ in range(depth // 2):
        y = rng.uniform(0, depth)
        x = rng.uniform(-w * 0.1, w)
        ripples.line([(x, y), (x + rng.uniform(w * 0.02, w * 0.2), y)], fill=BLACK, width=1)
    canvas = canvas.copy()
    canvas.paste(mirrored.filter(ImageFilter.GaussianBlur(0.8)), (0, top))
    return canvas


def ridge(rng: random.Random, w: int, base: float, height: float) -> list[tuple[float, float]]:
    phases = [rng.uniform(0, math.tau) for _ in range(3)]
    points = [(0.0, base + 2)]
    for step in range(61):
        x = w * step / 60
        wave = sum(
            math.sin(x / w * math.tau * (k + 1) * 0.7 + phases[k]) / (k + 1) for k in range(3)
        )
        points.append((x, base - height * (0.55 + 0.3 * wave) * (1 - x / w * 0.5)))
    points.append((float(w), base + 2))
    return points


def stage_floor(canvas: Image.Image, palette: Palette, top: float) -> None:
    w, h = canvas.size
    floor = Image.new("L", canvas.size, 0)
    ImageDraw.Draw(floor).rectangle((0, round(top), w, h), fill=170)
    ink(canvas, floor, palette.ink)


def performers(
    sketch: Sketch,
    rng: random.Random,
    size: Size,
    figures: int,
    *,
    feet: float,
    height: float,
    poses: tuple[str, ...] = ("arms_up", "standing", "dress"),
) -> None:
    w, _ = size
    for index in range(max(1, figures)):
        offset = (index - (max(1, figures) - 1) / 2) * height * 0.42
        x = w * 0.5 + offset + rng.uniform(-0.01, 0.01) * w
        figure(sketch, x, feet, height, poses[(index + rng.randrange(len(poses))) % len(poses)])


def phone_screens(canvas: Image.Image, phones: list[tuple[float, float]], h: int) -> Image.Image:
    light = new_light(canvas.size)
    for x, y in phones:
        glow(light, (x, y - h * 0.012), h * 0.018, (200, 225, 255), strength=2.0, power=1.2)
    return shine(canvas, light)


def truss_beams(
    light: Image.Image, rng: random.Random, palette: Palette, size: Size, count: int
) -> None:
    w, h = size
    for index in range(count):
        x = w * (0.08 + 0.84 * index / (count - 1)) + rng.uniform(-20, 20)
        color = palette.lights[index % len(palette.lights)]
        target = (x + rng.uniform(-0.35, 0.35) * w, h * rng.uniform(0.75, 1.0))
        beam(
            light,
            (x, h * 0.06),
            target,
            color,
            near_width=h * 0.02,
            far_width=h * rng.uniform(0.2, 0.42),
            strength=rng.uniform(0.3, 0.55),
            blur=h * 0.012,
        )
        glow(light, (x, h * 0.065), h * 0.045, palette.lights[-1], strength=1.6, power=1.5)


def foreground_camera(canvas: Image.Image, palette: Palette, size: Size) -> None:
    w, h = size
    camera = Sketch(size)
    camera.rounded((-w * 0.05, h * 0.62, w * 0.16, h * 0.9), radius=h * 0.03)
    camera.ellipse((w * 0.12, h * 0.66, w * 0.22, h * 0.86))
    camera.line([(w * 0.05, h * 0.9), (w * 0.02, h * 1.05)], width=h * 0.03)
    ink(canvas, camera.finished(blur=h * 0.02), palette.ink)
