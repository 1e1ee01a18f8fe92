"""Reading the register through the permission gate.

The register (VIEW_REGISTER) is read by reception officers, heads, inspectors and dân vận officers of
the body or a body above it; the visitors' identity (VIEW_VISITORS) only by those who receive, answer
or inspect. A sealed visit (a tố cáo brought in person) shows no identity to anyone on these pages: it
is opened only as a tố cáo's identity is. A visit outside the reader's scope is "not found", exactly
as one that does not exist.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.template.loader import render_to_string
from django.utils import translation

from danvan.core import clock
from danvan.core.errors import NotFound
from danvan.files import sealing
from danvan.org import permissions
from danvan.reception import choices
from danvan.reception import permissions as reception_permissions
from danvan.reception.models import Booking, ReceptionSession, Visit, VisitDocument
from danvan.reception.register_rules import FINAL_OUTCOMES, answer_expected, outcome_state


@dataclass(frozen=True)
class RegisterFilters:
    organization_id: int | None = None
    received_from: dt.date | None = None
    received_to: dt.date | None = None
    handling: str = ""
    overdue: bool = False


@dataclass(frozen=True)
class VisitRow:
    """A visit as a reader may see it: ``identity`` is False when its visitor must not be shown."""

    visit: Visit
    identity: bool
    state: str

    @property
    def visitor_name(self) -> str:
        return self.visit.visitor_name if self.identity else ""


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=clock.VIETNAM)


def identity_visible(user: Any, visit: Visit) -> bool:
    """May ``user`` read this visit's visitor (name, address, ID number, phone, documents)?"""
    return not visit.sealed and permissions.user_may(user, reception_permissions.VIEW_VISITORS, visit)


def visit_list_for(
    *, user: Any, filters: RegisterFilters | None = None, with_document_count: bool = False
) -> QuerySet[Visit]:
    """The visits of the bodies ``user`` may read the register of, newest first, filtered."""
    filters = filters or RegisterFilters()
    rows = Visit.objects.filter(permissions.scope_filter(user, reception_permissions.VIEW_REGISTER, "organization"))
    if filters.organization_id:
        rows = rows.filter(organization_id=filters.organization_id)
    if filters.received_from:
        rows = rows.filter(received_at__gte=_midnight(filters.received_from))
    if filters.received_to:
        rows = rows.filter(received_at__lt=_midnight(filters.received_to + dt.timedelta(days=1)))
    if filters.handling:
        rows = rows.filter(handling=filters.handling)
    if filters.overdue:
        rows = rows.filter(Q(outcome="") & Q(outcome_due_on__lt=clock.today()))
    if with_document_count:
        rows = rows.annotate(n_documents=Count("documents"))
    return rows.select_related("organization", "receiving_officer", "transferred_to").order_by("-received_at", "-id")


def visit_rows(user: Any, visits: list[Visit], today: dt.date | None = None) -> list[VisitRow]:
    """The page's visits with what the reader may see of each (no query: roles are cached per user)."""
    today = today or clock.today()
    return [VisitRow(v, identity_visible(user, v), outcome_state(v.outcome, v.outcome_due_on, today)) for v in visits]


def visit_get_for(*, user: Any, pk: int, with_document_count: bool = False) -> Visit:
    """One visit the reader may see; ``NotFound`` for a missing one and a forbidden one alike."""
    rows = Visit.objects.annotate(n_documents=Count("documents")) if with_document_count else Visit.objects.all()
    visit = (
        rows.filter(permissions.scope_filter(user, reception_permissions.VIEW_REGISTER, "organization"))
        .select_related(
            "organization",
            "organization__parent",
            "organization__unit",
            "organization__kind",
            "receiving_officer",
            "transferred_to",
            "booking",
            "session",
            "point",
        )
        .filter(pk=pk)
        .first()
    )
    if visit is None:
        raise NotFound("visit not found")
    return visit


def visit_by_key(*, user: Any, request_key: str) -> Visit | None:
    """The visit already stored under ``request_key`` (a retry), if the user may read it."""
    visit = Visit.objects.filter(request_key=request_key).only("pk").first()
    return visit_get_for(user=user, pk=visit.pk, with_document_count=True) if visit is not None else None


def visit_document_get_for(*, user: Any, visit_pk: int, document_pk: int) -> VisitDocument:
    """A document of a visit, for a reader who may see the visitor; a sealed visit's never here."""
    visit = visit_get_for(user=user, pk=visit_pk)
    if not identity_visible(user, visit):
        raise NotFound("document not found")
    document = visit.documents.filter(pk=document_pk).first()
    if document is None:
        raise NotFound("document not found")
    return document


def visit_document_bytes(document: VisitDocument) -> bytes:
    """The document's content, unsealed for a reader who passed ``visit_document_get_for``."""
    with document.file.open("rb") as handle:
        data = handle.read()
    return sealing.unseal_bytes(data) if document.sealed else data


def answer_open(visit: Visit) -> bool:
    """Whether an answer may still be recorded: one is due and no final answer was given."""
    return answer_expected(visit.handling) and visit.outcome not in FINAL_OUTCOMES


def session_pick_for(*, user: Any, pk: int | None) -> ReceptionSession | None:
    """A session the user may register visits at (``?session=`` of the new-visit page), else None."""
    if pk is None:
        return None
    scope = permissions.scope_filter(user, reception_permissions.REGISTER_VISIT, "organization")
    return ReceptionSession.objects.filter(scope, pk=pk).select_related("organization", "point").first()


def booking_pick_for(*, user: Any, pk: int | None) -> Booking | None:
    """A booking of a session the user may register visits at (``?booking=``), else None."""
    if pk is None:
        return None
    scope = permissions.scope_filter(user, reception_permissions.REGISTER_VISIT, "session__organization")
    return Booking.objects.filter(scope, pk=pk).select_related("session", "session__organization",
                                                               "session__point").first()  # fmt: skip


# --- the written answer (NĐ 30/2020 layout, as cases.notices) -------------------------------------

_OUTCOME_TEXT: dict[str, str] = {
    choices.Outcome.ACCEPTED: "đã được thụ lý giải quyết theo quy định của pháp luật",
    choices.Outcome.MORE_TIME: "cần thêm thời gian để xem xét việc thụ lý; cơ quan sẽ thông báo kết quả",
    choices.Outcome.REFUSED: "không được thụ lý giải quyết",
    choices.Outcome.TRANSFERRED: "đã được chuyển đến cơ quan có thẩm quyền giải quyết",
}


def visit_outcome_notice(visit: Visit, *, user: Any) -> str:
    """The written answer to the visitor (Luật Tiếp công dân Art. 28(1)), in the NĐ 30/2020 layout of the
    cases' notices, ready to print and sign. Always in Vietnamese (an administrative document). The
    visitor is named only to a reader who may see him, and never for a sealed visit."""
    with translation.override("vi"):
        org = visit.organization
        named = identity_visible(user, visit) and visit.visitor_name
        recipient = f"Ông/Bà {visit.visitor_name}" if named else "Ông/Bà"
        context = {
            "visit": visit,
            "parent_name": (org.parent.name if org.parent else "").upper(),
            "body_name": org.name.upper(),
            "body_title": org.name,
            "body_short": "UBND" if org.kind.code == "ubnd" else "",
            # NĐ 30/2020: the place is the province for provincial bodies, the commune for commune bodies.
            "place": org.unit.short_name if org.unit else "",
            "day": visit.outcome_on or clock.today(),
            "received_on": clock.local(visit.received_at).date(),
            "recipient": recipient,
            "outcome_text": _OUTCOME_TEXT.get(visit.outcome, ""),
            "note": visit.outcome_note.strip().rstrip(".;"),
        }
        return render_to_string("reception/register/outcome_notice.html", context)
