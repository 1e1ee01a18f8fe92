from django.contrib.auth import views as auth_views
from django.urls import include, path

from danvan.web import views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("dang-nhap/", views.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("suc-khoe/", views.health, name="health"),
    path("", include("danvan.web.step_up")),
    path("", include("danvan.web.pwa")),
]
