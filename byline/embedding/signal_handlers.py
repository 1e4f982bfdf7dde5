"""Reactions to events: an allowed origin saved or deleted clears the cached list once the
change commits; django-cors-headers asks, per request, whether CORS applies to it."""

from __future__ import annotations

import re

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest

from byline.embedding import origins
from byline.embedding.models import AllowedOrigin


def origin_changed(sender: object, **kwargs: object) -> None:
    # After commit: cleared earlier, a request in between could cache the old list again.
    transaction.on_commit(origins.forget)


def cors_allowed(sender: object, request: HttpRequest, **kwargs: object) -> bool:
    """CORS for the API only, and only for an enabled allowed origin.

    django-cors-headers applies CORS to a request when its path matches ``CORS_URLS_REGEX``
    *or* any receiver says yes, so this receiver checks the path too: a yes for another path
    would open it to every allowed site.
    """
    if not re.match(settings.CORS_URLS_REGEX, request.path_info):
        return False
    origin = request.headers.get("Origin", "")
    return bool(origin) and origins.is_allowed(origin)


def register() -> None:
    from corsheaders.signals import check_request_enabled

    post_save.connect(origin_changed, sender=AllowedOrigin, dispatch_uid="byline-origin-saved")
    post_delete.connect(origin_changed, sender=AllowedOrigin, dispatch_uid="byline-origin-deleted")
    check_request_enabled.connect(cors_allowed, dispatch_uid="byline-cors-allowed")
