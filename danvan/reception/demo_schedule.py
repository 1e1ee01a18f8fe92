"""The schedule part of reception's demo: in Huế, the ward's reception point (its chair receives there)
and the city's reception office (the city chair's), the heads' duties, and the sessions of the weeks
around today generated from the frequency table in force; the past ones marked held, and one ad hoc
session. Idempotent: running it again changes nothing (the generation never makes a session twice)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from danvan.core import clock
from danvan.core.clock import VIETNAM
from danvan.org import services as org_services
from danvan.org.choices import Role
from danvan.org.demo import DEMO_PASSWORD
from danvan.org.models import Organization, RoleAssignment, User
from danvan.reception import choices
from danvan.reception.models import HeadDuty, ReceptionPoint, ReceptionSession
from danvan.reception.services import schedule as services

PROVINCE = "46"  # Thành phố Huế (danvan/org/demo.py)
DEMO_NAMES = {"chutichtp": "Nguyễn Văn Thành", "cbtiepdan": "Hồ Thị Tiếp Dân"}


def _account(admin: User, username: str, role: str, organization: Organization, title: str) -> User:
    user, created = User.objects.get_or_create(username=username, defaults={"full_name": DEMO_NAMES[username]})
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    if not RoleAssignment.objects.filter(user=user, role=role, organization=organization).exists():
        org_services.role_assign(actor=admin, user=user, role=role, organization=organization, reason="demo",
                                 check_permission=False)  # fmt: skip
        user.positions.get_or_create(organization=organization, title=title, defaults={"is_head": role == Role.HEAD})
    return user


def _point(admin: User, org: Organization, name: str, address: str, officers: list[Any]) -> ReceptionPoint:
    point = ReceptionPoint.objects.filter(organization=org, name=name).first()
    if point is None:
        point = services.point_create(actor=admin, organization=org, name=name, address=address, officers=officers,
                                      hours="Thứ Hai – Thứ Sáu, 7:30–11:30 và 13:30–17:00", phone="0234 3822 000")  # fmt: skip
    return point


def _duty(admin: User, point: ReceptionPoint, head: User, kind: str, level: str, weekday: int) -> HeadDuty:
    duty = HeadDuty.objects.filter(point=point, head=head, head_kind=kind, valid_to__isnull=True).first()
    if duty is None:
        duty = services.duty_create(actor=admin, point=point, head=head, head_kind=kind, level=level, weekday=weekday,
                                    valid_from=dt.date(2025, 7, 1))  # fmt: skip
    return duty


@transaction.atomic
def demo_schedule(addr: str) -> list[str]:
    admin = User.objects.filter(username="quantri").first()
    chair = User.objects.filter(username="chutich").first()
    if admin is None or chair is None:
        return []
    ward = (RoleAssignment.objects.filter(user=chair, role=Role.HEAD).select_related("organization")
            .order_by("id").first())  # fmt: skip
    city = Organization.objects.filter(code=f"{PROVINCE}-ubnd").first()
    if ward is None or city is None:
        return []
    ward_org = ward.organization
    officer = _account(admin, "cbtiepdan", Role.RECEPTION_OFFICER, ward_org, "Công chức tiếp công dân")
    city_chair = _account(admin, "chutichtp", Role.HEAD, city, "Chủ tịch UBND thành phố")
    ward_point = _point(admin, ward_org, f"Điểm tiếp công dân {ward_org.name}", f"Trụ sở {ward_org.name}, Huế",
                        [officer])  # fmt: skip
    city_point = _point(admin, city, "Trụ sở Tiếp công dân thành phố Huế", "16 Lê Lợi, Phường Thuận Hóa, Huế", [])
    _duty(admin, ward_point, chair, choices.HeadKind.UBND_CHAIR, choices.Level.COMMUNE, 3)
    _duty(admin, city_point, city_chair, choices.HeadKind.UBND_CHAIR, choices.Level.PROVINCE, 1)
    today = clock.today()
    monday = today - dt.timedelta(days=today.weekday())
    made = services.sessions_generate(actor=admin, date_from=monday - dt.timedelta(weeks=3),
                                      date_to=monday + dt.timedelta(weeks=4, days=-1)).made  # fmt: skip
    # A session in the days around today whatever the month's rhythm: the ward chair receives at once on
    # a crowd's matter tomorrow (Art. 18(3)).
    if not ReceptionSession.objects.filter(point=ward_point, kind=choices.SessionKind.AD_HOC).exists():
        start = dt.datetime.combine(today + dt.timedelta(days=1), dt.time(14, 0), tzinfo=VIETNAM)
        services.session_ad_hoc_create(
            actor=admin, point=ward_point, head=chair, trigger=choices.AdHocTrigger.ACUTE_COMPLEX_OR_MANY,
            reason="Nhiều hộ dân tổ dân phố 2 phản ánh ngập úng kéo dài sau mưa lớn", starts_at=start,
            ends_at=start + dt.timedelta(hours=2), public_note="Tiếp đột xuất về ngập úng tổ dân phố 2")  # fmt: skip
    held = 0
    past = ReceptionSession.objects.filter(point__in=[ward_point, city_point], status=choices.SessionStatus.PLANNED,
                                           ends_at__lt=clock.now()).select_related("duty")  # fmt: skip
    for session in past:
        services.session_mark_held(actor=admin, session=session, held_by=session.head)
        held += 1
    return [
        f"Lịch tiếp công dân (công khai, tải về lịch .ics): http://{addr}/lich-tiep-cong-dan/",
        f"Lịch tiếp công dân — điểm tiếp, nhiệm vụ, buổi tiếp (chutich, cbtiepdan, chutichtp): "
        f"http://{addr}/van-hanh/tiep-cong-dan/lich/ ({made} buổi mới, {held} buổi đánh dấu đã tiếp)",
    ]
