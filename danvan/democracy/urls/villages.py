"""The villages part's pages (namespace "democracy"); see docs/democracy/villages.md."""

from django.urls import path

from danvan.democracy.views import villages as views

urlpatterns: list = [
    path("dan-chu/", views.communes, name="communes"),
    path("dan-chu/<int:code>/", views.commune, name="commune"),
    path("van-hanh/dan-chu/thon/", views.village_list, name="village_list"),
    path("van-hanh/dan-chu/thon/moi/", views.village_new, name="village_new"),
    path("van-hanh/dan-chu/thon/nhap/", views.village_import, name="village_import"),
    path("van-hanh/dan-chu/thon/nhap-ho/", views.household_import, name="household_import"),
    path("van-hanh/dan-chu/thon/<int:pk>/", views.village_detail, name="village_detail"),
    path("van-hanh/dan-chu/thon/<int:pk>/sua/", views.village_edit, name="village_edit"),
    path("van-hanh/dan-chu/thon/<int:pk>/ho/moi/", views.household_new, name="household_new"),
    path("van-hanh/dan-chu/thon/ho/<int:pk>/sua/", views.household_edit, name="household_edit"),
    path("van-hanh/dan-chu/thon/ho/<int:pk>/khong-tinh/", views.household_uncount, name="household_uncount"),
]
