"""The conferences part's demo rows (see demo.py): last year's yearly community conference of the demo
ward's residential group ``tdp-1`` (seeded by the villages part; looked up by code, never created),
with the three reports and, where the decisions demo left a decided matter there, its execution.
Running it again changes nothing."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.urls import reverse

from danvan.core import clock
from danvan.democracy.models import Conference, Village
from danvan.democracy.services import conferences as services
from danvan.org.choices import UnitEra, UnitLevel
from danvan.org.models import AdministrativeUnit, User

PROVINCE = 46  # Huế

REPORTS = [
    services.ReportInput("village_head", "Báo cáo tình hình tổ dân phố và kết quả thực hiện các nội dung đã quyết định",
                         "Năm qua tổ dân phố giữ vững an ninh trật tự, vệ sinh môi trường được cải thiện; các nội "
                         "dung Nhân dân đã bàn và quyết định được triển khai theo kế hoạch."),
    services.ReportInput("front", "Báo cáo kết quả thực hiện dân chủ ở cơ sở của Ban công tác Mặt trận",
                         "Các nội dung công khai được niêm yết đúng thời hạn tại nhà văn hóa; hội nghị bàn và quyết "
                         "định được tổ chức đúng quy định."),
    services.ReportInput("ttnd", "Báo cáo kết quả giám sát của thành viên Ban Thanh tra nhân dân",
                         "Ban Thanh tra nhân dân giám sát việc sử dụng khoản đóng góp của Nhân dân; không phát hiện "
                         "sai phạm, đã kiến nghị công khai chi tiết các khoản chi."),
]  # fmt: skip


def _village() -> Village | None:
    province = AdministrativeUnit.objects.filter(era=UnitEra.CURRENT, level=UnitLevel.PROVINCE, code=PROVINCE).first()
    if province is None:
        return None
    commune = (AdministrativeUnit.objects.filter(era=UnitEra.CURRENT, level=UnitLevel.COMMUNE, province=province)
               .order_by("code").first())  # fmt: skip
    if commune is None:
        return None
    return Village.objects.filter(commune=commune, code="tdp-1").select_related("commune").first()


def seed(addr: str) -> list[str]:
    village = _village()
    if village is None:
        return ["Hội nghị cộng đồng dân cư: chưa có tổ dân phố tdp-1 (chạy demo thôn, tổ dân phố trước)."]
    year = clock.today().year - 1
    conference = Conference.objects.filter(village=village, year=year).first()
    if conference is None:
        actor = User.objects.filter(username="chutich").first() or User.objects.filter(is_superuser=True).first()
        matters = list(services.selectors.decided_matters(village, year))
        items = [services.ItemInput(m, "in_progress", "Đang triển khai theo kế hoạch.") for m in matters]
        present = services.selectors.households_counted(village)
        with transaction.atomic():
            conference = services.conference_record(
                actor=actor, village=village, year=year, held_on=dt.date(year, 12, 20),
                chaired_by=f"Tổ trưởng {village.name}", present=present * 3 // 4, record=(
                    "Hội nghị nghe các báo cáo, thảo luận và thống nhất kiến nghị với UBND phường về lắp đặt "
                    "đèn chiếu sáng kiệt; bà con đề nghị tiếp tục duy trì ngày Chủ nhật xanh."),
                reports=REPORTS, items=items,
            )  # fmt: skip
    base = addr.rstrip("/") if "://" in addr else f"http://{addr.rstrip('/')}"
    return [
        f"Hội nghị cộng đồng dân cư {year} ({village.name}): {base}{reverse('democracy:conference_public', args=[conference.pk])}",
        f"  Cán bộ (chutich): {base}{reverse('democracy:conference_list')}?nam={year}",
    ]
