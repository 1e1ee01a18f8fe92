"""The satisfaction pages: the public ranking, a body's page, rating a case, a campaign's questionnaire,
and the staff dashboard, campaigns, paper entry and flag review. Mounted at the site root by config/urls.py."""

from django.urls import path

from danvan.surveys.views import public, staff

app_name = "surveys"

urlpatterns = [
    path("hai-long/", public.satisfaction_ranking, name="satisfaction_ranking"),
    path("hai-long/xuat.<str:fmt>", public.satisfaction_ranking_export, name="satisfaction_ranking_export"),
    path("hai-long/co-quan/<int:pk>/", public.satisfaction_body, name="satisfaction_body"),
    path("danh-gia/", public.case_rating, name="case_rating"),
    path("khao-sat/<slug:code>/", public.survey_form, name="survey_form"),
    path("khao-sat/<slug:code>/<int:org_id>/", public.survey_form, name="survey_form"),
    path("khao-sat/<slug:code>/<int:org_id>/ma-qr.svg", public.survey_qr, name="survey_qr"),
    path("van-hanh/hai-long/", staff.satisfaction_dashboard, name="satisfaction_dashboard"),
    path("van-hanh/hai-long/xuat.<str:fmt>", staff.satisfaction_export, name="satisfaction_export"),
    path("van-hanh/khao-sat/", staff.survey_campaigns, name="survey_campaigns"),
    path("van-hanh/khao-sat/<slug:code>/nhap-phieu/", staff.survey_paper_entry, name="survey_paper_entry"),
    path("van-hanh/khao-sat/<slug:code>/danh-dau/", staff.survey_flags, name="survey_flags"),
]
