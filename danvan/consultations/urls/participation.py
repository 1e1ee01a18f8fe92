"""Consultations: the participation part's pages, in the "consultations" namespace."""

from django.urls import path

from danvan.consultations.views import participation as v

urlpatterns = [
    path("gop-y/<slug:code>/bieu-quyet/", v.vote, name="vote"),
    path("gop-y/<slug:code>/bieu-quyet/y-kien-moi/", v.statement_add, name="statement_add"),
    path("gop-y/<slug:code>/xac-minh-ho/ma/", v.household_code, name="household_code"),
    path("gop-y/<slug:code>/xac-minh-ho/", v.household_verify, name="household_verify"),
    path("gop-y/<slug:code>/y-kien/", v.statements, name="statements"),
    path("gop-y/<slug:code>/gop-y/", v.comment, name="comment"),
    path("van-hanh/gop-y/dot/<slug:code>/kiem-duyet/", v.moderation, name="moderation"),
    path("van-hanh/gop-y/dot/<slug:code>/nhap-y-kien/", v.key_in, name="key_in"),
]
