"""Requests whose query string or form cannot be read as text get a clear 400, before any view.

One place for what no view should have to check: a NUL byte in a query value (PostgreSQL refuses
it in any text it compares or stores, so every view reading ``?after=`` or ``?prompt=`` would
fail with a 500 there) and a form body that is not UTF-8 text.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.template.loader import render_to_string

NUL = "\x00"
FORM_TYPES = ("application/x-www-form-urlencoded",)
NUL_MESSAGE = "The address or the form holds a character that is not text (a NUL byte)."
ENCODING_MESSAGE = "The form was not sent as UTF-8 text, so we could not read it."


class UnreadableInputMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        problem = unreadable(request)
        if problem:
            return HttpResponseBadRequest(
                render_to_string("400.html", {"message": problem}, request=request)
            )
        return self.get_response(request)


def unreadable(request: HttpRequest) -> str:
    """What makes the request unreadable, as a message for the reader; empty if nothing does.

    Form bodies are read here only when urlencoded: reading a multipart body would process its
    uploads before the view could choose how (and Django decodes its fields leniently anyway).
    """
    try:
        fields = list(request.GET.lists())
        if request.method == "POST" and request.content_type in FORM_TYPES:
            fields += list(request.POST.lists())
    except (BadRequest, UnicodeError, LookupError):
        return ENCODING_MESSAGE
    for name, values in fields:
        if NUL in name or any(NUL in value for value in values):
            return NUL_MESSAGE
    return ""
