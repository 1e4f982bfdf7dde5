from django.http import HttpRequest, HttpResponse
from django.urls import path, re_path

from byline.api import errors
from byline.api.api import api
from byline.api.embed_sign_in import embed_sign_in
from byline.api.embed_sites import embed_sites


def no_such_operation(request: HttpRequest, rest: str) -> HttpResponse:
    """An address under the API that names no operation: the one error shape, not a page."""
    return errors.answer(api, request, 404, "not_found", "The API has no operation here.")


urlpatterns = [
    path("api/v1/", api.urls),
    re_path(r"^api/v1/(?P<rest>.*)$", no_such_operation),
    path("embed/sign-in/", embed_sign_in, name="embed-sign-in"),
    path("accounts/sites/", embed_sites, name="embed_sites"),
]
