"""A new password ends every embed token: whoever could use the account's old password may have
given a site a token, and the reader changing it expects every such door shut."""

from __future__ import annotations

from allauth.account.signals import password_changed, password_reset, password_set
from django.dispatch import receiver

from byline.api.embed_tokens import revoke_embed_tokens


@receiver(password_changed, dispatch_uid="api-revoke-embed-tokens-changed")
@receiver(password_reset, dispatch_uid="api-revoke-embed-tokens-reset")
@receiver(password_set, dispatch_uid="api-revoke-embed-tokens-set")
def revoke_on_new_password(sender, user, **kwargs) -> None:
    revoke_embed_tokens(user)
