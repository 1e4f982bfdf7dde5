"""``DELETE /me/token``: a token revokes itself, as the embed does when its reader signs out.

Only the token the call is made with, so a leaked key can end its own use but reach no other.
Readers revoke the tokens they gave other sites on "Sites you comment on" in the account area
(``byline.api.embed_sites``); editors revoke integration tokens in the admin (Settings > API
tokens), which readers without admin access cannot reach.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Status

from byline.api.callers import caller_of
from byline.api.errors import ERRORS, ApiError

router = Router(tags=["me"])


@router.delete(
    "/me/token",
    response={204: None, **ERRORS},
    summary="Revoke the API token this call is made with",
)
def revoke_token(request: HttpRequest) -> Status:
    caller = caller_of(request)
    if caller.token is None:
        raise ApiError(
            401, "unauthenticated", "Send the token to revoke as 'Authorization: Bearer <token>'."
        )
    caller.token.revoke()
    return Status(204, None)
