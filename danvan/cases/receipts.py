"""The counter receipt (giấy biên nhận đơn): what a clerk prints for the citizen who handed a petition in.

Laid out like an administrative document (Nghị định 30/2020/NĐ-CP, Phụ lục I, as ``notices`` does): the
receiving body's letterhead with quốc hiệu and tiêu ngữ, number and symbol, place and date; then who
handed in what, who received it, the tracking code, the deadline and two signature lines. Always in
Vietnamese, for the record and for an elderly reader (large type); printable on A4 and on an 80 mm
receipt printer (``static/cases/counter_receipt.css``).

Read only by the clerk who entered the petition, right after entering it (``counter_receipt_facts``): a
counter clerk may not read cases otherwise.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import translation

from danvan.cases import permissions as case_permissions
from danvan.cases.choices import Channel, Track
from danvan.cases.models import Attachment, Case
from danvan.core import clock, id_card
from danvan.core.errors import NotFound
from danvan.org.selectors import organizations_where

# What the citizen handed in, by track (the receipt names the paper, not the legal category's law).
_KIND = {
    Track.PAKN: "Đơn phản ánh, kiến nghị",
    Track.KHIEU_NAI: "Đơn khiếu nại",
    Track.TO_CAO: "Đơn tố cáo",
    Track.UNCLASSIFIED: "Đơn",
}
SYMBOL = "BN"  # "biên nhận": the receipt's symbol after its number


@dataclass(frozen=True)
class CounterReceipt:
    """The facts a counter receipt prints (Vietnamese strings: it is an administrative document)."""

    tracking_code: str
    parent_name: str
    body_name: str
    body_short: str
    place: str
    received_on: dt.date
    citizen_name: str
    id_number_masked: str
    received_by: str
    what: str
    title: str
    scans: int
    documents: int
    handling_body: str
    due_on: dt.date | None


def counter_receipt_facts(*, user: object, case_id: int) -> CounterReceipt:
    """The receipt of the case ``user`` entered at the counter; ``NotFound`` for any other case."""
    case = (
        Case.objects.select_related("handling_organization")
        .filter(
            pk=case_id, channel=Channel.COUNTER, events__action="submit", events__actor_id=getattr(user, "pk", None)
        )
        .first()
    )
    if case is None:
        raise NotFound("case not found")
    with translation.override("vi"):
        return _facts(case, user)


def _facts(case: Case, user: object) -> CounterReceipt:
    # The letterhead is the body whose counter received it (the clerk's), which may not be the one it is routed to.
    receiving = organizations_where(user, case_permissions.COUNTER_INTAKE).select_related("parent", "unit", "kind")
    here = receiving.filter(pk=case.handling_organization_id).first() if case.handling_organization_id else None
    body = here or receiving.order_by("path").first()
    body = body or case.handling_organization
    counts = {kind: 0 for kind in Attachment.Kind.values}
    for kind in case.attachments.values_list("kind", flat=True):
        counts[kind] = counts.get(kind, 0) + 1
    return CounterReceipt(
        tracking_code=case.tracking_code,
        parent_name=(body.parent.name if body and body.parent else "").upper(),
        body_name=(body.name if body else "").upper(),
        body_short="UBND" if body and body.kind.code == "ubnd" else "",
        place=_place_name_of(body),
        received_on=case.received_on or clock.today(),
        # The citizen's own receipt names them (a denouncer's too: it is theirs); anonymous has no name.
        citizen_name="" if case.is_anonymous else (case.contact_name or _sealed_name_placeholder(case)),
        # Only a complaint keeps anything of the ID card, and only its last digits (services.intake).
        id_number_masked=id_card.id_number_masked(case.id_number_last4) if case.track == Track.KHIEU_NAI else "",
        received_by=str(user),
        what=_KIND.get(Track(case.track), "Đơn"),
        title=case.title,
        scans=counts.get(Attachment.Kind.PETITION_SCAN, 0),
        documents=counts.get(Attachment.Kind.EVIDENCE, 0),
        handling_body=case.handling_organization.name if case.handling_organization else "",
        due_on=case.due_on,
    )


def _place_name_of(body: object) -> str:
    unit = getattr(body, "unit", None)
    return str(unit.short_name) if unit is not None else ""


def _sealed_name_placeholder(case: Case) -> str:
    # A tố cáo's name is sealed: the receipt leaves a line for the clerk to write it by hand.
    return "" if not case.is_to_cao else "…………………………………………"
