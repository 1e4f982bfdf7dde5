"""Paint the demo's pictures with Pillow: news photographs, author portraits and the logo.

``render`` turns an ``ImageSpec`` into a Pillow image and ``encode`` into the bytes of a file. Both
are deterministic: the spec's seed drives every random choice, and nothing is downloaded.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from io import BytesIO

from django.utils.text import slugify
from PIL import Image, ImageDraw, ImageFont

from byline.newsroom.demo.painting import (
    Palette,
    Sketch,
    finish,
    glow,
    gradient,
    mix,
    new_light,
    palette_named,
    rim_light,
    scaled,
    shine,
)
from byline.newsroom.demo.scenes import SCENES
from byline.newsroom.demo.specs import ImageSpec

BRAND_RED = (179, 18, 59)


@dataclass(frozen=True)
class EncodedImage:
    filename: str
    data: bytes


def render(spec: ImageSpec) -> Image.Image:
    """Paint the picture ``spec`` describes."""
    rng = random.Random(f"{spec.scene}:{spec.seed}")
    if spec.scene == "logo":
        return logo(spec.size)
    palette = palette_named(spec.palette, rng)
    if spec.scene == "portrait":
        return portrait(spec.size, rng, palette)
    return SCENES[spec.scene](spec.size, rng, palette, spec.figures)


def encode(spec: ImageSpec) -> EncodedImage:
    """Render ``spec`` as a file: a PNG for the logo, a progressive JPEG for photographs."""
    picture = render(spec)
    buffer = BytesIO()
    if spec.scene == "logo":
        picture.save(buffer, "PNG", optimize=True)
        extension = "png"
    else:
        picture.save(buffer, "JPEG", quality=88, optimize=True, progressive=True)
        extension = "jpg"
    return EncodedImage(f"{slugify(spec.title)[:80]}.{extension}", buffer.getvalue())


def portrait(size: tuple[int, int], rng: random.Random, palette: Palette) -> Image.Image:
    """A low-key head-and-shoulders portrait: key light from the left, rim light on the right."""
    w, h = size
    canvas = gradient(
        size,
        (0, mix(palette.bottom, palette.lights[0], 0.3)),
        (1, scaled(palette.top, 0.9)),
    )
    light = new_light(size)
    glow(light, (w * 0.42, h * 0.42), w * 0.55, palette.lights[2], strength=0.45)
    canvas = shine(canvas, light)
    subject = _sitter(size, rng)
    key = gradient((h, w), (0, mix(palette.lights[2], palette.ink, 0.45)), (0.75, palette.ink))
    canvas.paste(key.transpose(Image.Transpose.ROTATE_90), (0, 0), subject)
    modelling = new_light(size)
    glow(modelling, (w * 0.44, h * 0.36), w * 0.16, palette.lights[2], strength=0.35, squash=1.3)
    canvas = Image.composite(shine(canvas, modelling), canvas, subject)
    rim_light(canvas, subject, palette.lights[0], width=w * 0.012)
    return finish(canvas, rng, darken=0.45)


def _sitter(size: tuple[int, int], rng: random.Random) -> Image.Image:
    w, h = size
    sitter = Sketch(size)
    cx = w * rng.uniform(0.46, 0.54)
    head_w, head_h = w * rng.uniform(0.23, 0.26), h * rng.uniform(0.31, 0.34)
    top = h * 0.19
    sitter.ellipse((cx - head_w / 2, top, cx + head_w / 2, top + head_h))
    sitter.rectangle((cx - w * 0.065, top + head_h * 0.7, cx + w * 0.065, h * 0.64))
    shoulders = [(cx - w * 0.065, h * 0.58), (cx + w * 0.065, h * 0.58)]
    sitter.polygon([*shoulders, (cx + w * 0.26, h * 0.7), (cx - w * 0.26, h * 0.7)])
    sitter.ellipse((cx - w * 0.44, h * 0.6, cx + w * 0.44, h * 1.45))
    hair = rng.choice(("short", "long", "bun", "curls"))
    if hair == "long":
        sitter.ellipse(
            (cx - head_w * 0.62, top - h * 0.02, cx + head_w * 0.62, top + head_h * 1.25)
        )
    elif hair == "bun":
        sitter.ellipse((cx - w * 0.06, top - h * 0.08, cx + w * 0.06, top + h * 0.04))
    elif hair == "curls":
        for _ in range(14):
            x = cx + rng.uniform(-0.5, 0.5) * head_w
            y = top + rng.uniform(-0.05, 0.35) * head_h
            r = w * rng.uniform(0.03, 0.05)
            sitter.ellipse((x - r, y - r, x + r, y + r))
    sitter.ellipse((cx - head_w * 0.54, top - h * 0.015, cx + head_w * 0.54, top + head_h * 0.5))
    return sitter.finished()


def logo(size: tuple[int, int]) -> Image.Image:
    """The masthead's mark: a white "B" over a rule, on the brand's red."""
    w, h = size
    mark = Image.new("RGB", size, BRAND_RED)
    draw = ImageDraw.Draw(mark)
    font = ImageFont.load_default(size=round(h * 0.62))
    if isinstance(font, ImageFont.FreeTypeFont):  # without FreeType, the rule alone is the mark
        draw.text((w / 2, h * 0.46), "B", font=font, fill=(255, 255, 255), anchor="mm")
    draw.rectangle((w * 0.27, h * 0.76, w * 0.73, h * 0.8), fill=(255, 255, 255))
    return mark
