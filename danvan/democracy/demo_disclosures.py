"""The disclosures part's demo rows (see demo.py), in the demo's first ward of Huế (46): a budget
disclosure (item 2) posted 30 days and on the portal, a support-policy disclosure (item 7) posted, on
the loudspeakers 3 days and through the village heads, and a fee disclosure (item 12) published late.
Every row goes through the services as the ward's chair (chutich). A disclosure already there (by its
title) is left as it is, so running it again, even another day, changes nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse

from danvan.core import clock
from danvan.democracy.enums import Channel, DisclosureItem
from danvan.democracy.models import Disclosure
from danvan.democracy.selectors import disclosures as selectors
from danvan.democracy.services import disclosures as services
from danvan.org.choices import UnitEra, UnitLevel
from danvan.org.models import AdministrativeUnit, User

PROVINCE = 46


def _first_commune() -> AdministrativeUnit | None:
    return (
        AdministrativeUnit.objects.filter(era=UnitEra.CURRENT, level=UnitLevel.COMMUNE, province__code=PROVINCE)
        .order_by("code")
        .first()
    )


def _one(actor: Any, commune: AdministrativeUnit, *, item: DisclosureItem, title: str, ref: str, decided_on: dt.date,
         summary: str, channels: list[tuple[Channel, int, str]]) -> Disclosure:  # fmt: skip
    """``channels``: (channel, days after the decision it started, place); a channel with a minimum ends
    on its earliest lawful end (deadline engine)."""
    existing = Disclosure.objects.filter(commune=commune, title=title).first()
    if existing is not None:
        return existing
    row = services.disclosure_record(actor=actor, commune=commune, data=services.DisclosureInput(
        item=item, title=title, decided_on=decided_on, summary=summary, document_ref=ref))  # fmt: skip
    for channel, after, place in channels:
        starts_on = decided_on + dt.timedelta(days=after)
        step = selectors.STEP_OF_CHANNEL.get(channel)
        duty = selectors.channel_duty(item, channel)
        ends_on = (
            selectors.deadline_minimum_end(step, starts_on) if step and duty and duty.min_days is not None else None
        )
        services.channel_add(actor=actor, disclosure=row, channel=channel, starts_on=starts_on, ends_on=ends_on,
                             place=place)  # fmt: skip
    return services.disclosure_publish(actor=actor, disclosure=row)


def seed(addr: str) -> list[str]:
    commune = _first_commune()
    actor = User.objects.filter(username="chutich").first()
    if commune is None or actor is None:
        return []
    today = clock.today()
    office = f"Trụ sở UBND {commune.name}"
    budget = _one(
        actor,
        commune,
        item=DisclosureItem.BUDGET,
        title="Dự toán ngân sách năm và kết quả thực hiện quý III",
        ref="45/QĐ-UBND",
        decided_on=today - dt.timedelta(days=12),
        summary="Dự toán thu, chi ngân sách đã được HĐND thông qua; tình hình thực hiện quý III.",
        channels=[(Channel.POSTING, 2, office), (Channel.PORTAL, 2, "Cổng thông tin điện tử")],
    )
    support = _one(
        actor, commune, item=DisclosureItem.SUPPORT_POLICIES,
        title="Danh sách hộ được hỗ trợ xóa nhà tạm, nhà dột nát", ref="52/QĐ-UBND",
        decided_on=today - dt.timedelta(days=6),
        summary="Tiêu chí, danh sách hộ được hỗ trợ và mức hỗ trợ; ý kiến gửi về UBND trong thời gian niêm yết.",
        channels=[(Channel.POSTING, 1, office), (Channel.LOUDSPEAKER, 1, "Đài truyền thanh"),
                  (Channel.VILLAGE_HEADS, 2, "Tổ trưởng tổ dân phố"), (Channel.PORTAL, 1, "Cổng thông tin điện tử")],
    )  # fmt: skip
    late = _one(
        actor, commune, item=DisclosureItem.FEES, title="Mức thu phí vệ sinh môi trường năm nay",
        ref="38/QĐ-UBND", decided_on=today - dt.timedelta(days=25),
        summary="Mức thu phí vệ sinh đối với hộ gia đình, hộ kinh doanh.",
        channels=[(Channel.POSTING, 12, office), (Channel.LOUDSPEAKER, 12, "Đài truyền thanh"),
                  (Channel.VILLAGE_HEADS, 13, "Tổ trưởng tổ dân phố"), (Channel.PORTAL, 12, "Cổng thông tin điện tử")],
    )  # fmt: skip
    public = reverse("democracy:disclosures_public", args=[commune.code])
    lines = [f"Dân biết (công khai) {commune.name}: http://{addr}{public}",
             f"  Cán bộ (chutich): http://{addr}{reverse('democracy:disclosure_list')}"]  # fmt: skip
    for row in (budget, support, late):
        lines.append(
            f"  {row.title}: http://{addr}{reverse('democracy:disclosure_public', args=[commune.code, row.pk])}"
        )
    return lines
