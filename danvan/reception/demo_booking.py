"""The booking part of reception's demo: a few citizens book slots at the demo's next sessions (made by
the schedule part's demo). With no upcoming session it creates nothing. Running it again changes nothing
(each booking has a fixed request key, so the service returns the one already stored)."""

from __future__ import annotations

from danvan.core import clock
from danvan.core.errors import DomainError
from danvan.reception.choices import SessionStatus
from danvan.reception.models import ReceptionSession
from danvan.reception.services.booking import booking_create

CITIZENS = [
    ("Nguyễn Văn Bình", "0905 111 222", "", "046090001234", "Đường kiệt 52 Nguyễn Huệ ngập nước mỗi khi mưa lớn."),
    ("Trần Thị Mai", "0914 333 444", "mai.tran@example.vn", "046185004321", "Xin cấp lại giấy chứng nhận quyền sử dụng đất bị mất."),
    ("Lê Quang Huy", "0935 555 666", "", "046201009876", "Tiếng ồn từ xưởng mộc trong khu dân cư sau 22 giờ."),
]  # fmt: skip


def demo_booking_seed(addr: str) -> list[str]:
    sessions = list(ReceptionSession.objects.filter(status=SessionStatus.PLANNED, starts_at__gt=clock.now())
                    .order_by("starts_at", "id")[:2])  # fmt: skip
    if not sessions:
        return []
    first_code = ""
    for s_index, session in enumerate(sessions):
        for c_index, (name, phone, email, id_number, subject) in enumerate(CITIZENS[: 3 - s_index]):
            try:
                booked = booking_create(session=session, name=name, phone=phone, email=email, id_number=id_number,
                                        subject=subject, request_key=f"demo-booking-{session.pk}-{c_index}")  # fmt: skip
            except DomainError:
                continue  # the session is full or the phone booked it by hand since: leave it
            first_code = first_code or booked.booking.code
    if not first_code:
        return []
    return [
        f"Đặt lịch tiếp công dân (không cần tài khoản): http://{addr}/lich-tiep-cong-dan/buoi/{sessions[0].pk}/dang-ky/",
        f"Tra cứu, hủy lịch đã đặt — mã {first_code}, điện thoại {CITIZENS[0][1]}: "
        f"http://{addr}/lich-tiep-cong-dan/tra-cuu-dat-lich/?ma={first_code}",
        f"Danh sách đặt lịch của buổi (tiepdan, chutich): http://{addr}/van-hanh/tiep-cong-dan/buoi/{sessions[0].pk}/dat-lich/",
    ]
