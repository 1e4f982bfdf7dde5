"""Painting primitives for the demo pictures: gradients, light, silhouettes, vignette and grain.

Light is gathered on a black layer and screened onto the scene, the way a long exposure adds it;
shapes are drawn at twice the size and scaled down, which softens their edges like a lens would.
Everything random comes from the ``random.Random`` passed in, so a seed always gives the same
picture.
"""

from __future__ import annotations

import itertools
import math
import random
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image, ImageChops, ImageDraw, ImageFilter

Color = tuple[int, int, int]
Point = tuple[float, float]
Box = tuple[float, float, float, float]

BLACK: Color = (0, 0, 0)


@dataclass(frozen=True)
class Palette:
    """The colours of one mood: a background from ``top`` to ``bottom``, lights, and ink."""

    top: Color
    bottom: Color
    lights: tuple[Color, ...]
    ink: Color


PALETTES = {
    "magenta": Palette((12, 4, 24), (46, 8, 52), ((255, 60, 170), (120, 80, 255), (255, 170, 90)), (7, 2, 10)),
    "amber": Palette((18, 9, 4), (64, 30, 10), ((255, 170, 60), (255, 110, 40), (255, 225, 160)), (10, 5, 2)),
    "teal": Palette((2, 14, 18), (8, 52, 60), ((40, 220, 210), (90, 160, 255), (220, 255, 240)), (2, 8, 10)),
    "violet": Palette((9, 5, 26), (38, 18, 76), ((150, 90, 255), (255, 90, 200), (90, 170, 255)), (5, 3, 14)),
    "crimson": Palette((18, 2, 6), (74, 8, 22), ((255, 50, 70), (255, 150, 110), (255, 222, 200)), (9, 1, 3)),
    "gold": Palette((16, 11, 4), (74, 48, 12), ((255, 200, 90), (255, 240, 190), (255, 150, 60)), (9, 6, 2)),
    "cyan": Palette((2, 9, 24), (6, 42, 74), ((40, 200, 255), (255, 70, 180), (160, 255, 230)), (1, 5, 12)),
    "dusk": Palette((34, 22, 70), (250, 146, 92), ((255, 186, 110), (255, 112, 96), (255, 232, 182)), (20, 10, 26)),
    "sodium": Palette((6, 6, 16), (44, 24, 10), ((255, 150, 40), (255, 204, 96), (110, 150, 255)), (4, 3, 6)),
    "ice": Palette((4, 10, 24), (30, 62, 104), ((150, 200, 255), (222, 240, 255), (90, 140, 255)), (2, 5, 12)),
}  # fmt: skip


def palette_named(name: str, rng: random.Random) -> Palette:
    """Return the named palette, or one chosen by ``rng`` when no name is given."""
    return PALETTES[name] if name else rng.choice(list(PALETTES.values()))


def mix(a: Color, b: Color, t: float) -> Color:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))  # type: ignore[return-value]


def scaled(color: Color, factor: float) -> Color:
    return tuple(max(0, min(255, round(c * factor))) for c in color)  # type: ignore[return-value]


def gradient(size: tuple[int, int], *stops: tuple[float, Color]) -> Image.Image:
    """A top-to-bottom gradient through ``stops``, each a (position from 0 to 1, colour)."""
    _, height = size
    column = Image.new("RGB", (1, height))
    column.putdata([_color_at(stops, y / max(1, height - 1)) for y in range(height)])
    return column.resize(size, Image.Resampling.NEAREST)


def _color_at(stops: tuple[tuple[float, Color], ...], t: float) -> Color:
    for (start, low), (end, high) in itertools.pairwise(stops):
        if t <= end:
            return mix(low, high, (t - start) / max(1e-9, end - start))
    return stops[-1][1]


@lru_cache(maxsize=8)
def _falloff(power: float) -> Image.Image:
    """A 256x256 disc of light: 255 in the centre fading to 0 at the rim, and 0 beyond it."""
    disc = Image.new("L", (256, 256))
    disc.putdata(
        [
            round(255 * max(0.0, 1 - math.hypot(x - 127.5, y - 127.5) / 128) ** power)
            for y in range(256)
            for x in range(256)
        ]
    )
    return disc


def new_light(size: tuple[int, int]) -> Image.Image:
    return Image.new("RGB", size, BLACK)


def glow(
    light: Image.Image,
    center: Point,
    radius: float,
    color: Color,
    *,
    strength: float = 1.0,
    squash: float = 1.0,
    power: float = 2.0,
) -> None:
    """Add a soft round (or, with ``squash``, oval) pool of light to ``light``."""
    left, top = round(center[0] - radius), round(center[1] - radius * squash)
    size = (max(1, round(2 * radius)), max(1, round(2 * radius * squash)))
    mask = _falloff(power).resize(size, Image.Resampling.BILINEAR)
    if strength != 1.0:
        mask = mask.point(lambda v: min(255, round(v * strength)))
    patch = Image.composite(Image.new("RGB", size, color), Image.new("RGB", size, BLACK), mask)
    box = (left, top, left + size[0], top + size[1])
    light.paste(ImageChops.add(light.crop(box), patch), box[:2])


def beam(
    light: Image.Image,
    apex: Point,
    target: Point,
    color: Color,
    *,
    near_width: float,
    far_width: float,
    strength: float = 0.6,
    blur: float = 12,
) -> None:
    """Add a cone of light from ``apex`` towards ``target``, brightest at its source."""
    mask = Image.new("L", light.size, 0)
    draw = ImageDraw.Draw(mask)
    dx, dy = target[0] - apex[0], target[1] - apex[1]
    length = math.hypot(dx, dy) or 1.0
    nx, ny = -dy / length, dx / length
    steps = 24
    for step in range(steps):
        t0, t1 = step / steps, (step + 1) / steps
        w0 = (near_width + (far_width - near_width) * t0) / 2
        w1 = (near_width + (far_width - near_width) * t1) / 2
        p0 = (apex[0] + dx * t0, apex[1] + dy * t0)
        p1 = (apex[0] + dx * t1, apex[1] + dy * t1)
        value = round(255 * strength * (1 - t0) ** 1.2)
        draw.polygon(
            [
                (p0[0] + nx * w0, p0[1] + ny * w0),
                (p1[0] + nx * w1, p1[1] + ny * w1),
                (p1[0] - nx * w1, p1[1] - ny * w1),
                (p0[0] - nx * w0, p0[1] - ny * w0),
            ],
            fill=value,
        )
    mask = mask.filter(ImageFilter.GaussianBlur(blur))
    coloured = Image.composite(
        Image.new("RGB", light.size, color), Image.new("RGB", light.size, BLACK), mask
    )
    light.paste(ImageChops.add(light, coloured))


def bokeh(
    light: Image.Image,
    rng: random.Random,
    colors: tuple[Color, ...],
    *,
    count: int,
    area: Box,
    radii: tuple[float, float],
    strength: tuple[float, float] = (0.15, 0.45),
) -> None:
    """Scatter out-of-focus discs of light over ``area``."""
    left, top, right, bottom = area
    for _ in range(count):
        center = (rng.uniform(left, right), rng.uniform(top, bottom))
        glow(
            light,
            center,
            rng.uniform(*radii),
            rng.choice(colors),
            strength=rng.uniform(*strength),
            power=0.45,
        )


def shine(canvas: Image.Image, light: Image.Image) -> Image.Image:
    """Return ``canvas`` lit by ``light`` (a screen blend: light only ever brightens)."""
    return ImageChops.screen(canvas, light)


class Sketch:
    """A silhouette mask drawn at twice the size and halved when finished, for smooth edges."""

    scale = 2

    def __init__(self, size: tuple[int, int]) -> None:
        self.size = size
        self.mask = Image.new("L", (size[0] * self.scale, size[1] * self.scale), 0)
        self.draw = ImageDraw.Draw(self.mask)

    def _points(self, points) -> list[tuple[float, float]]:
        return [(x * self.scale, y * self.scale) for x, y in points]

    def _box(self, box: Box) -> list[float]:
        left, top, right, bottom = (value * self.scale for value in box)
        return [min(left, right), min(top, bottom), max(left, right), max(top, bottom)]

    def ellipse(self, box: Box, fill: int = 255) -> None:
        self.draw.ellipse(self._box(box), fill=fill)

    def rectangle(self, box: Box, fill: int = 255) -> None:
        self.draw.rectangle(self._box(box), fill=fill)

    def rounded(self, box: Box, radius: float, fill: int = 255) -> None:
        self.draw.rounded_rectangle(self._box(box), radius=radius * self.scale, fill=fill)

    def ring(self, box: Box, width: float, fill: int = 255) -> None:
        self.draw.ellipse(self._box(box), outline=fill, width=max(1, round(width * self.scale)))

    def polygon(self, points, fill: int = 255) -> None:
        self.draw.polygon(self._points(points), fill=fill)

    def line(self, points, width: float, fill: int = 255) -> None:
        self.draw.line(self._points(points), fill=fill, width=max(1, round(width * self.scale)))

    def finished(self, blur: float = 0.0) -> Image.Image:
        mask = self.mask.resize(self.size, Image.Resampling.LANCZOS)
        return mask.filter(ImageFilter.GaussianBlur(blur)) if blur else mask


def ink(canvas: Image.Image, mask: Image.Image, color: Color) -> None:
    """Paint ``color`` onto ``canvas`` wherever ``mask`` is set."""
    canvas.paste(color, (0, 0), mask)


def vignette(canvas: Image.Image, strength: float = 0.55) -> Image.Image:
    """Darken the corners, as a lens does."""
    # Pillow's radial gradient reaches 255 in the corners, where the darkening is strongest.
    ring = Image.radial_gradient("L").resize(canvas.size, Image.Resampling.BILINEAR)
    factor = ring.point(lambda v: round(255 * (1 - strength * (v / 255) ** 2.2)))
    return ImageChops.multiply(canvas, Image.merge("RGB", (factor, factor, factor)))


def grain(canvas: Image.Image, rng: random.Random, amount: int = 6) -> Image.Image:
    """Add monochrome film grain of about ``amount`` levels either way."""
    width, height = canvas.size
    noise = Image.frombytes("L", (width, height), rng.randbytes(width * height))
    noise = noise.point(lambda v: v * (2 * amount) // 255)
    return ImageChops.add(canvas, Image.merge("RGB", (noise, noise, noise)), 1.0, -amount)


def finish(canvas: Image.Image, rng: random.Random, *, darken: float = 0.55) -> Image.Image:
    """Give a painted scene its photographic finish: a vignette and a little grain."""
    return grain(vignette(canvas, darken), rng)


def rim_light(
    canvas: Image.Image,
    mask: Image.Image,
    color: Color,
    width: float,
    direction: tuple[int, int] = (1, 0),
) -> None:
    """Light the edge of the shape in ``mask`` that faces ``direction`` (right, by default)."""
    step = max(1, round(width))
    shifted = ImageChops.offset(mask, -direction[0] * step, -direction[1] * step)
    edge = ImageChops.subtract(mask, shifted)
    canvas.paste(color, (0, 0), edge.filter(ImageFilter.GaussianBlur(width / 2)))


def fill_polygon(canvas: Image.Image, points, fill: Image.Image) -> None:
    """Paint ``fill`` (an image of the canvas's size) inside the polygon through ``points``."""
    shape = Sketch(canvas.size)
    shape.polygon(points)
    canvas.paste(fill, (0, 0), shape.finished())
