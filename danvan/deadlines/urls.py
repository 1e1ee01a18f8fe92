from django.urls import path

from danvan.deadlines import views

app_name = "deadlines"

urlpatterns = [
    path("", views.rule_list, name="rule_list"),
    path("lich/", views.calendar_year, name="calendar"),
    path("lich/<int:year>/", views.calendar_year, name="calendar_year"),
    path("lich/<int:year>/ngay/them/", views.calendar_override_add, name="calendar_override_add"),
    path("lich/<int:year>/ngay/xoa/", views.calendar_override_remove, name="calendar_override_remove"),
    path("lich/<int:year>/cong-bo/", views.calendar_year_announce, name="calendar_year_announce"),
    path("lich/<int:year>/huy-cong-bo/", views.calendar_year_withdraw, name="calendar_year_withdraw"),
]
