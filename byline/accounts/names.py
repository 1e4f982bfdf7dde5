"""Names people show to others (account display names, guests' names): one line of visible text.

A name ends up in pages, in the moderation queue and in e-mail headers ("Maya replied to your
comment"), so it keeps no line break, control character or invisible formatting (right-to-left
overrides, zero-width characters), which would break a header or disguise the name. Every such
field is a ``NameField``, so a name is cleaned once, when its row is written, by whatever writes it.
"""

from __future__ import annotations

import unicodedata

from django.db import models

# Control, format (zero-width, direction), surrogate, private-use and unassigned characters.
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})


def clean_name(value: str) -> str:
    """The name as one line of visible text: NFC, every run of whitespace (newlines included) one
    space, hidden characters dropped, no space at either end."""
    text = unicodedata.normalize("NFC", str(value or ""))
    kept = "".join(
        " " if char.isspace() else char
        for char in text
        if char.isspace() or unicodedata.category(char) not in _HIDDEN_CATEGORIES
    )
    return " ".join(kept.split())


class NameField(models.CharField):
    """A CharField holding a name shown to others, cleaned by ``clean_name`` whenever it is saved."""

    def pre_save(self, model_instance: models.Model, add: bool) -> str:
        value = clean_name(getattr(model_instance, self.attname))[: self.max_length].strip()
        setattr(model_instance, self.attname, value)
        return value
