"""What Byline adds to allauth's sign-up form, and the admins' sign-in forms, throttled like
the readers' (``byline.accounts.throttling``).

allauth imports this module while it builds its own forms (ACCOUNT_SIGNUP_FORM_CLASS), so it
imports none of them: the readers' sign-in form is in ``sign_in.py``."""

from __future__ import annotations

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import NON_FIELD_ERRORS
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm

from byline.accounts import pictures
from byline.accounts.models import User
from byline.accounts.names import clean_name
from byline.accounts.profiles import BIO_MAX_LENGTH, ProfileChange, clean_bio, validate_bio
from byline.accounts.throttling import TOO_MANY_SIGN_INS, sign_in_allowed


def display_name_field() -> forms.CharField:
    """The name a reader shows beside their comments, as sign-up and the profile page ask it."""
    return forms.CharField(
        max_length=User._meta.get_field("display_name").max_length,
        required=False,
        label="Display name",
        help_text="Shown beside your comments; your username if you leave it empty.",
    )


class SignUpDetails(forms.Form):
    """The name a new reader shows beside their comments (ACCOUNT_SIGNUP_FORM_CLASS)."""

    display_name = display_name_field()

    def signup(self, request, user: User) -> None:
        user.display_name = self.cleaned_data["display_name"]
        user.save(update_fields=["display_name"])


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


class AdminSignInForm(ThrottledSignIn, WagtailLoginForm):
    """Wagtail's /admin/login/ (WAGTAILADMIN_USER_LOGIN_FORM)."""


class DjangoAdminSignInForm(ThrottledSignIn, AdminAuthenticationForm):
    """Django's own admin, /django-admin/login/."""


class ProfileForm(forms.Form):
    """The reader's name, bio and picture (``byline.accounts.profiles.update_profile``)."""

    display_name = display_name_field()
    bio = forms.CharField(
        max_length=BIO_MAX_LENGTH,
        required=False,
        label="About you",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=f"One short paragraph of plain text (at most {BIO_MAX_LENGTH} characters), "
        "shown on your public page.",
    )
    picture = forms.FileField(
        required=False,
        label="New picture",
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/gif,image/webp"}),
        help_text="A JPEG, PNG, GIF or WebP image; it is cropped to a square. Without one, "
        "your initials are shown.",
    )
    remove_picture = forms.BooleanField(required=False, label="Remove my picture")

    def clean_display_name(self) -> str:
        return clean_name(self.cleaned_data["display_name"])

    def clean_bio(self) -> str:
        bio = clean_bio(self.cleaned_data["bio"])
        validate_bio(bio)
        return bio

    def clean_picture(self) -> pictures.Picture | None:
        upload = self.cleaned_data.get("picture")
        if not upload:
            return None
        try:
            return pictures.read_picture(upload)
        except pictures.UnusablePicture as problem:
            raise forms.ValidationError(str(problem), code="picture") from problem

    def change(self) -> ProfileChange:
        data = self.cleaned_data
        return ProfileChange(
            display_name=data["display_name"],
            bio=data["bio"],
            picture=data["picture"],
            remove_picture=data["remove_picture"],
        )
