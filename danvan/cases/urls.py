"""The pages of cases, in the ``cases`` namespace; included by ``config.urls`` at the site's root."""

from django.urls import path

from danvan.cases.views import access, counter, documents, feed, public, report, staff

app_name = "cases"

urlpatterns = [
    # Citizens' pages
    path("gui-phan-anh/", public.case_submit_view, name="case_submit"),
    path("gui-phan-anh/da-nhan/", public.case_receipt, name="case_receipt"),
    path("tra-cuu/", public.case_lookup, name="case_lookup"),
    path("tra-cuu/gui-lai-duong-dan/", access.case_link_again, name="case_link_again"),
    path("tra-cuu/<str:tracking_code>/", public.case_track, name="case_track"),
    path("tra-cuu/<str:tracking_code>/rut-don/", public.case_withdraw, name="case_withdraw"),
    path("tai-khoan/phan-anh/", public.my_cases, name="my_cases"),
    # Public feedback: the feed, the map, "I have this problem too", "still not fixed"
    path("phan-anh-cong-khai/", feed.feed_list, name="feed_list"),
    path("phan-anh-cong-khai/ban-do.json", feed.feed_markers, name="feed_markers"),
    path("phan-anh-cong-khai/<str:tracking_code>/", feed.feed_detail, name="feed_detail"),
    path("phan-anh-cong-khai/<str:tracking_code>/anh/<int:attachment_id>/", feed.feed_photo, name="feed_photo"),
    path("phan-anh-cong-khai/<str:tracking_code>/ung-ho/", feed.feed_support, name="feed_support"),
    path("gui-phan-anh/tuong-tu/", feed.feed_nearby, name="feed_nearby"),
    path("tra-cuu/<str:tracking_code>/chua-xu-ly/", feed.case_reopen, name="case_reopen"),
    # Counter
    path("van-hanh/tiep-nhan/", counter.case_counter, name="case_counter"),
    path("van-hanh/tiep-nhan/da-nhan/", counter.case_counter_receipt, name="case_counter_receipt"),
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
