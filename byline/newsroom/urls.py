from django.urls import path

from byline.newsroom import views

app_name = "newsroom"

urlpatterns = [
    path("author/<slug:slug>/", views.author_detail, name="author"),
    path("topic/<slug:slug>/", views.topic_detail, name="topic"),
    path("person/<slug:slug>/", views.person_detail, name="person"),
    path("corrections/", views.corrections_archive, name="corrections"),
]
