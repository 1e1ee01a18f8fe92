"""The evaluation part's demo rows (see demo.py; it runs last, after the other parts and apps): the yearly
dân vận evaluation of the People's Committees of the demo province's first communes (where the demo's
cases go and its satisfaction survey runs), computed by the Ban Tuyên giáo và Dân vận's officer
(``danvan``, given the dân vận officer's role over the People's Committees for this), one of them
confirmed by the committee and then changed with its reason (so it has two versions).

The year evaluated is the last one that is over (a year not over is refused, ``errors.YEAR_NOT_ENDED``):
what the demo recorded in that year is counted, the rest is shown "chưa đo" (not measured), never zero.
Running it again changes nothing: a confirmed evaluation is frozen and the change is made once."""

from __future__ import annotations

from danvan.core import clock
from danvan.emulation.rules.evaluation import EvaluationStatus, Grade
from danvan.emulation.selectors import evaluation as selectors
from danvan.emulation.services import evaluation as services
from danvan.org import services as org_services
from danvan.org.choices import Role, UnitLevel
from danvan.org.models import Organization, RoleAssignment, User

UNITS = 3  # the first communes' People's Committees
FIRST_REASON = "Hội đồng thống nhất mức đề xuất sau khi xem báo cáo công tác dân vận năm của đơn vị."
CHANGE_REASON = (
    "Hội đồng xét lại: phường còn để xảy ra khiếu nại đông người về bồi thường, giải phóng mặt bằng chưa được "
    "giải quyết dứt điểm; hạ một mức so với lần xác nhận trước."
)


def _grant(admin: User, user: User, body: Organization) -> None:
    held = RoleAssignment.objects.filter(user=user, role=Role.DAN_VAN_OFFICER, organization=body, include_subtree=True)
    if not held.exists():
        org_services.role_assign(actor=admin, user=user, role=Role.DAN_VAN_OFFICER, organization=body,
                                 include_subtree=True, reason="demo: đánh giá công tác dân vận hằng năm",
                                 check_permission=False)  # fmt: skip


def _lower(grade: str) -> str:
    order = [g.value for g in Grade]
    return order[min(order.index(grade) + 1, len(order) - 1)] if grade in order else Grade.HOAN_THANH.value


def seed(addr: str) -> list[str]:
    admin = User.objects.filter(username="quantri").first()
    officer = User.objects.filter(username="danvan").first()
    tgdv = Organization.objects.filter(code__endswith="-ban-tgdv").order_by("code").first()
    if admin is None or officer is None or tgdv is None:
        return []
    province_code = tgdv.code.split("-")[0]
    city = Organization.objects.filter(code=f"{province_code}-ubnd").first()
    if city is None:
        return []
    _grant(admin, officer, city)
    units = list(
        Organization.objects.filter(code__startswith=f"{province_code}-", kind__code="ubnd",
                                    unit__level=UnitLevel.COMMUNE).order_by("code")[:UNITS]
    )  # fmt: skip
    if not units:
        return []
    year = clock.today().year - 1
    if any(selectors.evaluation_current(unit.pk, year) is None for unit in units):  # once: a second run changes nothing
        services.evaluation_run(user=officer, organizations=units, year=year)
    first = selectors.evaluation_current(units[0].pk, year)
    if first is not None and first.status == EvaluationStatus.PROPOSED:
        grade = first.proposed_grade or Grade.TOT.value
        reason = FIRST_REASON if first.proposed_grade else (
            "Số liệu trên nền tảng chưa đủ để đề xuất; hội đồng xếp loại theo báo cáo công tác dân vận năm của đơn vị."
        )  # fmt: skip
        confirmed = services.evaluation_confirm(user=officer, evaluation=first, grade=grade, reason=reason)
        first = services.evaluation_confirm(user=officer, evaluation=confirmed, grade=_lower(grade),
                                            reason=CHANGE_REASON)  # fmt: skip
    base = f"http://{addr}/van-hanh/thi-dua/danh-gia/"
    lines = [f"Đánh giá công tác dân vận năm {year} của {len(units)} UBND xã, phường (danvan): {base}?year={year}"]
    if first is not None:
        lines.append(f"Kết quả đánh giá của {units[0].name}, đã xác nhận rồi điều chỉnh có lý do (danvan): "
                     f"{base}{first.pk}/")  # fmt: skip
    lines.append(f"Phương pháp đánh giá (chỉ tiêu, trọng số, ngưỡng điểm): {base}phuong-phap/")
    lines.append(f"  (Chỉ đánh giá năm đã kết thúc: số liệu demo ghi trong năm {year + 1} sẽ được tính khi năm đó kết thúc; "
                 f"chỉ tiêu chưa có số liệu hiển thị “chưa đo”, không tính là 0.)")  # fmt: skip
    return lines
