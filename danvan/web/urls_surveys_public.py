"""URLs of the satisfaction screens (public), included by ``danvan.web.urls`` in its namespace."""

from django.urls import path

from danvan.web import surveys_public

urlpatterns = [
    path("hai-long/", surveys_public.satisfaction_ranking, name="satisfaction_ranking"),
    path("hai-long/xuat.<str:fmt>", surveys_public.satisfaction_ranking_export, name="satisfaction_ranking_export"),
    path("hai-long/co-quan/<int:pk>/", surveys_public.satisfaction_body, name="satisfaction_body"),
    path("danh-gia/", surveys_public.case_rating, name="case_rating"),
    path("khao-sat/<slug:code>/", surveys_public.survey_form, name="survey_form"),
    path("khao-sat/<slug:code>/<int:org_id>/", surveys_public.survey_form, name="survey_form"),
    path("khao-sat/<slug:code>/<int:org_id>/ma-qr.svg", surveys_public.survey_qr, name="survey_qr"),
]
