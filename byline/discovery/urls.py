from django.urls import path

from byline.discovery import views

app_name = "discovery"

urlpatterns = [
    path("search/", views.search, name="search"),
]
