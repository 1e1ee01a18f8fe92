"""Demo routing rules and a handful of cases in different states, for the demo province.

Idempotent: rules are matched on (organization, unit); cases on their idempotency key.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from danvan.cases.choices import Channel, Track
from danvan.cases.models import Case, RoutingRule
from danvan.cases.services import handling
from danvan.cases.services.intake import Petition, case_submit
from danvan.org.choices import UnitEra, UnitLevel
from danvan.org.models import AdministrativeUnit, Organization, User

SAMPLES: list[dict[str, Any]] = [
    {"key": "demo-1", "track": Track.PAKN, "title": "Đèn đường hỏng trên đường Lê Lợi",
     "content": "Ba cột đèn đường trước số 20 Lê Lợi không sáng đã hai tuần, buổi tối rất tối và nguy hiểm.",
     "place": "phuong phu xuan, hue", "steps": ["register"]},
    {"key": "demo-2", "track": Track.KHIEU_NAI, "title": "Khiếu nại quyết định thu hồi đất",
     "content": "Tôi khiếu nại Quyết định số 12/QĐ-UBND về việc thu hồi 120 m² đất vườn vì chưa được bồi thường thỏa đáng.",
     "place": "Phường Phú Xuân, Thành phố Huế", "steps": ["accept", "start_verification"]},
    {"key": "demo-3", "track": Track.TO_CAO, "title": "Tố cáo cán bộ địa chính",
     "content": "Cán bộ địa chính phường yêu cầu nộp thêm tiền ngoài quy định khi làm thủ tục cấp giấy chứng nhận.",
     "place": "P. Phú Xuân, TP Huế", "steps": ["accept"]},
    {"key": "demo-4", "track": Track.UNCLASSIFIED, "title": "Rác thải ùn ứ ở chợ",
     "content": "Khu vực phía sau chợ rác thải ùn ứ nhiều ngày chưa được thu gom, bốc mùi hôi thối.",
     "place": "phu xuan, tt hue", "steps": []},
]  # fmt: skip


@transaction.atomic
def demo_cases_seed(province_code: int) -> int:
    """Route each commune's cases to its UBND and the rest to the province's reception board."""
    province = AdministrativeUnit.objects.get(era=UnitEra.CURRENT, level=UnitLevel.PROVINCE, code=province_code)
    for commune in AdministrativeUnit.objects.filter(era=UnitEra.CURRENT, level=UnitLevel.COMMUNE, province=province):
        body = Organization.objects.filter(code=f"{province_code}-{commune.code}-ubnd").first()
        if body is not None:
            RoutingRule.objects.get_or_create(organization=body, unit=commune, track="", topic=None)
    fallback = Organization.objects.filter(code=f"{province_code}-ban-tcd").first()
    if fallback is not None:
        RoutingRule.objects.get_or_create(organization=fallback, unit=province, track="", topic=None)
    handler = User.objects.filter(username="xuly").first()
    created = 0
    for sample in SAMPLES:
        if Case.objects.filter(channel=Channel.WEB, idempotency_key=sample["key"]).exists():
            continue
        petition = Petition(content=sample["content"], title=sample["title"], track=sample["track"],
                            place_text=sample["place"], name="Trần Thị Bình", phone="0905123456",
                            email="binh@example.vn", address="12 Lê Lợi, Huế", consent=True,
                            consent_text="Tôi đồng ý (dữ liệu demo).")  # fmt: skip
        case = case_submit(actor=None, petition=petition, idempotency_key=sample["key"]).case
        created += 1
        for step in sample["steps"]:
            if handler is not None:
                getattr(handling, f"case_{step}")(case=case, actor=handler)
    return created
