"""The staff side of cases, included by ``danvan.web.urls`` (names live in the ``web`` namespace)."""

from django.urls import path

from danvan.web import cases_report, cases_staff

urlpatterns = [
    path("van-hanh/ho-so/", cases_staff.case_inbox, name="case_inbox"),
    path("van-hanh/bao-cao/", cases_report.case_report, name="case_report"),
    path("van-hanh/bao-cao/xuat.<str:fmt>", cases_report.case_report_export, name="case_report_export"),
    path("van-hanh/ho-so/<int:pk>/", cases_staff.case_detail, name="case_detail"),
    path("van-hanh/ho-so/<int:pk>/nhan-than/", cases_staff.case_identity, name="case_identity"),
    path("van-hanh/ho-so/<int:pk>/nhan-than/can-bo/", cases_staff.case_identity_clerk, name="case_identity_clerk"),
    path("van-hanh/ho-so/<int:pk>/che-thong-tin/", cases_staff.case_redaction, name="case_redaction"),
    path("van-hanh/ho-so/<int:pk>/tep/<int:attachment_pk>/", cases_staff.case_attachment, name="case_attachment"),
    path("van-hanh/ho-so/<int:pk>/<slug:action>/", cases_staff.case_act, name="case_act"),
]
