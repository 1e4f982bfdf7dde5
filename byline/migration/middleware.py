"""Old WordPress addresses that name a post by query (``/?p=123``, ``/?page_id=4``,
``/?attachment_id=9``) land on the home page, which exists, so Wagtail's redirect middleware
(which acts on 404s) never sees them. This looks such addresses up in the same redirects table
first; every other request passes straight through."""

from __future__ import annotations

from django.http import HttpResponsePermanentRedirect, HttpResponseRedirect
from wagtail.contrib.redirects.models import Redirect

OLD_QUERY_KEYS = frozenset({"p", "page_id", "attachment_id", "cat", "tag"})


class OldQueryAddressMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/" and request.GET and OLD_QUERY_KEYS & request.GET.keys():
            path = Redirect.normalise_path(request.get_full_path())
            redirect = (
                Redirect.objects.filter(old_path=path).select_related("redirect_page").first()
            )
            if redirect is not None and redirect.link:
                response_class = (
                    HttpResponsePermanentRedirect if redirect.is_permanent else HttpResponseRedirect
                )
                return response_class(redirect.link)
        return self.get_response(request)
