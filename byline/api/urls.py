from django.urls import path

from byline.api.api import api
from byline.api.embed_sign_in import embed_sign_in

urlpatterns = [
    path("api/v1/", api.urls),
    path("embed/sign-in/", embed_sign_in, name="embed-sign-in"),
]
