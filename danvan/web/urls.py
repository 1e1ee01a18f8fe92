from django.contrib.auth import views as auth_views
from django.urls import include, path

from danvan.web import views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("dang-nhap/", views.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("van-hanh/don-vi-hanh-chinh/", views.unit_list, name="unit_list"),
    path("van-hanh/don-vi-hanh-chinh/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("van-hanh/co-quan/", views.organization_list, name="organization_list"),
    path("van-hanh/co-quan/<int:pk>/", views.organization_detail, name="organization_detail"),
    path("van-hanh/co-quan/nhap/", views.organization_import, name="organization_import"),
    path("van-hanh/co-quan/xuat.<str:fmt>", views.organization_export, name="organization_export"),
    path("tra-cuu-dia-danh/", views.place_resolve, name="place_resolve"),
    path("suc-khoe/", views.health, name="health"),
    path("", include("danvan.web.urls_cases_public")),
    path("", include("danvan.web.urls_cases_staff")),
    path("", include("danvan.web.notifications")),
    path("", include("danvan.web.case_documents")),
    path("", include("danvan.web.step_up")),
]
