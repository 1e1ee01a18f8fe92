"""The pages of cases, in the ``cases`` namespace; included by ``config.urls`` at the site's root."""

from django.urls import path

from danvan.cases.views import documents, report, staff

app_name = "cases"

urlpatterns = [
    # Staff pages
    path("van-hanh/ho-so/", staff.case_inbox, name="case_inbox"),
    path("van-hanh/bao-cao/", report.case_report, name="case_report"),
    path("van-hanh/bao-cao/xuat.<str:fmt>", report.case_report_export, name="case_report_export"),
    path("van-hanh/ho-so/<int:pk>/", staff.case_detail, name="case_detail"),
    path("van-hanh/ho-so/<int:pk>/nhan-than/", staff.case_identity, name="case_identity"),
    path("van-hanh/ho-so/<int:pk>/nhan-than/can-bo/", staff.case_identity_clerk, name="case_identity_clerk"),
    path("van-hanh/ho-so/<int:pk>/che-thong-tin/", staff.case_redaction, name="case_redaction"),
    path("van-hanh/ho-so/<int:pk>/tep/<int:attachment_pk>/", staff.case_attachment, name="case_attachment"),
    path(
        "van-hanh/ho-so/<int:pk>/van-ban/thong-bao-khong-thu-ly/",
        documents.case_notice_not_accepted,
        name="case_notice_not_accepted",
    ),
    path("van-hanh/ho-so/<int:pk>/<slug:action>/", staff.case_act, name="case_act"),
]
