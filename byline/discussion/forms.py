"""The comment form: what a guest or a signed-in reader submits, checked field by field."""

from __future__ import annotations

from django import forms

from byline.discussion import markup
from byline.discussion.identity import Reader


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
