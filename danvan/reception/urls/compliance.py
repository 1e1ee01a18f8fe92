"""The compliance part's pages (included by urls/parts.py into the "reception" namespace): the dashboard,
a head's month, the summary export, and the register exported and printed."""

from django.urls import path

from danvan.reception.views import compliance

urlpatterns = [
    path("van-hanh/tiep-cong-dan/tuan-thu/", compliance.compliance, name="compliance"),
    path(
        "van-hanh/tiep-cong-dan/tuan-thu/nguoi-dung-dau/<int:head_id>/",
        compliance.compliance_head,
        name="compliance_head",
    ),
    path("van-hanh/tiep-cong-dan/tuan-thu/xuat.<str:fmt>", compliance.compliance_export, name="compliance_export"),
    path("van-hanh/tiep-cong-dan/so/xuat.<str:fmt>", compliance.register_export, name="register_export"),
    path("van-hanh/tiep-cong-dan/so/in/", compliance.register_print, name="register_print"),
]
