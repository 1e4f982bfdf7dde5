"""Where a ``next`` parameter may send a reader: a path on this site, or the view's own default.

Every view that honours ``next=`` reads it here. Anything else (another site, ``//host``, a
value that is not a path, such as ``welcome``, which ``redirect()`` would try to reverse as a
view name and fail with NoReverseMatch) gives the default.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme


def next_url(request: HttpRequest, default: str = "/") -> str:
    """The request's ``next`` (from the form, else the query string) if it is safe, else ``default``."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    is_path = target.startswith("/")
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if is_path and allowed else default


def redirect_to_next(request: HttpRequest, default: str = "/") -> HttpResponseRedirect:
    """A redirect to ``next_url``: to a URL as it is, never through reverse()."""
    return HttpResponseRedirect(next_url(request, default))
