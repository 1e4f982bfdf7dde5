"""API tokens in the Wagtail admin (Settings > API tokens): Wagtail's own screens
(``wagtail.users.views.api_tokens``: the key shown once, rename, revoke, history) with Byline's
grant added: the token's scopes and expiry are chosen when it is issued, and the list shows them.

Who may use it is Wagtail's rule, kept as it is: superusers, and staff whose group has the
"API token" permissions (add to issue, delete to revoke), for their own account; issuing for
another account (an integration's) also takes the permission to change users, since a token
acts as its account. Wagtail registers its own screen only with ``wagtail.api.v3`` installed,
which Byline does not install; this one takes its name, so Wagtail's templates find it.
"""

from __future__ import annotations

from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.admin.ui.tables import Column
from wagtail.users.views import api_tokens

from byline.api import tokens
from byline.api.callers import MODERATE
from byline.api.models import Scope


class TokenForm(api_tokens.APITokenForm):
    scopes = forms.MultipleChoiceField(
        label="Scopes",
        choices=Scope.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=(
            "What the token may do as its account. Without 'comment' it reads as an anonymous"
            " reader (not the account's held comments or votes); with none, it only reads."
        ),
    )
    expires_at = forms.DateTimeField(
        label="Expires",
        required=False,
        # The browser's own picker: Wagtail's needs an inline script, which the CSP forbids.
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text="Leave empty for a token that works until it is revoked.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].label = "Account"
        self.fields["user"].help_text = "The token acts as this account, within its scopes."

    def clean_expires_at(self):
        expires_at = self.cleaned_data.get("expires_at")
        if expires_at is not None and expires_at <= timezone.now():
            raise forms.ValidationError("Choose a moment in the future, or leave it empty.")
        return expires_at

    def clean(self):
        data = super().clean()
        owner = data.get("user")
        if Scope.MODERATE in data.get("scopes", []) and owner and not owner.has_perm(MODERATE):
            self.add_error(
                "scopes", f"{owner} may not moderate comments, so no token of theirs may."
            )
        return data


class TokenCreateView(api_tokens.CreateView):
    def form_valid(self, form):
        # Wagtail's view issues the token, logs it and shows its key once; the grant is written
        # in the same transaction, so no token exists without its scopes.
        with transaction.atomic():
            response = super().form_valid(form)
            tokens.grant(
                token=self.object,
                scopes=form.cleaned_data["scopes"],
                expires_at=form.cleaned_data["expires_at"],
            )
        return response


def _scopes(token) -> str:
    grant = getattr(token, "byline_grant", None)
    if grant is None or not grant.scopes:
        return "Read only"
    return ", ".join(grant.scopes)


def _expiry(token):
    grant = getattr(token, "byline_grant", None)
    return grant.expires_at if grant is not None else None


class TokenIndexView(api_tokens.IndexView):
    @cached_property
    def columns(self):
        token, name, user, *rest = super().columns
        user.label = "Account"
        return [
            token, name, user,
            Column("scopes", label="Scopes", accessor=_scopes),
            Column("expires_at", label="Expires", accessor=_expiry),
            *rest,
        ]  # fmt: skip

    def get_queryset(self):
        return super().get_queryset().select_related("byline_grant")


class TokenViewSet(api_tokens.APITokenViewSet):
    index_view_class = TokenIndexView
    add_view_class = TokenCreateView

    def get_form_class(self, for_update=False):
        if for_update:
            return super().get_form_class(for_update=True)
        return TokenForm
