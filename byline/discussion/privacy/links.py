"""The signed links of readers' data: downloading an archive, and a guest's proven address.

Signed with SECRET_KEY and a salt per purpose, with the time they were made, so a link made for
one purpose never works for another and each stops working after its time.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core import signing

from byline.discussion.row_ids import row_id

DOWNLOAD_SALT = "byline.discussion.privacy.download"
GUEST_SALT = "byline.discussion.privacy.guest"

# What a guest's link lets them do with their address.
EXPORT, ERASE = "export", "erase"
ACTIONS = (EXPORT, ERASE)


class InvalidLink(Exception):
    """A link that was tampered with, has expired or was never issued."""


NOT_VALID = "This link is not valid. Check that it was copied whole from the email."


def download_token(export_id: int) -> str:
    return signing.TimestampSigner(salt=DOWNLOAD_SALT).sign(str(export_id))


def read_download_token(token: str) -> int:
    """The export a download link names, within ``PRIVACY_EXPORT_DAYS`` of being made."""
    max_age = dt.timedelta(days=settings.PRIVACY_EXPORT_DAYS)
    try:
        value = signing.TimestampSigner(salt=DOWNLOAD_SALT).unsign(token, max_age=max_age)
    except signing.SignatureExpired:
        raise InvalidLink(
            "This download link has expired, and the archive was deleted. Ask for a new one."
        ) from None
    except (signing.BadSignature, ValueError):
        raise InvalidLink(NOT_VALID) from None
    export_id = row_id(value)
    if export_id is None:
        raise InvalidLink(NOT_VALID)
    return export_id


def guest_token(address: str, action: str) -> str:
    return signing.TimestampSigner(salt=GUEST_SALT).sign_object({"a": address, "do": action})


def read_guest_token(token: str) -> tuple[str, str]:
    """The address a guest proved (by opening the link sent to it) and what they asked."""
    max_age = dt.timedelta(hours=settings.PRIVACY_GUEST_LINK_HOURS)
    try:
        value = signing.TimestampSigner(salt=GUEST_SALT).unsign_object(token, max_age=max_age)
    except signing.SignatureExpired:
        raise InvalidLink("This link has expired. Ask for a new one.") from None
    except (signing.BadSignature, ValueError, TypeError):
        raise InvalidLink(NOT_VALID) from None
    if not isinstance(value, dict):
        raise InvalidLink(NOT_VALID)
    address, action = value.get("a"), value.get("do")
    if not isinstance(address, str) or not address or action not in ACTIONS:
        raise InvalidLink(NOT_VALID)
    return address, action
