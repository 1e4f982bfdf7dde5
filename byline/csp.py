"""The Content Security Policy of the Wagtail admin, which cannot yet be as strict as the site's.

Every page gets ``SECURE_CSP`` (no inline script). Wagtail 8's editing screens still run inline
scripts (date pickers, inline panels) and inject style elements, so the rest of ``/admin/``
gets ``BYLINE_ADMIN_CSP``, which allows inline script and style there and nowhere else. The
moderation queue, the admin screen that shows what readers wrote, keeps the strict policy.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse


class AdminContentSecurityPolicyMiddleware:
    """Pick the admin's policy for admin paths; list it after Django's CSP middleware."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if uses_admin_policy(request.path_info) and not hasattr(response, "_csp_config"):
            response._csp_config = settings.BYLINE_ADMIN_CSP
        return response


def uses_admin_policy(path: str) -> bool:
    if not path.startswith(settings.BYLINE_ADMIN_CSP_PREFIX):
        return False
    return not any(path.startswith(strict) for strict in settings.BYLINE_ADMIN_CSP_STRICT_PATHS)
