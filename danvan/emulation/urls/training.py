"""The training part's pages (namespace "emulation"): staff pages under /van-hanh/thi-dua/dao-tao/, the
public verification of a certificate under /dao-tao/."""

from django.urls import path

from danvan.emulation.views import training as views

BASE = "van-hanh/thi-dua/dao-tao/"

urlpatterns = [
    path(BASE, views.course_list, name="training_courses"),
    path(f"{BASE}khoa/<int:pk>/", views.course_detail, name="training_course"),
    path(f"{BASE}khoa/<int:pk>/buoi/", views.session_add, name="training_session_add"),
    path(f"{BASE}khoa/<int:pk>/sua/", views.course_edit, name="training_course_edit"),
    path(f"{BASE}khoa/<int:pk>/buoi/<int:session_pk>/sua/", views.session_edit, name="training_session_edit"),
    path(f"{BASE}khoa/<int:pk>/buoi/<int:session_pk>/huy/", views.session_cancel, name="training_session_cancel"),
    path(f"{BASE}khoa/<int:pk>/ghi-danh/", views.enrol, name="training_enrol"),
    path(f"{BASE}khoa/<int:pk>/buoi/<int:session_pk>/diem-danh/", views.attendance, name="training_attendance"),
    path(f"{BASE}khoa/<int:pk>/hoc-vien/<int:enrolment_pk>/cap-chung-chi/", views.certify, name="training_certify"),
    path(f"{BASE}chung-chi/<int:pk>/", views.certificate, name="training_certificate"),
    path(f"{BASE}chung-chi/<int:pk>/thu-hoi/", views.certificate_revoke, name="training_certificate_revoke"),
    path(f"{BASE}do-phu/", views.coverage, name="training_coverage"),
    path(f"{BASE}do-phu.<str:fmt>", views.coverage_export, name="training_coverage_export"),
    path(f"{BASE}do-phu/<int:body_pk>/chua-dao-tao/", views.not_trained, name="training_not_trained"),
    path(f"{BASE}yeu-cau/", views.requirements, name="training_requirements"),
    path(f"{BASE}yeu-cau/<int:pk>/", views.requirement_edit, name="training_requirement_edit"),
    path("dao-tao/xac-minh-chung-chi/", views.verify, name="training_verify"),
]
