"""The drafts part's demo rows (see demo.py), in the democracy demo's ward of Huế (province 46: the first
current commune by code with a People's Committee), both through the services as the ward's chair
(``chutich``):

- ``di-doi-cho-phu-xuan``: "Phương án di dời chợ Phú Xuân" (item 1), the ward's people, no account
  needed, open from 5 days ago for 30 days, a six-article draft;
- ``chinh-trang-via-he-phu-xuan``: a draft decision on tidying the pavements (item 5), consulted last
  month and closed, with its revised version 2 (the answers part answers the views and publishes the
  summary).

A consultation already there (by its code) is left as it is: running it again changes nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from danvan.consultations import choices
from danvan.consultations.models import Consultation
from danvan.consultations.services import drafts as services
from danvan.core import clock
from danvan.democracy.selectors.communes import commune_committee
from danvan.org.choices import UnitEra, UnitLevel
from danvan.org.models import AdministrativeUnit, User

PROVINCE = 46
MARKET = "di-doi-cho-phu-xuan"
PAVEMENT = "chinh-trang-via-he-phu-xuan"

MARKET_TEXT = """ỦY BAN NHÂN DÂN {ward}
DỰ THẢO PHƯƠNG ÁN
Di dời tạm chợ Phú Xuân để đầu tư xây dựng mới

Điều 1. Mục đích, phạm vi
1. Di dời tạm toàn bộ hoạt động kinh doanh của chợ Phú Xuân để tháo dỡ, xây dựng mới nhà chợ chính đã xuống cấp.
2. Thời gian di dời dự kiến 18 tháng, kể từ ngày chợ tạm đi vào hoạt động.

Điều 2. Địa điểm chợ tạm
1. Chợ tạm bố trí tại bãi đất trống đường Lê Lợi (diện tích khoảng 4.200 m²), cách chợ cũ 600 m.
2. Chợ tạm có mái che, hệ thống điện, nước, nhà vệ sinh công cộng, phòng cháy chữa cháy và khu để xe.

Điều 3. Bố trí sạp hàng
1. Giữ nguyên ngành hàng và diện tích sạp như tại chợ cũ.
2. Vị trí sạp trong từng ngành hàng được bốc thăm công khai, có đại diện Ủy ban MTTQ phường giám sát.
3. Ưu tiên hộ kinh doanh là người cao tuổi, người khuyết tật được bố trí sạp gần lối ra vào.

Điều 4. Hỗ trợ tiểu thương
1. Miễn tiền thuê sạp 06 tháng đầu tại chợ tạm.
2. Hỗ trợ chi phí vận chuyển hàng hóa, di dời quầy kệ 2.000.000 đồng/hộ.
3. Tiểu thương tại chợ cũ được ưu tiên đăng ký lại sạp tại chợ mới với giá thuê không tăng quá 10% trong 02 năm đầu.

Điều 5. Giao thông, trật tự và vệ sinh môi trường
1. Tổ chức phân luồng giao thông giờ cao điểm buổi sáng trên đường Lê Lợi; không họp chợ lấn chiếm lòng đường.
2. Thu gom rác thải tại chợ tạm hai lần mỗi ngày; xử lý nước thải trước khi xả ra hệ thống chung.

Điều 6. Tổ chức thực hiện
1. Ban Quản lý chợ chủ trì lập danh sách tiểu thương, tổ chức bốc thăm và bàn giao sạp.
2. Các tổ dân phố phổ biến phương án đến từng hộ dân; tổng hợp ý kiến gửi UBND phường.
3. Công an phường bảo đảm an ninh, trật tự trong thời gian di dời.
"""

PAVEMENT_TEXT = """ỦY BAN NHÂN DÂN {ward}
DỰ THẢO QUYẾT ĐỊNH
Về việc chỉnh trang, sắp xếp vỉa hè trên địa bàn phường

Điều 1. Phạm vi áp dụng
Quyết định này áp dụng đối với vỉa hè các tuyến đường Lê Lợi, Hùng Vương, Bến Nghé thuộc địa bàn phường.

Điều 2. Sử dụng vỉa hè
1. Dành tối thiểu 1,5 m chiều rộng vỉa hè cho người đi bộ.
2. Hộ kinh doanh được để xe, bày hàng trong phạm vi vạch sơn, không quá 1/2 chiều rộng vỉa hè còn lại.

Điều 3. Thời gian chỉnh trang
Các hộ tự tháo dỡ mái che, bục bệ lấn chiếm vỉa hè trong 30 ngày kể từ ngày Quyết định có hiệu lực.

Điều 4. Tổ chức thực hiện
Tổ trưởng tổ dân phố phổ biến đến từng hộ; Công an phường, Đội trật tự đô thị kiểm tra, nhắc nhở.
"""

PAVEMENT_REVISED = """Điều 1. Phạm vi áp dụng
Quyết định này áp dụng đối với vỉa hè các tuyến đường Lê Lợi, Hùng Vương, Bến Nghé thuộc địa bàn phường.

Điều 2. Sử dụng vỉa hè
1. Dành tối thiểu 1,5 m chiều rộng vỉa hè cho người đi bộ; trước cổng trường học dành toàn bộ vỉa hè.
2. Hộ kinh doanh được để xe, bày hàng trong phạm vi vạch sơn, không quá 1/2 chiều rộng vỉa hè còn lại.

Điều 3. Thời gian chỉnh trang
Các hộ tự tháo dỡ mái che, bục bệ lấn chiếm vỉa hè trong 60 ngày kể từ ngày Quyết định có hiệu lực; hộ khó khăn được Ủy ban MTTQ phường và các đoàn thể hỗ trợ nhân công.

Điều 4. Tổ chức thực hiện
Tổ trưởng tổ dân phố phổ biến đến từng hộ; Công an phường, Đội trật tự đô thị kiểm tra, nhắc nhở.
"""


def _commune() -> AdministrativeUnit | None:
    units = AdministrativeUnit.objects.filter(era=UnitEra.CURRENT, level=UnitLevel.COMMUNE, province__code=PROVINCE)
    for unit in units.order_by("code")[:50]:
        if commune_committee(unit) is not None:
            return unit
    return None


def _input(body: Any, commune: AdministrativeUnit, officers: list[Any], **fields: Any) -> services.ConsultationInput:
    return services.ConsultationInput(organization=body, place=commune, responsible=officers, **fields)


def _market(actor: Any, body: Any, commune: AdministrativeUnit, officers: list[Any], today: dt.date) -> Consultation:
    c = services.consultation_create(actor=actor, text=MARKET_TEXT.format(ward=commune.name.upper()), data=_input(
        body, commune, officers, code=MARKET, item=choices.Item.SOCIO_ECONOMIC_PLAN,
        title="Phương án di dời chợ Phú Xuân",
        summary=("Di dời tạm chợ Phú Xuân về bãi đất đường Lê Lợi trong 18 tháng để xây dựng mới nhà chợ chính; "
                 "bố trí sạp, hỗ trợ tiểu thương, giữ trật tự và vệ sinh khu vực chợ tạm."),
        basis="Điều 25 Luật Thực hiện dân chủ ở cơ sở năm 2022",
        audience=choices.Audience.COMMUNE, verification=choices.Verification.OPEN,
        channels=[choices.Channel.PLATFORM.value, choices.Channel.MEETING.value, choices.Channel.DIALOGUE.value,
                  choices.Channel.FRONT.value],
        opens_on=today - dt.timedelta(days=5), closes_on=today + dt.timedelta(days=25),
    ))  # fmt: skip
    return services.consultation_open(actor=actor, consultation=c)


def _pavement(actor: Any, body: Any, commune: AdministrativeUnit, officers: list[Any], today: dt.date) -> Consultation:
    c = services.consultation_create(actor=actor, text=PAVEMENT_TEXT.format(ward=commune.name.upper()), data=_input(
        body, commune, officers, code=PAVEMENT, item=choices.Item.COMMUNITY_DECISION,
        title="Dự thảo Quyết định chỉnh trang vỉa hè trên địa bàn phường",
        summary="Sắp xếp lại vỉa hè ba tuyến đường chính: lối đi cho người đi bộ, phạm vi để xe và bày hàng.",
        basis="Điều 25 Luật Thực hiện dân chủ ở cơ sở năm 2022",
        audience=choices.Audience.COMMUNE, verification=choices.Verification.RESIDENT,
        channels=[choices.Channel.PLATFORM.value, choices.Channel.MEETING.value],
        opens_on=today, closes_on=today + dt.timedelta(days=20),
    ))  # fmt: skip
    services.consultation_open(actor=actor, consultation=c)
    services.consultation_close(actor=actor, consultation=c)
    services.version_add(actor=actor, consultation=c, text=PAVEMENT_REVISED,
                         change_note=("Tiếp thu ý kiến Nhân dân: dành toàn bộ vỉa hè trước cổng trường học cho học "
                                      "sinh; kéo dài thời gian tự tháo dỡ lên 60 ngày, hỗ trợ hộ khó khăn."))  # fmt: skip
    # The demo shows a consultation of last month: its period is moved back after the services ran today.
    first = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    Consultation.objects.filter(pk=c.pk).update(opens_on=first, closes_on=first + dt.timedelta(days=20))
    return Consultation.objects.get(pk=c.pk)


@transaction.atomic
def seed(addr: str) -> list[str]:
    commune = _commune()
    actor = User.objects.filter(username="chutich").first()
    if commune is None or actor is None:
        return []
    body = commune_committee(commune)
    officers = list(User.objects.filter(username__in=["chutich", "xuly"]))
    today = clock.today()
    lines = [f"Lấy ý kiến Nhân dân ({commune.name}):"]
    for code, make in ((MARKET, _market), (PAVEMENT, _pavement)):
        c = Consultation.objects.filter(code=code).first() or make(actor, body, commune, officers, today)
        lines.append(f"  {c.title} — {c.get_status_display()}: http://{addr}/gop-y/{c.code}/ "
                     f"(cán bộ: http://{addr}/van-hanh/gop-y/dot/{c.code}/)")  # fmt: skip
    return lines
