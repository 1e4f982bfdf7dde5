"""The forms of readers' data: a guest's request by address, and the choices of an erasure."""

from __future__ import annotations

from django import forms

from byline.discussion.privacy import erasure, links

COMMENT_CHOICES = [
    (erasure.REMOVE, "Remove my comments. Those with replies keep their place in the "
     "conversation, with “Removed at the author’s request.” instead of what I wrote."),
    (erasure.KEEP, "Keep my comments, anonymised: what I wrote stays, signed “A former "
     "reader”, with no name, address or account."),
]  # fmt: skip


class GuestRequestForm(forms.Form):
    email = forms.EmailField(
        label="Your email address",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": "Enter your email address.",
            "invalid": "Enter a valid email address.",
        },
    )
    action = forms.ChoiceField(
        label="What would you like to do?",
        choices=[(links.EXPORT, "Download my data"), (links.ERASE, "Erase my data")],
        widget=forms.RadioSelect,
        initial=links.EXPORT,
        error_messages={
            "required": "Choose what you would like to do.",
            "invalid_choice": "Choose what you would like to do.",
        },
    )


class EraseForm(forms.Form):
    comments = forms.ChoiceField(
        label="Your comments",
        choices=COMMENT_CHOICES,
        widget=forms.RadioSelect,
        initial=erasure.REMOVE,
        error_messages={
            "required": "Choose what happens to your comments.",
            "invalid_choice": "Choose what happens to your comments.",
        },
    )
    understood = forms.BooleanField(
        label="I understand that this cannot be undone.",
        error_messages={"required": "Tick the box to confirm that you understand."},
    )


class EraseAccountForm(EraseForm):
    """An erasure of an account, confirmed with its password."""

    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Enter your password to confirm."},
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That is not your password.")
        return password
