"""Org's pages: the place look-up for everyone; units and bodies for officers (under van-hanh/)."""

from django.urls import path

from danvan.org.views import places, public, staff

app_name = "org"

urlpatterns = [
    path("tra-cuu-dia-danh/", public.place_resolve, name="place_resolve"),
    path("ban-do/xa-tai-diem/", places.place_at, name="place_at"),
    path("ban-do/cac-xa/", places.places_in_box, name="places_in_box"),
    path("van-hanh/don-vi-hanh-chinh/", staff.unit_list, name="unit_list"),
    path("van-hanh/don-vi-hanh-chinh/<int:pk>/", staff.unit_detail, name="unit_detail"),
    path("van-hanh/co-quan/", staff.organization_list, name="organization_list"),
    path("van-hanh/co-quan/<int:pk>/", staff.organization_detail, name="organization_detail"),
    path("van-hanh/co-quan/nhap/", staff.organization_import, name="organization_import"),
    path("van-hanh/co-quan/xuat.<str:fmt>", staff.organization_export, name="organization_export"),
]
