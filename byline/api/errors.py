"""The API's one error shape, ``{"error": {"code": ..., "message": ..., "field": ...}}``, with a
message a person can read, for every refusal: the discussion's, validation, authentication,
permission, missing rows, rate limits."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from byline.discussion.errors import DiscussionError, RateLimited


class ErrorDetail(Schema):
    code: str
    message: str
    field: str | None = None


class Error(Schema):
    error: ErrorDetail


class ApiError(Exception):
    """A refusal with its HTTP status: raise it from an operation."""

    def __init__(
        self, status: int, code: str, message: str, field: str | None = None,
        retry_after: int | None = None,
    ) -> None:  # fmt: skip
        super().__init__(message)
        self.status, self.code, self.message, self.field = status, code, message, field
        # For a 429: the seconds to wait, sent as Retry-After.
        self.retry_after = retry_after


# What every operation may answer besides its success, for the schema.
ERRORS = {400: Error, 401: Error, 403: Error, 404: Error, 422: Error, 429: Error}


def answer(api: NinjaAPI, request: HttpRequest, status: int, code: str, message: str,
           field: str | None = None) -> HttpResponse:  # fmt: skip
    return api.create_response(
        request, {"error": {"code": code, "message": message, "field": field}}, status=status
    )


def install(api: NinjaAPI) -> None:
    """Answer every refusal in the one shape."""

    @api.exception_handler(ApiError)
    def api_error(request, exc: ApiError):
        response = answer(api, request, exc.status, exc.code, exc.message, exc.field)
        if exc.retry_after is not None:
            response["Retry-After"] = str(exc.retry_after)
        return response

    @api.exception_handler(DiscussionError)
    def refused(request, exc: DiscussionError):
        if isinstance(exc, RateLimited):
            # The discussion's own limits (posting, votes, reports): the same 429 as the API's.
            return api_error(
                request, ApiError(429, "rate_limited", exc.message, exc.field, exc.retry_after)
            )
        return answer(api, request, 400, "refused", exc.message, exc.field)

    @api.exception_handler(ValidationError)
    def invalid(request, exc: ValidationError):
        first = exc.errors[0] if exc.errors else {}
        loc = first.get("loc", ())
        # ("query", "limit"), ("path", "page_id"); a body's is ("body", <argument>, <field>...).
        location = [str(part) for part in loc[2 if loc[:1] == ("body",) else 1 :]]
        field = ".".join(location) or None
        message = first.get("msg", "The request is not valid.")
        return answer(
            api, request, 422, "invalid", f"{field}: {message}" if field else message, field
        )

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        return answer(api, request, 401, "unauthenticated", "Sign in or send a valid API token.")

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc):
        return answer(api, request, 403, "forbidden", str(exc) or "You may not do that.")

    @api.exception_handler(Http404)
    def missing(request, exc):
        return answer(api, request, 404, "not_found", "There is nothing here.")

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError):
        if str(exc).startswith(_UNPARSED):
            # Malformed JSON, or a form-encoded body: an invalid request like any other.
            return answer(api, request, 422, "invalid", UNPARSED_MESSAGE, "body")
        return answer(api, request, exc.status_code, "error", str(exc))


# How django-ninja's parser refuses a body that is not JSON (with the reason, under DEBUG).
_UNPARSED = "Cannot parse request body"
UNPARSED_MESSAGE = (
    "body: send the request's data as a JSON object (Content-Type: application/json)."
)
