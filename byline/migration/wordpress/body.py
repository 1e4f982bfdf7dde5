"""A WordPress post's content as the blocks of an article body.

Both editors are read: the block editor's markup (its ``<!-- wp:... -->`` comments around
ordinary HTML) and classic content (paragraphs separated by blank lines, which WordPress turns
into ``<p>`` only when it displays them, with shortcodes such as ``[caption]``). Shortcodes
are replaced first (see ``shortcodes``), then the HTML is walked once: paragraphs and lists
become paragraph blocks (only the formatting the paragraph block allows survives), headings
become subheadings, pictures image blocks with their caption and credit, quotes pull quotes,
embeds embed blocks, and wpDiscuz's inline feedback shortcode an editor's prompt.
"""

from __future__ import annotations

import html
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

import nh3
from bs4 import BeautifulSoup, NavigableString, Tag

from byline.migration.wordpress import shortcodes
from byline.newsroom.blocks import plain_words

BLOCK_ID_NAMESPACE = uuid.UUID("0b9e6e0e-5d0e-4d53-9a7c-5a8f1f3c2e61")
BLOCK_COMMENT = re.compile(r"<!--\s*/?wp:.*?-->", re.DOTALL)
HTML_BLOCK_START = re.compile(
    r"^\s*<(?:p|h[1-6]|blockquote|figure|ul|ol|div|table|pre|hr|iframe|section|script|style)\b",
    re.IGNORECASE,
)
BARE_URL = re.compile(r"^\s*(https?://[^\s<>\"]+)\s*$")
CREDIT = re.compile(
    r"^(?P<caption>.*?)[\s.,;:–—-]*\b(?:pic(?:ture)?|photo|image)\s+credit\s*:\s*(?P<credit>.+?)\s*$",
    re.IGNORECASE | re.DOTALL,
)
WP_IMAGE_CLASS = re.compile(r"\bwp-image-(\d+)\b")
RICH_TEXT_TAGS = {"p", "b", "i", "a", "br", "ul", "ol", "li"}
RENAMED = {"strong": "b", "em": "i"}
MAX_SUBHEADING = 250


def split_credit(caption: str) -> tuple[str, str]:
    """("caption", "credit") from a caption ending in "Pic credit: Agency/Photographer"."""
    caption = " ".join(caption.split())
    match = CREDIT.match(caption)
    if not match:
        return caption, ""
    credit = re.sub(r"\s*/\s*", " / ", match["credit"].strip().rstrip("."))
    return match["caption"].strip(), credit


@dataclass
class Prompt:
    feedback_id: str
    question: str
    block_id: str


@dataclass
class Body:
    blocks: list[dict] = field(default_factory=list)
    prompts: list[Prompt] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


# Finds the image behind an <img>: by attachment id (from the wp-image-N class) or by address.
ImageResolver = Callable[[str | None, str], int | None]


def convert(content: str, *, post_id: str, resolve_image: ImageResolver) -> Body:
    """The blocks of ``content``; ``resolve_image`` turns an attachment id or address into an
    image's primary key (None when it is not available)."""
    body = Body()
    markup = BLOCK_COMMENT.sub("", content or "")
    classic = not BLOCK_COMMENT.search(content or "")
    markup = shortcodes.expand(markup, _render_shortcode)
    if classic:
        markup = autop(markup)
    soup = BeautifulSoup(markup, "html.parser")
    _Walker(body, post_id, resolve_image).walk(soup)
    return body


def _render_shortcode(code: shortcodes.Shortcode, expand) -> str:
    inner = expand(code.content) if code.content else ""
    if code.name in ("caption", "wp_caption"):
        soup = BeautifulSoup(inner, "html.parser")
        image = soup.find("img")
        if image is None:
            return inner
        image.extract()
        for link in soup.find_all("a"):
            if not link.get_text(strip=True):
                link.decompose()
        caption = html.escape(soup.get_text(" ", strip=True) or code.attrs.get("caption", ""))
        return f"\n\n<figure>{image}<figcaption>{caption}</figcaption></figure>\n\n"
    if code.name == "embed":
        url = html.escape(html.unescape(inner.strip()) or code.attrs.get("src", ""), quote=True)
        return f'\n\n<figure class="byline-embed" data-url="{url}"></figure>\n\n'
    if code.name == "wpdiscuz-feedback":
        feedback_id = html.escape(code.attrs.get("id", ""), quote=True)
        question = html.escape(html.unescape(code.attrs.get("question", "")), quote=True)
        return f'<mark data-feedback="{feedback_id}" data-question="{question}">{inner}</mark>'
    if code.name in ("gallery", "audio", "video", "playlist"):
        return f'<span data-dropped="{code.name}"></span>'
    return inner


def autop(text: str) -> str:
    """Classic content's paragraphs: blank lines separate them, single newlines are breaks."""
    chunks = re.split(r"\n\s*\n", text.replace("\r\n", "\n"))
    out = []
    for chunk in chunks:
        if not chunk.strip():
            continue
        url = BARE_URL.match(chunk)
        if url:
            escaped = html.escape(url[1], quote=True)
            out.append(f'<figure class="byline-embed" data-url="{escaped}"></figure>')
        elif HTML_BLOCK_START.match(chunk):
            out.append(chunk)
        else:
            out.append("<p>" + chunk.strip().replace("\n", "<br>\n") + "</p>")
    return "\n".join(out)


class _Walker:
    def __init__(self, body: Body, post_id: str, resolve_image: ImageResolver) -> None:
        self.body, self.post_id, self.resolve_image = body, post_id, resolve_image
        self.loose: list[str] = []

    def add(self, block_type: str, value) -> None:
        index = len(self.body.blocks)
        block_id = str(uuid.uuid5(BLOCK_ID_NAMESPACE, f"wordpress/{self.post_id}/{index}"))
        self.body.blocks.append({"type": block_type, "value": value, "id": block_id})

    def walk(self, parent: Tag) -> None:
        for node in list(parent.children):
            if isinstance(node, NavigableString):
                if node.strip() and type(node) is NavigableString:
                    self.loose.append(html.escape(str(node)))
                continue
            if node.name in ("b", "strong", "i", "em", "a", "span", "br", "mark", "sup", "sub"):
                self.loose.append(str(node))
                continue
            self.flush()
            self.element(node)
        self.flush()

    def flush(self) -> None:
        if self.loose:
            fragment = BeautifulSoup("<p>" + "".join(self.loose) + "</p>", "html.parser")
            self.loose = []
            self.paragraph(fragment.p)

    def element(self, node: Tag) -> None:
        name = node.name
        if name == "p":
            self.paragraph(node)
        elif name and re.fullmatch(r"h[1-6]", name):
            text = " ".join(node.get_text(" ").split())
            if text:
                self.add("subheading", text[:MAX_SUBHEADING])
        elif name == "figure":
            self.figure(node)
        elif name == "img":
            self.image(node, "")
        elif name == "blockquote":
            self.quote(node)
        elif name in ("ul", "ol"):
            self.rich(str(node))
        elif name in ("script", "style", "noscript", "hr", "template"):
            return
        elif name == "iframe":
            self.body.notes.append(f"an embedded frame ({node.get('src', '')}) was left out")
        elif name == "table":
            self.body.notes.append("a table was kept as plain text")
            self.rich(f"<p>{html.escape(node.get_text(' ', strip=True))}</p>")
        else:
            self.walk(node)

    def paragraph(self, node: Tag) -> None:
        for dropped in node.find_all("span", attrs={"data-dropped": True}):
            self.body.notes.append(f"a [{dropped['data-dropped']}] shortcode was left out")
            dropped.decompose()
        images = node.find_all("img")
        if images and not node.get_text(strip=True):
            for image in images:
                self.image(image, "")
            return
        for image in images:
            self.image(image, "")
            image.decompose()
        for embed in node.find_all("figure"):
            embed.extract()
            self.figure(embed)
        mark = node.find("mark", attrs={"data-feedback": True})
        if mark is not None:
            self.prompt(node, mark)
            return
        text = node.get_text(strip=True)
        if BARE_URL.match(text) and len(node.find_all("a")) <= 1:
            self.add("embed", {"url": text, "caption": ""})
            return
        self.rich(str(node))

    def rich(self, fragment: str) -> None:
        cleaned = rich_text(fragment)
        if plain_words(cleaned):
            self.add("paragraph", cleaned)

    def prompt(self, node: Tag, mark: Tag) -> None:
        feedback_id, question = mark["data-feedback"], mark.get("data-question", "")
        passage = " ".join(mark.get_text(" ").split())
        for other in node.find_all("mark"):
            other.unwrap()
        text = rich_text(str(node))
        if not passage or not question or passage not in plain_words(text):
            self.body.notes.append(f"inline feedback {feedback_id} kept as an ordinary paragraph")
            self.rich(text)
            return
        index = len(self.body.blocks)
        self.add(
            "inline_prompt", {"text": text, "passage": passage[:500], "question": question[:200]}
        )
        block_id = self.body.blocks[index]["id"]
        self.body.prompts.append(Prompt(feedback_id, question, block_id))

    def figure(self, node: Tag) -> None:
        classes = node.get("class") or []
        url = node.get("data-url")
        if url or "wp-block-embed" in classes:
            caption = node.find("figcaption")
            caption_text = caption.get_text(" ", strip=True) if caption else ""
            if caption:
                caption.extract()
            url = url or node.get_text(" ", strip=True)
            if BARE_URL.match(url or ""):
                self.add("embed", {"url": url.strip(), "caption": caption_text[:250]})
            return
        image = node.find("img")
        caption = node.find("figcaption")
        caption_text = caption.get_text(" ", strip=True) if caption else ""
        if image is not None:
            self.image(image, caption_text)
        elif node.find("blockquote"):
            self.quote(node.find("blockquote"))
        elif caption_text:
            self.rich(f"<p>{html.escape(caption_text)}</p>")

    def image(self, node: Tag, caption: str) -> None:
        match = WP_IMAGE_CLASS.search(" ".join(node.get("class") or []))
        source = node.get("src", "")
        pk = self.resolve_image(match[1] if match else None, source)
        if pk is None:
            self.body.notes.append(f"the picture {source or '(no address)'} is not available")
            return
        caption_text, credit = split_credit(caption)
        self.add("image", {"image": pk, "caption": caption_text[:250], "credit": credit[:250]})

    def quote(self, node: Tag) -> None:
        cite = node.find("cite")
        attribution = cite.get_text(" ", strip=True) if cite else ""
        if cite:
            cite.extract()
        paragraphs = [p.get_text(" ", strip=True) for p in node.find_all("p")] or [
            node.get_text(" ", strip=True)
        ]
        quote = "\n".join(p for p in paragraphs if p)
        if quote:
            self.add("pull_quote", {"quote": quote, "attribution": attribution[:250]})


def rich_text(fragment: str) -> str:
    """HTML reduced to what a paragraph block allows: bold, italic, links, lists, breaks."""
    for old, new in RENAMED.items():
        fragment = re.sub(rf"<(/?){old}\b", rf"<\1{new}", fragment, flags=re.IGNORECASE)
    cleaned = nh3.clean(
        fragment,
        tags=RICH_TEXT_TAGS,
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
        strip_comments=True,
    ).strip()
    if cleaned and not cleaned.startswith(("<p", "<ul", "<ol")):
        cleaned = f"<p>{cleaned}</p>"
    return cleaned
