"""The citizen's sign-in pages, in the ``citizens`` namespace; included by ``config.urls``."""

from django.urls import path

from danvan.citizens.views import public

app_name = "citizens"

urlpatterns = [
    path("dang-nhap/ma-mot-lan/", public.sign_in_code_request, name="sign_in"),
    path("dang-nhap/ma-mot-lan/nhap-ma/", public.sign_in_code_enter, name="sign_in_code_enter"),
    path("dang-nhap/dinh-danh/", public.identity_start, name="identity_start"),
    path("dang-nhap/dinh-danh/ve/", public.identity_return, name="identity_return"),
]
