"""Readers get a 503 page, not a 500, while the database is unreachable.

Django turns an exception into a response at every layer of the middleware, so a middleware
could only see the exceptions of the layers inside it; ``handler500`` is where every uncaught
exception of a request ends up (a view, a template, the session or the page cache reading the
database), and Django calls it while the exception is being handled.
"""

from __future__ import annotations

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.views import defaults
from django.views.decorators.csrf import requires_csrf_token

# Errors that mean the database could not be reached or lost the connection (PostgreSQL down
# or restarting, SQLite locked past its busy timeout), not a bug in a query.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    if isinstance(sys.exception(), DATABASE_UNAVAILABLE):
        return unavailable(request)
    return defaults.server_error(request)


def unavailable(request: HttpRequest) -> HttpResponse:
    """A page that needs no database, which browsers and proxies must not keep."""
    # Rendered without the request, as Django's 500 page is: context processors read the
    # database.
    html = loader.get_template("503.html").render({"retry_after": RETRY_AFTER_SECONDS})
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
