"""The demo's early warnings: two months of a few environment cases in the demo head's ward, then a week
with many more (rubbish by the river), so that the daily run finds a surge and the head (chutich) and the
dân vận officers above the ward see an alert with its cases; the run also raises the crowds that the
reception demo seeded. Idempotent (each case has its idempotency key; the run keeps one open alert)."""

from __future__ import annotations

import datetime as dt

from danvan.cases.models import Case
from danvan.cases.services.intake import Petition, case_submit
from danvan.core import clock
from danvan.org.choices import Role
from danvan.org.models import RoleAssignment

HISTORY_DAYS = (9, 15, 21, 27, 33, 39, 45, 51, 57)  # one case about every six days
SURGE_DAYS = (0, 0, 1, 1, 1, 2, 3, 4, 5)  # nine in the last week
PLACES = ("bờ sông", "chợ", "kiệt 7", "kiệt 12", "đường Lê Lợi", "bến đò", "công viên", "trường học", "kiệt 3")


def demo_warnings_seed(addr: str) -> list[str]:
    from danvan.insight.services.warnings import warnings_detect

    head = (
        RoleAssignment.objects.filter(user__username="chutich", role=Role.HEAD).select_related("organization").first()
    )
    if head is None:
        return []
    unit = head.organization.unit
    today = clock.today()
    for number, back in enumerate(HISTORY_DAYS + SURGE_DAYS):
        key = f"demo-warn-{number}"
        if Case.objects.filter(idempotency_key=key).exists():
            continue
        where = PLACES[number % len(PLACES)]
        surge = number >= len(HISTORY_DAYS)
        title = f"Rác thải đổ trộm ở {where}" if surge else f"Cống thoát nước bốc mùi ở {where}"
        case = case_submit(actor=None, idempotency_key=key, petition=Petition(
            content=f"{title}, đề nghị phường cho thu gom và xử lý (dữ liệu demo).", title=title, track="pakn",
            topic_code="moi-truong", place_unit_id=unit.pk, name="Phan Văn Minh", phone="0905777888",
            consent=True, consent_text="Tôi đồng ý (dữ liệu demo).",
        )).case  # fmt: skip
        Case.objects.filter(pk=case.pk).update(received_on=today - dt.timedelta(days=back))
    run = warnings_detect(today=today)
    return [f"Cảnh báo sớm ({run.raised} mới; chutich): http://{addr}/dan-y/canh-bao/",
            f"Điểm nóng và tình hình dư luận tuần (chutich): http://{addr}/dan-y/diem-nong/"]  # fmt: skip
