from django.contrib.auth import views as auth_views
from django.urls import path

from byline.accounts import views

app_name = "accounts"

urlpatterns = [
    path("sign-up/", views.sign_up, name="sign_up"),
    path(
        "sign-in/",
        auth_views.LoginView.as_view(
            template_name="accounts/sign_in.html",
            redirect_authenticated_user=True,
            extra_context={"seo": {"title": "Sign in", "noindex": True}},
        ),
        name="login",
    ),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
]
