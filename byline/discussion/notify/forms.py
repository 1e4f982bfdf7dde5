"""The "Notify of" form: what a reader asks to follow, and how often."""

from __future__ import annotations

from django import forms

from byline.discussion.identity import Reader
from byline.discussion.models import Comment, Subscription
from byline.discussion.notify import subscriptions

# What the "Notify of" control under an article offers (follows have their own form).
THREAD_KINDS = [
    (value, label)
    for value, label in Subscription.Kind.choices
    if value in ("article", "replies", "comment")
]


class NotifyForm(forms.Form):
    """The "Notify of" control under an article: an address (unless signed in), what to
    follow, and how often."""

    email = forms.EmailField(
        label="Email",
        max_length=254,
        help_text="We send a link to confirm first, and nothing else until you do.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    kind = forms.ChoiceField(
        label="Notify of", choices=THREAD_KINDS, initial=Subscription.Kind.ARTICLE
    )
    comment = forms.IntegerField(
        required=False, min_value=1, max_value=2**63 - 1, widget=forms.HiddenInput
    )
    frequency = forms.ChoiceField(
        label="How often",
        choices=Subscription.Frequency.choices,
        initial=Subscription.Frequency.IMMEDIATE,
    )

    def __init__(self, *args, reader: Reader, follow: Comment | None = None, **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")
        kwargs.setdefault("auto_id", "notify_%s")
        if follow is not None:
            kwargs["initial"] = {
                **kwargs.get("initial", {}),
                "kind": Subscription.Kind.COMMENT,
                "comment": follow.pk,
            }
        super().__init__(*args, **kwargs)
        self.reader = reader
        self.follow = follow
        if follow is not None:
            self.fields["kind"].choices = [
                (
                    value,
                    f"New replies to {follow.author_name}’s comment"
                    if value == "comment"
                    else label,
                )
                for value, label in THREAD_KINDS
            ]
        if reader.is_authenticated:
            del self.fields["email"]
            if not self.is_bound:
                # What the reader chose in their notification preferences.
                self.fields["frequency"].initial = subscriptions.default_frequency_for(reader.user)

    def clean(self):
        data = super().clean()
        if data.get("kind") == Subscription.Kind.COMMENT and not data.get("comment"):
            self.add_error(
                "kind", "To follow one comment, use “Follow” under it, then subscribe here."
            )
        return data


class FollowForm(forms.Form):
    """Follow a story, a topic or a person: an address (unless signed in) and how often."""

    email = forms.EmailField(
        label="Email",
        max_length=254,
        help_text="We send a link to confirm first, and nothing else until you do.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    frequency = forms.ChoiceField(
        label="How often",
        choices=Subscription.Frequency.choices,
        initial=Subscription.Frequency.IMMEDIATE,
    )

    def __init__(self, *args, reader: Reader, prefix_id: str = "follow", **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")
        # Several follow forms may share a page (the story box and a topic's): ids stay apart.
        kwargs.setdefault("auto_id", f"{prefix_id}_%s")
        super().__init__(*args, **kwargs)
        self.reader = reader
        if reader.is_authenticated:
            del self.fields["email"]
            if not self.is_bound:
                self.fields["frequency"].initial = subscriptions.default_frequency_for(reader.user)
