from django.contrib.auth import views as auth_views
from django.urls import path

from byline.accounts import views

app_name = "accounts"

urlpatterns = [
    path("sign-up/", views.sign_up, name="sign_up"),
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("verify/", views.verify_request, name="verify_request"),
    path("verify/<str:token>/", views.verify, name="verify"),
]
