"""The pages of cases, in their own namespace (``cases:``), included by ``config/urls.py``."""

from django.urls import path

from danvan.cases.views import counter, public

app_name = "cases"

urlpatterns = [
    # Citizens' pages
    path("gui-phan-anh/", public.case_submit_view, name="case_submit"),
    path("gui-phan-anh/da-nhan/", public.case_receipt, name="case_receipt"),
    path("tra-cuu/", public.case_lookup, name="case_lookup"),
    path("tra-cuu/<str:tracking_code>/", public.case_track, name="case_track"),
    path("tra-cuu/<str:tracking_code>/rut-don/", public.case_withdraw, name="case_withdraw"),
    path("tai-khoan/phan-anh/", public.my_cases, name="my_cases"),
    # Counter
    path("van-hanh/tiep-nhan/", counter.case_counter, name="case_counter"),
    path("van-hanh/tiep-nhan/da-nhan/", counter.case_counter_receipt, name="case_counter_receipt"),
]
