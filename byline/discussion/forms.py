"""The comment form: what a guest or a signed-in reader submits, checked field by field."""

from __future__ import annotations

from django import forms

from byline.discussion import markup
from byline.discussion.identity import Reader
from byline.discussion.models import Comment, Subscription

# What the comment form offers under "Notify of": following one's own comments or the article.
COMMENT_FORM_NOTIFY_CHOICES = [
    ("", "Nothing"),
    (Subscription.Kind.REPLIES, "New replies to my comments"),
    (Subscription.Kind.ARTICLE, "New follow-up comments"),
]


class CommentForm(forms.Form):
    body = forms.CharField(
        label="Comment",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="You can use *emphasis*, **bold**, [links](https://…), > quotes, `code` and lists.",
        # The service enforces the configured limit with a clear message; this stops huge posts early.
        max_length=100_000,
    )
    name = forms.CharField(
        label="Name", max_length=80, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label="Email",
        max_length=254,
        help_text="Never shown. Only used to tell you about replies.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    parent = forms.IntegerField(
        required=False, min_value=1, max_value=2**63 - 1, widget=forms.HiddenInput
    )
    notify = forms.ChoiceField(
        label="Notify of", choices=COMMENT_FORM_NOTIFY_CHOICES, required=False, initial=""
    )

    def __init__(self, *args, reader: Reader, **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.reader = reader
        if reader.is_authenticated:
            del self.fields["name"]
            del self.fields["email"]

    def clean_name(self) -> str:
        name = markup.clean_text(self.cleaned_data["name"])
        if not name:
            raise forms.ValidationError("Tell us the name to show beside your comment.")
        return name


class EditCommentForm(forms.Form):
    body = CommentForm.base_fields["body"]

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


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
        label="Notify of", choices=Subscription.Kind.choices, initial=Subscription.Kind.ARTICLE
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
                for value, label in Subscription.Kind.choices
            ]
        if reader.is_authenticated:
            del self.fields["email"]

    def clean(self):
        data = super().clean()
        if data.get("kind") == Subscription.Kind.COMMENT and not data.get("comment"):
            self.add_error(
                "kind", "To follow one comment, use “Follow” under it, then subscribe here."
            )
        return data
