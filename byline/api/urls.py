from django.urls import path

from byline.api.api import api

urlpatterns = [path("api/v1/", api.urls)]
