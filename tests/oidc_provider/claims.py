"""What the loopback provider says about its users: name, address, and whether it verified
the address (per user, from OIDC_PROVIDER_USERS, so a journey can meet an unverified one)."""

from __future__ import annotations

import json
import os

from oauth2_provider.oauth2_validators import OAuth2Validator


def users() -> list[dict]:
    return json.loads(os.environ.get("OIDC_PROVIDER_USERS", "[]"))


class ClaimsValidator(OAuth2Validator):
    oidc_claim_scope = {
        **OAuth2Validator.oidc_claim_scope,
        "email": "email",
        "email_verified": "email",
        "name": "profile",
        "preferred_username": "profile",
    }

    def get_additional_claims(self, request) -> dict:
        user = request.user
        known = next((u for u in users() if u["username"] == user.username), {})
        return {
            "name": known.get("name", user.username),
            "preferred_username": user.username,
            "email": user.email,
            "email_verified": bool(known.get("email_verified", False)),
        }
