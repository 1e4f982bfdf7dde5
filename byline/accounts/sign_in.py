"""The readers' sign-in form: allauth's, its fields named as readers say them (ACCOUNT_FORMS)."""

from __future__ import annotations

from allauth.account.forms import LoginForm


class SignInForm(LoginForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["login"].label = "Username or email address"
        self.fields["remember"].label = "Stay signed in on this device"
