"""URLs of the satisfaction screens (staff), included by ``danvan.web.urls`` in the ``web`` namespace."""

from django.urls import path

from danvan.web import surveys_staff

urlpatterns = [
    path("van-hanh/hai-long/", surveys_staff.satisfaction_dashboard, name="satisfaction_dashboard"),
    path("van-hanh/hai-long/xuat.<str:fmt>", surveys_staff.satisfaction_export, name="satisfaction_export"),
    path("van-hanh/khao-sat/", surveys_staff.survey_campaigns, name="survey_campaigns"),
    path("van-hanh/khao-sat/<slug:code>/nhap-phieu/", surveys_staff.survey_paper_entry, name="survey_paper_entry"),
    path("van-hanh/khao-sat/<slug:code>/danh-dau/", surveys_staff.survey_flags, name="survey_flags"),
]
