"""``{{ value|source_marks }}``: rich text with its source marks rebuilt for readers."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from byline.newsroom.sourcing.marks import render_source_marks

register = template.Library()


@register.filter
def source_marks(rich_text) -> SafeString:
    return render_source_marks(str(rich_text))
