"""The account area's forms: notification preferences."""

from __future__ import annotations

from django import forms

from byline.discussion.models import Subscription


class PreferencesForm(forms.Form):
    mentions = forms.BooleanField(
        label="Email me when someone @mentions me",
        required=False,
        help_text="In a discussion you took part in.",
    )
    default_frequency = forms.ChoiceField(
        label="When I follow something, notify me",
        choices=Subscription.Frequency.choices,
        help_text="What the \u201cNotify of\u201d control under an article offers first.",
    )

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
