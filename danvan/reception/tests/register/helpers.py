"""What the register's tests share: a visit's input, a small real PNG, a booking."""

from __future__ import annotations

import io
from typing import Any

from PIL import Image

from danvan.reception import choices
from danvan.reception.models import Booking, ReceptionSession
from danvan.reception.services.register import VisitInput

ID_NUMBER = "046203004567"  # Thừa Thiên Huế's code, a valid shape


def walk_in(**fields: Any) -> VisitInput:
    defaults: dict[str, Any] = {"content": "Đường kiệt trước nhà bị ngập khi mưa", "visitor_name": "Nguyễn Văn An",
                                "visitor_address": "12 Hùng Vương, Phú Xuân, Huế", "visitor_id_number": ID_NUMBER,
                                "requests": "Đề nghị nạo vét cống"}  # fmt: skip
    return VisitInput(**{**defaults, **fields})


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (20, 10), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


def booking(session: ReceptionSession, **fields: Any) -> Booking:
    defaults = {"code": "DV7K2P", "name": "Lê Thị Bình", "phone": "0905123456", "id_number": ID_NUMBER,
                "subject": "Cấp giấy chứng nhận quyền sử dụng đất chậm", "status": choices.BookingStatus.CONFIRMED}  # fmt: skip
    return Booking.objects.create(session=session, **{**defaults, **fields})
