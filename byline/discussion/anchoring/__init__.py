"""Inline feedback: where a passage comment sits in an article, and where it goes after an edit."""

from byline.discussion.anchoring.selectors import (
    CONTEXT_LENGTH,
    MAX_EXACT_LENGTH,
    Placement,
    Selector,
    SelectorError,
    State,
    describe,
    edit_distance,
    fold,
    normalise,
    reanchor,
    validate,
)

__all__ = [
    "CONTEXT_LENGTH",
    "MAX_EXACT_LENGTH",
    "Placement",
    "Selector",
    "SelectorError",
    "State",
    "describe",
    "edit_distance",
    "fold",
    "normalise",
    "reanchor",
    "validate",
]
