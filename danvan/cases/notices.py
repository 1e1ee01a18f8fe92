"""Written notices in the layout of Nghị định 30/2020/NĐ-CP (administrative documents).

The notice of non-acceptance states its legal ground (Luật Khiếu nại 2011, Điều 11 and 27; Luật Tố
cáo 2018, Điều 29; NĐ 20/2008 for feedback). The layout follows NĐ 30/2020 Phụ lục I as summarised
in legal-spec §10 ([S/U]: to be checked against the official forms before legal use — the
document says so in its footer only in the demo, never in production output).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import translation

from danvan.cases.choices import Track, reject_reasons_for
from danvan.cases.models import Case
from danvan.core import clock

_BASIS = {
    Track.KHIEU_NAI: "Căn cứ Điều 11 và Điều 27 Luật Khiếu nại số 02/2011/QH13",
    Track.TO_CAO: "Căn cứ Điều 29 Luật Tố cáo số 25/2018/QH14",
    Track.PAKN: "Căn cứ Nghị định số 20/2008/NĐ-CP về tiếp nhận, xử lý phản ánh, kiến nghị",
}
_SUBJECT = {
    Track.KHIEU_NAI: "Về việc không thụ lý giải quyết khiếu nại",
    Track.TO_CAO: "Về việc không thụ lý giải quyết tố cáo",
    Track.PAKN: "Về việc không tiếp nhận phản ánh, kiến nghị",
}
_RECIPIENT = {Track.KHIEU_NAI: "người khiếu nại", Track.TO_CAO: "người tố cáo", Track.PAKN: "người phản ánh, kiến nghị"}


@dataclass(frozen=True)
class Notice:
    title: str
    html: str


def _place_name(case: Case) -> str:
    org = case.handling_organization
    unit = org.unit if org is not None else None
    if unit is None:
        return ""
    # NĐ 30/2020: the place is the province for provincial bodies, the commune for commune bodies.
    return unit.short_name


def notice_not_accepted(case: Case) -> Notice:
    """The written notice of non-acceptance, with its legal ground, ready to print and sign.

    Always in Vietnamese: it is an administrative document (NĐ 30/2020, Điều 8).
    """
    with translation.override("vi"):
        return _notice_not_accepted(case)


def _notice_not_accepted(case: Case) -> Notice:
    track = Track(case.track)
    reasons = reject_reasons_for(track)
    reason = str(reasons(case.reject_reason).label) if reasons and case.reject_reason in reasons.values else ""
    event = case.events.filter(action="reject").order_by("-at").first()
    day = clock.local(event.at).date() if event else clock.today()
    org = case.handling_organization
    context = {
        "case": case,
        "parent_name": (org.parent.name if org and org.parent else "").upper(),
        "body_name": (org.name if org else "").upper(),
        "body_short": "UBND" if org and org.kind.code == "ubnd" else "",
        "place": _place_name(case),
        "day": day,
        "subject": _SUBJECT.get(track, ""),
        "basis": _BASIS.get(track, ""),
        "reason": reason,
        "note": event.note if event else "",
        # The notice goes to the petitioner; a denouncer's name is never printed by staff tools.
        "recipient": _RECIPIENT.get(track, "") if case.is_to_cao or not case.contact_name else case.contact_name,
        "recipient_role": _RECIPIENT.get(track, ""),
    }
    return Notice(
        title=f"Thông báo {case.tracking_code}", html=render_to_string("cases/notices/not_accepted.html", context)
    )
