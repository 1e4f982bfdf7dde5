"""Sign-up for readers: a username, an email address, an optional display name, a password."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import UserCreationForm

from byline.accounts.models import User


class SignUpForm(UserCreationForm):
    email = forms.EmailField(help_text="For replies to your comments; never shown.")

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "display_name", "email")

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].lower()
        # The same answer whether or not the address is taken would let people sign up twice;
        # a clear message is kinder here, as the username is public anyway.
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError("An account already uses this address. Sign in instead.")
        return email
