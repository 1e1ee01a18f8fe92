"""Shared steps of the decisions tests: a matter through the services, a village of N households."""

from __future__ import annotations

import datetime as dt
from typing import Any

from danvan.democracy.enums import DecisionItem, Proposer, Scope
from danvan.democracy.models import Household, Matter, Village
from danvan.democracy.services import decisions as s
from danvan.democracy.tests.factories import DemocracyWorld

TEAM = ["Lê Văn A", "Trần Thị B", "Phạm Văn C"]
SIGNED: dict[str, Any] = {"signed_village_head": "Nguyễn Văn Tổ", "signed_front_head": "Lê Thị Mặt",
                          "signed_representatives": ["Chủ hộ 1", "Chủ hộ 2"]}  # fmt: skip


def grow(village: Village, total: int) -> None:
    """Give ``village`` exactly ``total`` counted households."""
    have = Household.objects.filter(village=village, is_active=True).count()
    if total > have:
        start = Household.objects.filter(village=village).count()
        for i in range(total - have):
            n = start + i + 1
            Household.objects.create(village=village, code=f"X{n:04d}", representative_name=f"Hộ {n}",
                                     phone=f"08{village.pk:02d}{n:06d}")  # fmt: skip


def propose(w: DemocracyWorld, item: DecisionItem = DecisionItem.INFRASTRUCTURE_CONTRIBUTION, **kw: Any) -> Matter:
    fields: dict[str, Any] = {"actor": w.village_head, "scope": Scope.VILLAGE, "item": item, "village": w.village,
                              "title": "Làm đường kiệt", "content": "Mỗi hộ góp 500.000 đồng",
                              "proposer": Proposer.VILLAGE_HEAD, "front_agreed_on": dt.date(2026, 2, 2)}  # fmt: skip
    fields.update(kw)
    return s.matter_propose(**fields)


def meeting(w: DemocracyWorld, matter: Matter, *, present: int, yes: int, actor: Any = None, **kw: Any) -> Any:
    actor = actor or w.village_head
    round_ = s.meeting_open(actor=actor, matter=matter, held_on=dt.date(2026, 2, 5), village=kw.pop("village", None))
    total = round_.households_total
    fields = {"chaired_by": "Nguyễn Văn Tổ", "secretary": "Lê Thư Ký", "present": present, "absent": total - present,
              "method": "hands", "yes": yes, "no": present - yes}  # fmt: skip
    fields.update(kw)
    return round_, s.meeting_record(actor=actor, round_=round_, **fields)


PASSWORD = "DanVan@2026"  # the demo password (danvan.org.demo.DEMO_PASSWORD)


def demo_world(households_n: int = 30) -> Any:
    """The demo province (org.demo) and, standing in for the villages part's seed, residential group
    tdp-1 of the first ward with ``households_n`` households and its head ``totruong1`` (demo password)."""
    from danvan.democracy import demo_villages
    from danvan.democracy.tests.factories import officer, village
    from danvan.org.choices import Role
    from danvan.org.demo import demo_seed
    from danvan.org.models import RoleAssignment, User

    demo_seed(46)
    demo_villages.seed("http://testserver")
    head = User.objects.get(username="chutich")
    ubnd = RoleAssignment.objects.get(user=head, role="head").organization
    v = Village.objects.filter(commune=ubnd.unit, code="tdp-1").first()
    if v is None:
        v = village(ubnd.unit, ubnd, "tdp-1", "Tổ dân phố 1")
    grow(v, households_n)
    # The villages part's seed gives tdp-1 more households: count exactly ``households_n`` of them.
    extra = Household.objects.filter(village=v, is_active=True).order_by("code").values_list("pk", flat=True)
    Household.objects.filter(pk__in=list(extra[households_n:])).update(is_active=False)
    if not User.objects.filter(username="totruong1").exists():
        user = officer("totruong1", Role.VILLAGE_HEAD, v.organization, full_name="Nguyễn Văn Tổ")
        user.set_password(PASSWORD)
        user.save()
    return v
