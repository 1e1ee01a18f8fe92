"""The booking part's pages (included by urls/parts.py into the "reception" namespace).

Other parts link to ``reception:booking_new`` with one argument, the session's pk."""

from django.urls import path

from danvan.reception.views import booking

urlpatterns = [
    path("lich-tiep-cong-dan/buoi/<int:session_id>/dang-ky/", booking.booking_new, name="booking_new"),
    path("lich-tiep-cong-dan/tra-cuu-dat-lich/", booking.booking_lookup, name="booking_lookup"),
    path("lich-tiep-cong-dan/dat-lich/<str:code>/", booking.booking_detail, name="booking_detail"),
    path("lich-tiep-cong-dan/dat-lich/<str:code>/huy/", booking.booking_cancel, name="booking_cancel"),
    path("van-hanh/tiep-cong-dan/buoi/<int:session_id>/dat-lich/", booking.session_bookings,
         name="session_bookings"),
    path("van-hanh/tiep-cong-dan/buoi/<int:session_id>/dat-lich/<int:booking_id>/vang-mat/", booking.booking_no_show,
         name="booking_no_show"),
]  # fmt: skip
