"""The register's demo: a handful of visits at the demo's ward (the first commune of the demo province,
Huế) in the current week — from bookings where the booking part made some, walk-ins otherwise — one
refused on an Art. 9 ground, one answered on time, and one from eight working days ago whose answer is
due soon. Written through ``visit_register`` and ``visit_outcome_record`` with fixed request keys, so
running it again changes nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from danvan.core import clock
from danvan.deadlines.selectors import working_calendar_load
from danvan.org import services as org_services
from danvan.org.choices import Role
from danvan.org.demo import DEMO_PASSWORD
from danvan.org.models import User
from danvan.reception import choices
from danvan.reception.models import Booking, Visit
from danvan.reception.services.register import VisitInput, visit_outcome_record, visit_register

OFFICER = "cbtiepdan"
KEY = "demo-register-{}"

# (working days before today, hour, what the visit is). Today's visits are made a few minutes ago.
_VISITS: list[dict[str, Any]] = [
    {"name": "Nguyễn Thị Mai", "id": "046185001234", "address": "15 Đặng Thái Thân, Phú Xuân, Huế",
     "content": "Hệ thống thoát nước kiệt 15 Đặng Thái Thân bị tắc, ngập mỗi khi mưa lớn.",
     "requests": "Đề nghị nạo vét, sửa chữa cống thoát nước.", "handling": choices.Handling.RECEIVED},
    {"name": "Trần Văn Hùng", "id": "046172004321", "address": "8 Lê Thánh Tôn, Phú Xuân, Huế",
     "content": "Khiếu nại việc tính tiền bồi thường khi thu hồi đất làm đường Nguyễn Chí Thanh.",
     "prior": "Đã có đơn gửi UBND phường tháng 3/2026, chưa được trả lời.",
     "requests": "Đề nghị xem xét lại đơn giá bồi thường.", "handling": choices.Handling.RECEIVED, "head": True},
    {"name": "Lê Văn Tư", "id": "046190007788", "address": "22 Mai Thúc Loan, Phú Xuân, Huế",
     "content": "Hỏi thủ tục cấp đổi giấy chứng nhận quyền sử dụng đất.", "handling": choices.Handling.GUIDED,
     "note": "Hướng dẫn nộp hồ sơ tại Trung tâm Phục vụ hành chính công phường."},
    {"name": "Hoàng Văn Năm", "id": "046168002468", "address": "3 Ông Ích Khiêm, Phú Xuân, Huế",
     "content": "Yêu cầu giải quyết lại vụ tranh chấp lối đi chung.", "handling": choices.Handling.REFUSED,
     "ground": choices.RefusalGround.ALREADY_SETTLED,
     "note": "Vụ việc đã được giải quyết đúng pháp luật (Quyết định năm 2024), đã rà soát, thông báo và giải thích."},
    {"name": "Phạm Thị Lan", "id": "046195003579", "address": "40 Chi Lăng, Phú Xuân, Huế",
     "content": "Phản ánh quán karaoke hoạt động quá 22 giờ gây ồn ào.", "handling": choices.Handling.RECEIVED},
]  # fmt: skip


def _ward_and_officer() -> tuple[Any, User] | None:
    head = User.objects.filter(username="chutich").first()
    position = head.positions.filter(is_head=True).select_related("organization").first() if head else None
    admin = User.objects.filter(username="quantri").first()
    if position is None or admin is None:
        return None
    ward = position.organization
    officer, created = User.objects.get_or_create(username=OFFICER, defaults={"full_name": "Hồ Thị Tiếp Dân"})
    if created:
        officer.set_password(DEMO_PASSWORD)
        officer.save(update_fields=["password"])
        org_services.role_assign(actor=admin, user=officer, role=Role.RECEPTION_OFFICER, organization=ward,
                                 reason="demo", check_permission=False)  # fmt: skip
        officer.positions.get_or_create(organization=ward, title="Công chức tiếp công dân")
    return ward, officer


def _received_at(index: int, now: dt.datetime) -> dt.datetime:
    """Visit ``index`` on a day of the current week up to today (Monday first), before now."""
    monday = now.date() - dt.timedelta(days=now.weekday())
    day = min(monday + dt.timedelta(days=index % 5), now.date())
    moment = dt.datetime.combine(day, dt.time(8 + index, 15), tzinfo=clock.VIETNAM)
    return min(moment, now - dt.timedelta(minutes=10 * (len(_VISITS) - index)))


@transaction.atomic
def demo_register_seed(addr: str) -> list[str]:
    found = _ward_and_officer()
    if found is None:
        return []
    ward, officer = found
    now = clock.now()
    bookings = list(Booking.objects.filter(session__organization=ward, status=choices.BookingStatus.CONFIRMED,
                                           session__starts_at__lte=now).select_related("session")[:2])  # fmt: skip
    # Due soon: taken in eight working days ago (so numbered first) and not yet answered.
    earlier = working_calendar_load().add_working_days(now.date(), -8)
    visit_register(
        actor=officer, organization=ward, request_key=KEY.format("due-soon"),
        data=VisitInput(content="Đề nghị hỗ trợ sửa nhà cho hộ nghèo sau bão.", visitor_name="Võ Thị Sáu",
                        visitor_address="5 Nguyễn Trường Tộ, Phú Xuân, Huế", visitor_id_number="046160009753",
                        requests="Xin hỗ trợ kinh phí sửa mái nhà.",
                        received_at=dt.datetime.combine(earlier, dt.time(9, 30), tzinfo=clock.VIETNAM)),
    )  # fmt: skip
    visits = []
    for index, row in enumerate(_VISITS):
        booking = (
            bookings[index]
            if index < len(bookings) and not Visit.objects.filter(request_key=KEY.format(index)).exists()
            else None
        )
        data = VisitInput(content=row["content"], handling=row["handling"], visitor_name=row["name"],
                          visitor_address=row["address"], visitor_id_number=row["id"], requests=row.get("requests", ""),
                          prior_handling=row.get("prior", ""), head_present=row.get("head", False),
                          refusal_ground=row.get("ground", ""), handling_note=row.get("note", ""), visitors_signed=True,
                          received_at=_received_at(index, now))  # fmt: skip
        if booking is not None:  # the booked citizen came: the register takes the booking's words
            data.visitor_name, data.content = booking.name, booking.subject
            data.visitor_id_number, data.visitor_phone = booking.id_number or row["id"], booking.phone
            data.received_at = min(booking.session.starts_at + dt.timedelta(minutes=20 * (index + 1)), now)
        visits.append(visit_register(actor=officer, organization=ward, data=data, booking=booking,
                                     request_key=KEY.format(index)))  # fmt: skip
    # Answered on time: the first visit, accepted for resolution.
    if not visits[0].outcome:
        visit_outcome_record(actor=officer, visit=visits[0], outcome=choices.Outcome.ACCEPTED,
                             note="Giao Phòng Kinh tế, Hạ tầng và Đô thị kiểm tra, nạo vét.")  # fmt: skip
    return [
        f"Sổ tiếp công dân của {ward.name} (đăng nhập {OFFICER} hoặc chutich): http://{addr}/van-hanh/tiep-cong-dan/so/"
    ]
