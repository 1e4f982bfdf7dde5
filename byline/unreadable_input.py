"""Query strings and forms, made safe to read once, before any view sees them.

One place for what no view should have to check:

- a NUL byte in a query or form value is removed (PostgreSQL refuses it in any text it compares
  or stores, so every view reading ``?after=`` or ``?prompt=`` failed with a 500 there; no
  person means one, and the markup and search code drop it anyway), so the view answers as it
  would without it;
- a form body that cannot be read as UTF-8 text gets a clear 400.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, QueryDict
from django.template.loader import render_to_string

NUL = "\x00"
FORM_TYPES = ("application/x-www-form-urlencoded",)
ENCODING_MESSAGE = "The form was not sent as UTF-8 text, so we could not read it."


class UnreadableInputMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            clean_values(request)
        except (BadRequest, UnicodeError, LookupError):
            return HttpResponseBadRequest(
                render_to_string("400.html", {"message": ENCODING_MESSAGE}, request=request)
            )
        return self.get_response(request)


def clean_values(request: HttpRequest) -> None:
    """Remove NUL bytes from the query's and the form's names and values.

    Form bodies are read here only when urlencoded: reading a multipart body would process its
    uploads before the view could choose how; its fields go through Django's forms, which refuse
    NUL bytes with a message.
    """
    request.GET = without_nul(request.GET)
    if request.method == "POST" and request.content_type in FORM_TYPES:
        request.POST = without_nul(request.POST)


def without_nul(values: QueryDict) -> QueryDict:
    if not any(NUL in name or any(NUL in v for v in found) for name, found in values.lists()):
        return values
    cleaned = QueryDict(mutable=True, encoding=values.encoding)
    for name, found in values.lists():
        for value in found:
            cleaned.appendlist(name.replace(NUL, ""), value.replace(NUL, ""))
    cleaned._mutable = False
    return cleaned
