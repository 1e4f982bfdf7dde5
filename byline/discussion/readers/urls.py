"""The reader's own pages in the account area, under /accounts/ (see the project's urls.py)."""

from django.urls import path

from byline.discussion.readers import views

urlpatterns = [
    path("comments/", views.my_comments, name="my_comments"),
    path("comments/claim/", views.claim_guest_past, name="claim_guest_past"),
    path("subscriptions/", views.my_subscriptions, name="my_subscriptions"),
    path("preferences/", views.my_preferences, name="my_preferences"),
]
