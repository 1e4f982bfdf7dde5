"""Scenes on a stage: a gig, an arena show, an awards ceremony and a recording booth."""

from __future__ import annotations

import math
import random

from PIL import Image, ImageChops, ImageDraw, ImageFilter

from byline.newsroom.demo.figures import crowd, figure
from byline.newsroom.demo.painting import (
    Color,
    Palette,
    Sketch,
    bokeh,
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


def stage(size: Size, rng: random.Random, palette: Palette, figures: int) -> Image.Image:
    """A performer backlit on a stage, beams cutting through haze, a crowd in front."""
    w, h = size
    canvas = gradient(size, (0, palette.top), (0.7, palette.bottom), (1, scaled(palette.top, 0.6)))
    light = new_light(size)
    glow(light, (w / 2, h * 0.35), w * 0.45, palette.lights[0], strength=0.45, squash=0.7)
    parts.truss_beams(light, rng, palette, size, count=7)
    glow(light, (w * 0.5, h * 0.55), h * 0.38, palette.lights[-1], strength=0.75)
    glow(light, (w * 0.5, h * 0.77), w * 0.35, palette.lights[0], strength=0.5, squash=0.12)
    bokeh(light, rng, palette.lights, count=50, area=(0, 0, w, h * 0.7), radii=(2, h * 0.01))
    canvas = shine(canvas, light)
    parts.stage_floor(canvas, palette, top=h * 0.77)
    people = Sketch(size)
    people.rectangle((0, h * 0.045, w, h * 0.06))
    parts.performers(people, rng, size, figures, feet=h * 0.775, height=h * 0.42)
    phones = crowd(people, rng, width=w, head_line=h * 0.9, head_size=h * 0.075, count=w // 26)
    ink(canvas, people.finished(), palette.ink)
    return finish(parts.phone_screens(canvas, phones, h), rng)


def concert(size: Size, rng: random.Random, palette: Palette, figures: int) -> Image.Image:
    """An arena show: a video wall, beams, confetti and a sea of raised hands."""
    w, h = size
    canvas = gradient(size, (0, palette.top), (1, palette.bottom))
    light = new_light(size)
    _video_wall(light, rng, palette, box=(w * 0.16, h * 0.12, w * 0.84, h * 0.58))
    parts.truss_beams(light, rng, palette, size, count=9)
    glow(light, (w * 0.5, h * 0.62), w * 0.3, palette.lights[-1], strength=0.6, squash=0.5)
    canvas = shine(canvas, light)
    parts.stage_floor(canvas, palette, top=h * 0.66)
    people = Sketch(size)
    people.rectangle((0, h * 0.04, w, h * 0.055))
    parts.performers(people, rng, size, figures, feet=h * 0.665, height=h * 0.3)
    phones = crowd(
        people, rng, width=w, head_line=h * 0.84, head_size=h * 0.06, count=w // 14, arms_up=0.45
    )
    ink(canvas, people.finished(), palette.ink)
    canvas = parts.phone_screens(canvas, phones, h)
    _confetti(canvas, rng, palette, count=260)
    return finish(canvas, rng)


def gala(size: Size, rng: random.Random, palette: Palette, figures: int) -> Image.Image:
    """An awards stage: a velvet curtain, a spotlight, a lectern and a chandelier's sparkle."""
    w, h = size
    canvas = _curtain(size, rng, mix(palette.lights[0], palette.ink, 0.45))
    light = new_light(size)
    glow(
        light,
        (w * 0.46, h * 0.52),
        h * 0.42,
        palette.lights[1],
        strength=1.1,
        power=1.3,
        squash=1.1,
    )
    glow(light, (w * 0.46, h * 0.84), w * 0.2, palette.lights[1], strength=0.7, squash=0.15)
    bokeh(
        light,
        rng,
        (palette.lights[1], palette.lights[0]),
        count=70,
        area=(0, 0, w, h * 0.22),
        radii=(h * 0.006, h * 0.025),
        strength=(0.4, 1.0),
    )
    canvas = shine(canvas, light)
    parts.stage_floor(canvas, palette, top=h * 0.84)
    stage_set = Sketch(size)
    figure(stage_set, w * 0.46, h * 0.845, h * 0.6, "dress")
    stage_set.polygon(
        [(w * 0.6, h * 0.6), (w * 0.7, h * 0.6), (w * 0.69, h * 0.85), (w * 0.61, h * 0.85)]
    )
    stage_set.line([(w * 0.62, h * 0.6), (w * 0.585, h * 0.5)], width=h * 0.006)
    ink(canvas, stage_set.finished(), palette.ink)
    return finish(canvas, rng)


def microphone(size: Size, rng: random.Random, palette: Palette, figures: int) -> Image.Image:
    """A studio microphone and pop filter against the bokeh of a dark control room."""
    w, h = size
    canvas = gradient(size, (0, palette.top), (1, scaled(palette.bottom, 0.7)))
    light = new_light(size)
    bokeh(
        light,
        rng,
        palette.lights,
        count=26,
        area=(0, 0, w, h),
        radii=(h * 0.05, h * 0.14),
        strength=(0.15, 0.5),
    )
    bokeh(
        light,
        rng,
        palette.lights,
        count=60,
        area=(0, 0, w, h),
        radii=(h * 0.01, h * 0.03),
        strength=(0.3, 0.8),
    )
    canvas = shine(canvas, light)
    pop_filter = (w * 0.2, h * 0.14, w * 0.2 + h * 0.44, h * 0.58)
    gauze = Sketch(size)
    gauze.ellipse(pop_filter)
    ink(canvas, gauze.finished().point(lambda v: v * 110 // 255), palette.ink)
    mic = Sketch(size)
    left, right = w * 0.52, w * 0.64
    mic.rounded((left, h * 0.12, right, h * 0.6), radius=(right - left) / 2)
    mic.rectangle((left + w * 0.025, h * 0.55, right - w * 0.025, h * 0.82))
    mic.line([(w * 0.58, h * 0.8), (w * 0.58, h * 1.0)], width=h * 0.02)
    mic.line([(w * 0.2 + h * 0.22, h * 0.58), (w * 0.32, h * 0.95)], width=h * 0.008)
    mic.ring((left - w * 0.03, h * 0.52, right + w * 0.03, h * 0.6), width=h * 0.012)
    mic.ring(pop_filter, width=h * 0.01)
    shape = mic.finished()
    ink(canvas, shape, palette.ink)
    _grille(canvas, palette, (left, h * 0.12, right, h * 0.6))
    rim_light(canvas, shape, palette.lights[0], width=h * 0.008)
    light = new_light(size)
    glow(light, (right - w * 0.01, h * 0.35), h * 0.2, palette.lights[0], strength=0.5, squash=1.6)
    return finish(shine(canvas, light), rng)


def _video_wall(light: Image.Image, rng: random.Random, palette: Palette, box) -> None:
    left, top, right, bottom = (round(value) for value in box)
    columns, rows = 32, 14
    cells = Image.new("RGB", (columns, rows))
    phase = rng.uniform(0, math.tau)
    for row in range(rows):
        for column in range(columns):
            wave = 0.5 + 0.5 * math.sin(column * 0.45 + row * 0.3 + phase)
            ripple = 0.5 + 0.5 * math.sin(
                math.hypot(column - columns / 2, row - rows / 2) * 0.8 - phase
            )
            color = mix(palette.lights[0], palette.lights[1], wave)
            cells.putpixel((column, row), scaled(color, 0.25 + 0.55 * ripple))
    wall = cells.resize((right - left, bottom - top), Image.Resampling.NEAREST)
    wall = wall.filter(ImageFilter.GaussianBlur(2))
    light.paste(ImageChops.add(light.crop((left, top, right, bottom)), wall), (left, top))


def _confetti(canvas: Image.Image, rng: random.Random, palette: Palette, count: int) -> None:
    draw = ImageDraw.Draw(canvas)
    w, h = canvas.size
    for _ in range(count):
        x, y = rng.uniform(0, w), rng.uniform(0, h * 0.85)
        size = rng.uniform(3, 9) * (1 + y / h)
        angle = rng.uniform(0, math.pi)
        dx, dy = math.cos(angle) * size, math.sin(angle) * size
        ex, ey = -dy * 0.45, dx * 0.45
        color = scaled(rng.choice((*palette.lights, (255, 255, 255))), rng.uniform(0.6, 1.0))
        draw.polygon(
            [
                (x - dx - ex, y - dy - ey),
                (x + dx - ex, y + dy - ey),
                (x + dx + ex, y + dy + ey),
                (x - dx + ex, y - dy + ey),
            ],
            fill=color,
        )


def _curtain(size: Size, rng: random.Random, color: Color) -> Image.Image:
    w = size[0]
    row = Image.new("L", (w, 1))
    phases = [rng.uniform(0, math.tau) for _ in range(2)]
    row.putdata(
        [
            round(
                255
                * (
                    0.45
                    + 0.3 * math.sin(x * 0.045 + phases[0])
                    + 0.2 * math.sin(x * 0.013 + phases[1])
                )
            )
            for x in range(w)
        ]
    )
    folds = row.resize(size, Image.Resampling.BILINEAR).filter(ImageFilter.GaussianBlur(3))
    shade = ImageChops.multiply(
        Image.merge("RGB", (folds, folds, folds)), Image.new("RGB", size, color)
    )
    return ImageChops.multiply(
        shade, gradient(size, (0, (120, 120, 120)), (0.5, (255, 255, 255)), (1, (150, 150, 150)))
    )


def _grille(canvas: Image.Image, palette: Palette, box) -> None:
    left, top, right, bottom = box
    mesh = Sketch(canvas.size)
    step = (right - left) / 9
    for index in range(-12, 24):
        x = left + index * step
        mesh.line([(x, top), (x + (bottom - top) * 0.5, bottom)], width=1.2, fill=120)
        mesh.line([(x + (bottom - top) * 0.5, top), (x, bottom)], width=1.2, fill=120)
    shape = Sketch(canvas.size)
    shape.rounded((left + 4, top + 4, right - 4, bottom - 4), radius=(right - left) / 2)
    mask = ImageChops.multiply(mesh.finished(), shape.finished())
    ink(canvas, mask, mix(palette.ink, palette.lights[2], 0.45))
