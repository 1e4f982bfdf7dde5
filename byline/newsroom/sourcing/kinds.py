"""The kinds of source a claim may rest on, and how readers' summary names them."""

from __future__ import annotations

from dataclasses import dataclass

MAX_NAME_LENGTH = 200


@dataclass(frozen=True)
class SourceKind:
    value: str  # stored in data-source-kind
    label: str  # the editor's choice
    singular: str  # the summary's words: "1 anonymous source"
    plural: str  # "4 anonymous sources"


# In the order the editor's menu offers them.
SOURCE_KINDS: tuple[SourceKind, ...] = (
    SourceKind("on_record", "On the record", "on the record", "on the record"),
    SourceKind("outlet", "Named outlet", "other outlet", "other outlets"),
    SourceKind("anonymous", "Anonymous source", "anonymous source", "anonymous sources"),
    SourceKind("document", "Document", "document", "documents"),
    SourceKind("social", "Social media post", "social media post", "social media posts"),
    SourceKind("own", "Our own reporting", "from our own reporting", "from our own reporting"),
)
KINDS_BY_VALUE = {kind.value: kind for kind in SOURCE_KINDS}


def kind_named(value: object) -> SourceKind | None:
    """The kind stored as ``value``, or None for anything that is not one of ``SOURCE_KINDS``."""
    return KINDS_BY_VALUE.get(value) if isinstance(value, str) else None


def clean_name(name: object) -> str:
    """An outlet's or person's name as stored: text, whitespace collapsed, cut to the limit."""
    if not isinstance(name, str):
        return ""
    return " ".join(name.split())[:MAX_NAME_LENGTH]
