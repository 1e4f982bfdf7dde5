"""The *Source* feature of the rich-text editor: a Draftail entity ``SOURCE`` holding
``{"kind": ..., "name": ...}``, stored as the span described in this package's docstring."""

from __future__ import annotations

from draftjs_exporter.dom import DOM
from wagtail.admin.rich_text.converters.html_to_contentstate import InlineEntityElementHandler
from wagtail.admin.rich_text.editors.draftail import features as draftail_features

from byline.newsroom.sourcing.kinds import SOURCE_KINDS, clean_name, kind_named
from byline.newsroom.sourcing.marks import KIND_ATTRIBUTE, NAME_ATTRIBUTE, storage_attributes

FEATURE_NAME = "source"
ENTITY_TYPE = "SOURCE"


class SourceElementHandler(InlineEntityElementHandler):
    """Read a stored mark into the editor; an unknown kind reads as an empty one, which the
    editor shows as unmarked-to-be and saving drops."""

    mutability = "MUTABLE"

    def get_attribute_data(self, attrs):
        kind = kind_named(attrs.get(KIND_ATTRIBUTE))
        return {
            "kind": kind.value if kind else "",
            "name": clean_name(attrs.get(NAME_ATTRIBUTE)),
        }


def source_entity_to_html(props):
    """Write a mark from the editor: the span, or the bare words if its kind is unknown."""
    attributes = storage_attributes(props.get("kind"), props.get("name"))
    if attributes is None:
        return props["children"]
    return DOM.create_element("span", attributes, props["children"])


def register(features) -> None:
    """Register the feature with Wagtail's rich-text feature registry."""
    features.register_editor_plugin(
        "draftail",
        FEATURE_NAME,
        draftail_features.EntityFeature(
            {
                "type": ENTITY_TYPE,
                "icon": "info-circle",
                "label": "Source",
                "description": "Mark how this claim is sourced",
                "kinds": [[kind.value, kind.label] for kind in SOURCE_KINDS],
            },
            js=["newsroom/sourcing/editor.js"],
            css={"all": ["newsroom/sourcing/editor.css"]},
        ),
    )
    features.register_converter_rule(
        "contentstate",
        FEATURE_NAME,
        {
            "from_database_format": {f"span[{KIND_ATTRIBUTE}]": SourceElementHandler(ENTITY_TYPE)},
            "to_database_format": {"entity_decorators": {ENTITY_TYPE: source_entity_to_html}},
        },
    )
