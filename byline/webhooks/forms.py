"""The endpoint form of the admin: a name, an address the worker may post to, events, on/off."""

from __future__ import annotations

from django import forms

from byline.webhooks import addresses
from byline.webhooks.events import Event
from byline.webhooks.models import Endpoint


class EndpointForm(forms.ModelForm):
    url = forms.CharField(
        label="URL",
        max_length=500,
        help_text="Where the events are posted, e.g. https://hooks.example.org/byline. "
        "Redirects are not followed.",
    )
    events = forms.MultipleChoiceField(
        choices=Event.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Only these events are posted to this endpoint.",
    )

    class Meta:
        model = Endpoint
        fields = ["name", "url", "events", "enabled"]

    def clean_url(self) -> str:
        url = self.cleaned_data["url"].strip()
        try:
            addresses.check(url)
        except addresses.Refused as error:
            raise forms.ValidationError(str(error)) from error
        return url

    def clean_events(self) -> list[str]:
        chosen = set(self.cleaned_data["events"])
        return [event for event in Event.values if event in chosen]
