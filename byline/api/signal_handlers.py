"""A new password ends every embed token: whoever could use the account's old password may have
given a site a token, and the reader changing it expects every such door shut."""

from __future__ import annotations

from typing import TYPE_CHECKING

from allauth.account.signals import password_changed, password_reset, password_set
from django.dispatch import receiver

from byline.api.embed_tokens import revoke_embed_tokens

if TYPE_CHECKING:
    from byline.accounts.models import User


@receiver(password_changed, dispatch_uid="api-revoke-embed-tokens-changed")
@receiver(password_reset, dispatch_uid="api-revoke-embed-tokens-reset")
@receiver(password_set, dispatch_uid="api-revoke-embed-tokens-set")
def revoke_on_new_password(sender: object, user: User, **kwargs: object) -> None:
    revoke_embed_tokens(user)
