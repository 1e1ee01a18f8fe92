"""The citizen's side of cases (and the counter entry), included by ``danvan.web.urls`` in its namespace."""

from django.urls import path

from danvan.web import cases_public

urlpatterns = [
    path("gui-phan-anh/", cases_public.case_submit_view, name="case_submit"),
    path("gui-phan-anh/da-nhan/", cases_public.case_receipt, name="case_receipt"),
    path("tra-cuu/", cases_public.case_lookup, name="case_lookup"),
    path("tra-cuu/<str:tracking_code>/", cases_public.case_track, name="case_track"),
    path("tra-cuu/<str:tracking_code>/rut-don/", cases_public.case_withdraw, name="case_withdraw"),
    path("tai-khoan/phan-anh/", cases_public.my_cases, name="my_cases"),
    path("van-hanh/tiep-nhan/", cases_public.case_counter, name="case_counter"),
    path("van-hanh/tiep-nhan/da-nhan/", cases_public.case_counter_receipt, name="case_counter_receipt"),
]
