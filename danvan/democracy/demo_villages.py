"""The villages part's demo rows (see demo.py): in the demo's first ward of Huế (province 46: the first
current commune by code with a People's Committee), two residential groups ``tdp-1`` and ``tdp-2`` on
the org demo's ``-cd-1`` and ``-cd-2`` bodies, with 30 and 24 households (synthetic names and numbers,
the same every time), and the head of tdp-1, ``totruong``. Written through the services; running it
again changes nothing."""

from __future__ import annotations

from django.db import transaction

from danvan.core.errors import DomainError
from danvan.democracy import choices
from danvan.democracy.models import Household, Village
from danvan.democracy.selectors.communes import commune_committee
from danvan.democracy.services import villages as services
from danvan.org import services as org_services
from danvan.org.choices import Role, UnitEra, UnitLevel
from danvan.org.demo import DEMO_PASSWORD
from danvan.org.models import AdministrativeUnit, Organization, User

PROVINCE = 46
VILLAGES = [("tdp-1", 30), ("tdp-2", 24)]
HEAD = "totruong"
_SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
_MIDDLE = ["Văn", "Thị", "Hữu", "Đình", "Ngọc", "Minh", "Thanh", "Quang"]
_GIVEN = ["An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiền", "Hòa", "Hùng", "Khánh", "Lan", "Linh",
          "Long", "Mai", "Minh", "Nam", "Nga", "Phúc", "Quý", "Sơn", "Tâm", "Thảo", "Thu", "Trung", "Tuấn", "Vy"]  # fmt: skip


def demo_name(i: int) -> str:
    """The ``i``-th synthetic representative (deterministic, no real person)."""
    return f"{_SURNAMES[i % len(_SURNAMES)]} {_MIDDLE[(i // 3) % len(_MIDDLE)]} {_GIVEN[(i * 7) % len(_GIVEN)]}"


def demo_commune() -> AdministrativeUnit | None:
    """The demo's ward: the first current commune of Huế, by code, that has a People's Committee."""
    units = AdministrativeUnit.objects.filter(era=UnitEra.CURRENT, level=UnitLevel.COMMUNE, province__code=PROVINCE)
    for unit in units.order_by("code")[:50]:
        if commune_committee(unit) is not None:
            return unit
    return None


@transaction.atomic
def seed(addr: str) -> list[str]:
    commune = demo_commune()
    admin = User.objects.filter(username="quantri").first()
    if commune is None or admin is None:
        raise DomainError("run the org demo first (`danvan demo`): no ward of Huế with a People's Committee")
    serial = 0
    villages = []
    for index, (code, count) in enumerate(VILLAGES, start=1):
        village = Village.objects.filter(commune=commune, code=code).first()
        if village is None:
            # The org demo's body "Tổ dân phố <i>, <ward>" (code <province>-<commune>-cd-<i>) is reused by name.
            body = Organization.objects.filter(code=f"{PROVINCE}-{commune.code}-cd-{index}").first()
            name = body.name if body is not None else f"Tổ dân phố {index}"
            village = services.village_create(actor=admin, commune=commune, code=code, name=name,
                                              kind=choices.VillageKind.TO_DAN_PHO, reason="demo")  # fmt: skip
        villages.append(village)
        for i in range(1, count + 1):
            serial += 1
            if Household.objects.filter(village=village, code=f"H{i:03d}").exists():
                continue
            services.household_create(actor=admin, village=village, code=f"H{i:03d}", representative_name=demo_name(serial),
                                      phone=f"0905{index}{i:05d}", email="", members=2 + (serial % 4), reason="demo")  # fmt: skip
    head, created = User.objects.get_or_create(username=HEAD, defaults={"full_name": "Nguyễn Văn Tổ"})
    if created:
        head.set_password(DEMO_PASSWORD)
        head.save(update_fields=["password"])
    org_services.role_assign(actor=admin, user=head, role=Role.VILLAGE_HEAD, organization=villages[0].organization,
                             reason="demo", check_permission=False)  # fmt: skip
    base = f"http://{addr}"
    return [
        f"Dân chủ ở cơ sở — trang công khai của {commune.name}: {base}/dan-chu/{commune.code}/",
        f"Thôn, tổ dân phố và hộ gia đình (cán bộ): {base}/van-hanh/dan-chu/thon/",
        f"Tổ trưởng {villages[0].name}: {HEAD} / {DEMO_PASSWORD} (chutich quản lý cả phường)",
    ]
