"""The evaluation part's demo rows (see demo.py; it runs last, after the other parts and apps): the yearly
dân vận evaluation of the People's Committees of the demo province's communes that the demo's cases go to
and its satisfaction survey runs in, computed by the Ban Tuyên giáo và Dân vận's officer
(``danvan``, whose dân vận officer's role covers the province's People's Committees: org.demo), one of them
confirmed by the committee and then changed with its reason (so it has two versions).

The year evaluated is the current one once its window is open (from 1 December by default, [U]: units are
evaluated in December, before the year ends) — the year the demo's cases, ratings and survey answers are
dated in — otherwise the last one, with the link to the current year's figures to date (provisional).
What the demo recorded in that year is counted, the rest is shown "chưa đo" (not measured), never zero.
The units evaluated are the communes' People's Committees the demo's cases and satisfaction survey went
to in that year (read by the evaluation's own providers): in the demo all of them go to Phú Xuân's, so
that one unit is evaluated, measured on them; its neighbours hold no case or survey answer in the demo and
would only show "chưa đo". With no such data in the year, the first communes are evaluated.
Running it again changes nothing: a confirmed evaluation is frozen and the change is made once."""

from __future__ import annotations

from danvan.core import clock
from danvan.emulation.models import UnitEvaluation
from danvan.emulation.rules.evaluation import EvaluationStatus, Grade
from danvan.emulation.selectors import evaluation as selectors
from danvan.emulation.selectors import evaluation_indicators as indicators
from danvan.emulation.services import evaluation as services
from danvan.org.choices import UnitLevel
from danvan.org.models import Organization, User

UNITS = 3  # at most this many communes' People's Committees
DRAWN_ON = ("cases_on_time", "satisfaction_index")  # the demo's cases and survey
FIRST_REASON = "Hội đồng thống nhất mức đề xuất sau khi xem báo cáo công tác dân vận năm của đơn vị."
CHANGE_REASON = (
    "Hội đồng xét lại: phường còn để xảy ra khiếu nại đông người về bồi thường, giải phóng mặt bằng chưa được "
    "giải quyết dứt điểm; hạ một mức so với lần xác nhận trước."
)
RAISE_REASON = (
    "Hội đồng xét lại: nhiều chỉ tiêu (mô hình “Dân vận khéo”, cam kết, đào tạo) chưa được ghi nhận trên nền tảng "
    "nhưng có trong báo cáo công tác dân vận năm của đơn vị; nâng một mức so với lần xác nhận trước."
)


def _units(province_code: str, year: int) -> list[Organization]:
    """The communes' People's Committees measured on the demo's cases or survey in ``year`` (the registry's
    own providers, as a run reads them); none measured: the first ``UNITS`` communes."""
    communes = list(
        Organization.objects.filter(code__startswith=f"{province_code}-", kind__code="ubnd",
                                    unit__level=UnitLevel.COMMUNE).order_by("code")
    )  # fmt: skip
    measured = indicators.measure(DRAWN_ON, [c.pk for c in communes], year)
    drawn = [c for c in communes if any(measured[key][c.pk].figure is not None for key in DRAWN_ON)]
    return (drawn or communes)[:UNITS]


def _changed(grade: str) -> tuple[str, str]:
    """The committee's second look: one grade lower, or one higher from the lowest; with its reason."""
    order = [g.value for g in Grade]
    at = order.index(grade) if grade in order else order.index(Grade.HOAN_THANH.value)
    if at == len(order) - 1:
        return order[at - 1], RAISE_REASON
    return order[at + 1], CHANGE_REASON


def seed(addr: str) -> list[str]:
    officer = User.objects.filter(username="danvan").first()
    tgdv = Organization.objects.filter(code__endswith="-ban-tgdv").order_by("code").first()
    if officer is None or tgdv is None:
        return []
    province_code = tgdv.code.split("-")[0]
    today = clock.today()
    window = selectors.window(today.year, today)
    year = today.year if window.open else today.year - 1
    units = _units(province_code, year)
    if not units:
        return []
    if any(selectors.evaluation_current(unit.pk, year) is None for unit in units):  # once: a second run changes nothing
        services.evaluation_run(user=officer, organizations=units, year=year)
    first = selectors.evaluation_current(units[0].pk, year)
    if first is not None and first.status == EvaluationStatus.PROPOSED:
        grade = first.proposed_grade or Grade.TOT.value
        reason = FIRST_REASON if first.proposed_grade else (
            "Số liệu trên nền tảng chưa đủ để đề xuất; hội đồng xếp loại theo báo cáo công tác dân vận năm của đơn vị."
        )  # fmt: skip
        confirmed = services.evaluation_confirm(user=officer, evaluation=first, grade=grade, reason=reason)
        changed, why = _changed(grade)
        first = services.evaluation_confirm(user=officer, evaluation=confirmed, grade=changed, reason=why)
    base = f"http://{addr}/van-hanh/thi-dua/danh-gia/"
    names = ", ".join(u.name for u in units)
    lines = [f"Đánh giá công tác dân vận năm {year} ({names}; danvan): {base}?year={year}"]
    if first is not None:
        lines.append(f"Kết quả đánh giá của {units[0].name}, đã xác nhận rồi điều chỉnh có lý do (danvan): "
                     f"{base}{first.pk}/ — số liệu tính đến ngày {first.measured_on:%d/%m/%Y}: {_measured(first)}")  # fmt: skip
    lines.append(f"Phương pháp đánh giá (chỉ tiêu, trọng số, ngưỡng điểm, ngày mở đánh giá; bảng chung cả nước, "
                 f"quantri sửa): {base}phuong-phap/")  # fmt: skip
    if window.open:
        lines.append(f"  (Năm {year} được đánh giá từ ngày {window.opens_on:%d/%m/%Y}, trước khi hết năm; chỉ tiêu "
                     f"chưa có số liệu hiển thị “chưa đo”, không tính là 0.)")  # fmt: skip
    elif window.opens_on is not None:
        lines.append(f"Số liệu năm {today.year} đến nay (tạm tính, chưa phải kết quả đề xuất; mở đánh giá từ ngày "
                     f"{window.opens_on:%d/%m/%Y}): {base}?year={today.year}")  # fmt: skip
    return lines


def _measured(evaluation: UnitEvaluation) -> str:
    """The figures the evaluation drew on, as printed: "giải quyết đúng hạn 46/46, hài lòng 76.5 (40 người)…"."""
    shown = []
    for line in evaluation.lines:
        figure = line.get("figure")
        if figure is None or line["key"] not in SHOWN:
            continue
        if figure.get("numerator") is not None and figure.get("denominator") is not None:
            shown.append(f"{SHOWN[line['key']]} {figure['numerator']}/{figure['denominator']}")
        elif figure.get("denominator") is not None:
            shown.append(f"{SHOWN[line['key']]} {figure['value']:g} ({figure['denominator']} người trả lời)")
        else:
            shown.append(f"{SHOWN[line['key']]} {figure['value']:g}")
    return ", ".join(shown) or "chưa đo được chỉ tiêu nào"


SHOWN = {"cases_on_time": "đơn giải quyết đúng hạn", "satisfaction_index": "chỉ số hài lòng",
         "reception_sessions": "buổi tiếp định kỳ", "disclosures_on_time": "công khai đúng hạn"}  # fmt: skip
