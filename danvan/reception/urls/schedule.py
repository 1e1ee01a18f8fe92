"""The schedule part's pages (included by urls/parts.py into the "reception" namespace): the public
"Lịch tiếp công dân" with its iCalendar feeds, and the staff pages of points, duties, sessions and rules."""

from django.urls import path

from danvan.reception.views import schedule as views

urlpatterns = [
    path("lich-tiep-cong-dan/", views.schedule_public, name="schedule_public"),
    path("lich-tiep-cong-dan/lich.ics", views.schedule_public_ics, name="schedule_public_ics"),
    path("lich-tiep-cong-dan/co-quan/<int:pk>/", views.schedule_body, name="schedule_body"),
    path("lich-tiep-cong-dan/co-quan/<int:pk>/lich.ics", views.schedule_body_ics, name="schedule_body_ics"),
    path("lich-tiep-cong-dan/diem/<int:pk>/", views.schedule_point, name="schedule_point"),
    path("lich-tiep-cong-dan/diem/<int:pk>/lich.ics", views.schedule_point_ics, name="schedule_point_ics"),
    path("van-hanh/tiep-cong-dan/lich/", views.schedule_staff, name="schedule_staff"),
    path("van-hanh/tiep-cong-dan/lich/quy-dinh/", views.schedule_rules, name="schedule_rules"),
    path("van-hanh/tiep-cong-dan/lich/quy-dinh/<int:pk>/", views.schedule_rule_edit, name="schedule_rule_edit"),
    path("van-hanh/tiep-cong-dan/lich/<int:pk>/", views.schedule_staff_body, name="schedule_staff_body"),
    path("van-hanh/tiep-cong-dan/lich/<int:pk>/diem-moi/", views.point_edit, name="point_new"),
    path("van-hanh/tiep-cong-dan/lich/<int:pk>/diem/<int:point_pk>/", views.point_edit, name="point_edit"),
    path("van-hanh/tiep-cong-dan/lich/<int:pk>/nhiem-vu-moi/", views.duty_new, name="duty_new"),
    path("van-hanh/tiep-cong-dan/lich/<int:pk>/tao-lich/", views.sessions_generate, name="sessions_generate"),
    path("van-hanh/tiep-cong-dan/lich/<int:pk>/dot-xuat/", views.session_ad_hoc, name="session_ad_hoc"),
    path("van-hanh/tiep-cong-dan/nhiem-vu/<int:pk>/ket-thuc/", views.duty_end, name="duty_end"),
    path("van-hanh/tiep-cong-dan/phien/<int:pk>/", views.session_staff, name="session_staff"),
    path("van-hanh/tiep-cong-dan/phien/<int:pk>/huy/", views.session_cancel, name="session_cancel"),
    path("van-hanh/tiep-cong-dan/phien/<int:pk>/da-tiep/", views.session_held, name="session_held"),
    path("van-hanh/tiep-cong-dan/phien/<int:pk>/truc-tuyen/", views.session_online, name="session_online"),
]
