"""The commendation part's staff pages (namespace "emulation"), under /van-hanh/thi-dua/khen-thuong/."""

from django.urls import path

from danvan.emulation.views import commendation as views

BASE = "van-hanh/thi-dua/khen-thuong/"

urlpatterns = [
    path(BASE, views.proposal_list, name="commendation_list"),
    path(f"{BASE}de-nghi/", views.propose, name="commendation_propose"),
    path(f"{BASE}<int:pk>/", views.detail, name="commendation_detail"),
    path(f"{BASE}<int:pk>/hoi-dong/", views.seat, name="commendation_seat"),
    path(f"{BASE}<int:pk>/y-kien/", views.opinion, name="commendation_opinion"),
    path(f"{BASE}<int:pk>/quyet-dinh/", views.decide, name="commendation_decide"),
    path(f"{BASE}<int:pk>/khong-khen-thuong/", views.decline, name="commendation_decline"),
    path(f"{BASE}<int:pk>/in/", views.print_decision, name="commendation_print"),
    path(f"{BASE}danh-sach/in/", views.print_list, name="commendation_print_list"),
    path(f"{BASE}ky-luat/", views.discipline_list, name="discipline_list"),
    path(f"{BASE}ky-luat/<int:pk>/", views.discipline_detail, name="discipline_detail"),
    path(f"{BASE}ky-luat/<int:pk>/thu-hoi/", views.discipline_withdraw, name="discipline_withdraw"),
    path(f"{BASE}ky-luat/<int:pk>/dinh-chinh/", views.discipline_correct, name="discipline_correct"),
    path(f"{BASE}hinh-thuc/", views.forms_manage, name="commendation_forms"),
    path(f"{BASE}hinh-thuc/<int:pk>/doi-ten/", views.form_rename, name="commendation_form_rename"),
    path(f"{BASE}hinh-thuc/<int:pk>/ngung/", views.form_retire, name="commendation_form_retire"),
    path(f"{BASE}tham-quyen/", views.authorities, name="commendation_authorities"),
    path(f"{BASE}tham-quyen/<int:pk>/", views.authority_edit, name="commendation_authority_edit"),
]
