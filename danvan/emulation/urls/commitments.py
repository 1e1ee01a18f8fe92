"""The commitments part's pages (namespace "emulation"); see docs/emulation/commitments.md."""

from django.urls import path

from danvan.emulation.views import commitments as views

urlpatterns: list = [
    path("cam-ket-phuc-vu/", views.public_commitments_index, name="public_commitments_index"),
    path("cam-ket-phuc-vu/<str:code>/", views.public_commitments, name="public_commitments"),
    path("van-hanh/thi-dua/cam-ket/", views.commitments_mine, name="commitments_mine"),
    path("van-hanh/thi-dua/cam-ket/can-bo/", views.commitments_team, name="commitments_team"),
    path("van-hanh/thi-dua/cam-ket/don-vi/", views.commitments_units, name="commitments_units"),
    path(
        "van-hanh/thi-dua/cam-ket/don-vi/tai.<str:fmt>", views.commitments_units_export, name="commitments_units_export"
    ),
    path("van-hanh/thi-dua/cam-ket/cong-khai/", views.public_commitment_new, name="public_commitment_new"),
    path("van-hanh/thi-dua/cam-ket/nam/", views.commitment_years, name="commitment_years"),
    path("van-hanh/thi-dua/cam-ket/nam/<int:year>/", views.commitment_year_edit, name="commitment_year_edit"),
    path("van-hanh/thi-dua/cam-ket/<int:pk>/", views.commitment_detail, name="commitment_detail"),
    path("van-hanh/thi-dua/cam-ket/<int:pk>/tep/<int:file_pk>/", views.commitment_file, name="commitment_file"),
]
