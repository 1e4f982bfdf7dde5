"""Sign-up and sign-in forms for readers, and the admins' sign-in forms, throttled alike."""

from __future__ import annotations

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.core.exceptions import NON_FIELD_ERRORS
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm

from byline.accounts.models import User
from byline.accounts.throttling import TOO_MANY_SIGN_INS, sign_in_allowed


class SignUpForm(UserCreationForm):
    email = forms.EmailField(
        help_text="For replies to your comments; never shown. We send a link to confirm it."
    )

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "display_name", "email")

    def clean_email(self) -> str:
        # Never "this address has an account": sign-up answers the same either way, and an
        # address proves nothing until its owner follows the link we send to it.
        return self.cleaned_data["email"].strip().lower()


class ThrottledSignIn(AuthenticationForm):
    """Refuses, with a clear message, attempts past the sign-in limits, before the password
    is checked."""

    def clean(self):
        if not sign_in_allowed(self.request, self.data.get("username", "")):
            raise forms.ValidationError(TOO_MANY_SIGN_INS, code="throttled")
        return super().clean()

    @property
    def throttled(self) -> bool:
        return self.has_error(NON_FIELD_ERRORS, "throttled")


class SignInForm(ThrottledSignIn):
    """/accounts/sign-in/."""


class AdminSignInForm(ThrottledSignIn, WagtailLoginForm):
    """Wagtail's /admin/login/ (WAGTAILADMIN_USER_LOGIN_FORM)."""


class DjangoAdminSignInForm(ThrottledSignIn, AdminAuthenticationForm):
    """Django's own admin, /django-admin/login/."""
