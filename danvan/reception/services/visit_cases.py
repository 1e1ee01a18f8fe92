"""A visit that brings a petition creates the case(s) (Luật Tiếp công dân Art. 25(3); spec §3.2).

A mixed petition is split per track — feedback (PAKN), complaint (khiếu nại), denunciation (tố cáo) —
and each part becomes a case through cases' own intake (``case_submit``, channel "reception"), never by
writing cases' rows here. Each case is linked to the visit (``VisitCase``) and the case's staff page
shows the visit through the ui link ``reception.visit_for_case``.

A tố cáo brought in person is sealed exactly as one sent online (cases seals its identity), and the
visit row itself then keeps no identity in clear (Luật Tố cáo 2018, Điều 47, 56): the visitor's name,
address, ID number and phone move into ``Visit.sealed_identity`` (``files.sealing``), the free texts
are redacted, and the documents handed in are stored sealed under neutral names. The visit's identity
opens only as the case's does (``cases.services.protection.identity_open``: who may, a reason, a recent
second factor, logged).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from danvan.cases.enums import Channel, Track
from danvan.cases.services import intake, protection
from danvan.core.audit import audit_record
from danvan.core.errors import DomainError, NotFound
from danvan.files import sealing
from danvan.org import permissions
from danvan.reception import errors
from danvan.reception.models import Visit, VisitCase, VisitDocument
from danvan.reception.permissions import REGISTER_VISIT, VIEW_VISITORS
from danvan.reception.services.sealing import IDENTITY_FIELDS, visit_seal, visit_sealed_identity

MAX_PETITIONS = 3  # one per track: pakn, khieu_nai, to_cao
TRACKS = (Track.PAKN, Track.KHIEU_NAI, Track.TO_CAO)


@dataclass(frozen=True)
class VisitPetition:
    """One part of what the visitor brought, on one track; the visitor's identity comes from the visit."""

    track: str
    content: str
    title: str = ""
    place_text: str = ""
    place_unit_id: int | None = None
    topic_code: str = ""


def _identity(visit: Visit) -> dict[str, str]:
    """The visitor as the register holds them: the clear fields, or the seal's (a visit sealed earlier)."""
    if visit.sealed:
        sealed = visit_sealed_identity(visit)
        return {field: sealed[field] for field in IDENTITY_FIELDS}
    return {field: getattr(visit, field) for field in IDENTITY_FIELDS}


def _petition(visit: Visit, part: VisitPetition, *, with_to_cao: bool = False) -> intake.Petition:
    """``with_to_cao``: the visit brings (or brought) a tố cáo, so no case names the register line that
    leads to it (a sibling PAKN/khiếu nại case must not tell its handler this visitor denounced)."""
    who = _identity(visit)
    hidden = with_to_cao or visit.sealed
    consent = (
        _("Received in person at the citizen reception of %(body)s.") % {"body": visit.organization.name}
        if hidden
        else _("Received in person at the citizen reception of %(body)s, register line %(line)s.")
        % {"body": visit.organization.name, "line": str(visit)}
    )
    return intake.Petition(
        content=part.content,
        title=part.title,
        track=part.track,
        topic_code=part.topic_code,
        place_text=part.place_text,
        place_unit_id=part.place_unit_id,
        confirm_place=False,
        name=who["visitor_name"],
        phone=who["visitor_phone"],
        address=who["visitor_address"],
        id_number=who["visitor_id_number"] if part.track != Track.PAKN else "",
        people_count=max(1, visit.group_size),
        consent=True,
        consent_text=str(consent),
    )


def _problems(visit: Visit, petitions: list[VisitPetition]) -> dict[str, Any]:
    """Every refusal, per petition ("0.content", "1.track" …), before anything is written."""
    found: dict[str, Any] = {}
    if not petitions:
        found["petitions"] = _("Add at least one petition.")
    elif len(petitions) > MAX_PETITIONS:
        found["petitions"] = _("At most %(n)s petitions, one per track.") % {"n": MAX_PETITIONS}
    tracks = [p.track for p in petitions]
    with_to_cao = Track.TO_CAO in tracks
    if len(set(tracks)) != len(tracks):
        found["petitions"] = _("One petition per track: put what belongs to the same track together.")
    for number, part in enumerate(petitions):
        if part.track not in TRACKS:
            found[f"{number}.track"] = _("Choose feedback, complaint or denunciation.")
            continue
        for name, message in intake.petition_problems(_petition(visit, part, with_to_cao=with_to_cao)).items():
            if name != "place_candidates":
                found[f"{number}.{name}"] = message
    return found


def visit_cases_create(
    *, actor: Any, visit: Visit, petitions: list[VisitPetition], request_key: str = ""
) -> list[VisitCase]:
    """Create a case per petition the visit brought, linked both ways; all or nothing.

    A retry with the same ``request_key`` returns the links already stored. A visit already split
    is refused (``ALREADY_SPLIT``): its cases are handled on the cases' pages from then on.
    """
    permissions.require(actor, REGISTER_VISIT, visit)
    key = request_key.strip()[:40]
    existing = _already_split(visit, key)
    if existing is not None:
        return existing
    problems = _problems(visit, petitions)
    if problems:
        raise DomainError(_("Please correct the marked fields."), code=errors.BAD_PETITIONS, details=problems)
    with_to_cao = any(part.track == Track.TO_CAO for part in petitions)
    with transaction.atomic():
        visit = Visit.objects.select_for_update().get(pk=visit.pk)
        existing = _already_split(visit, key)  # a concurrent split may have won while we checked
        if existing is not None:
            return existing
        links = []
        for number, part in enumerate(petitions):
            submitted = intake.case_submit(
                actor=actor,
                petition=_petition(visit, part, with_to_cao=with_to_cao),
                channel=Channel.RECEPTION,
                idempotency_key=f"visit:{visit.pk}:{key}:{number}" if key else "",
            )
            links.append(VisitCase.objects.create(visit=visit, case=submitted.case, track=part.track))
        if with_to_cao and not visit.sealed:
            visit_seal(actor=actor, visit=visit)
        audit_record(actor=actor, action="reception.visit_cases_create", obj=visit,
                     after={"cases": [link.case_id for link in links], "tracks": [link.track for link in links]})  # fmt: skip
    return links


def _already_split(visit: Visit, key: str) -> list[VisitCase] | None:
    """The links of a retry (same ``key``); ``ALREADY_SPLIT`` when the visit was split otherwise."""
    existing = list(VisitCase.objects.filter(visit_id=visit.pk).select_related("case"))
    if not existing:
        return None
    if key and all(link.case.idempotency_key.startswith(f"visit:{visit.pk}:{key}:") for link in existing):
        return existing
    raise DomainError(_("This visit's petitions were already recorded as cases."), code=errors.ALREADY_SPLIT)


def _to_cao_case(visit: Visit) -> Any:
    link = VisitCase.objects.filter(visit=visit, track=Track.TO_CAO).select_related("case").first()
    return link.case if link is not None else None


def may_open_visit_identity(user: Any, visit: Visit) -> bool:
    """The case's rule, not a second one: who may open the tố cáo's identity may open the visit's."""
    case = _to_cao_case(visit)
    return bool(visit.sealed and case is not None and protection.may_open_identity(user, case))


@transaction.atomic
def visit_identity_open(
    *, actor: Any, visit: Visit, reason: str, second_factor_at: float | None = None
) -> dict[str, Any]:
    """Open a sealed visit's identity exactly as its tố cáo's is opened (who may, a reason, a recent
    second factor; logged on the case by cases, and on the visit here)."""
    case = _to_cao_case(visit)
    if not visit.sealed or case is None:
        raise NotFound("visit not found")
    protection.identity_open(case=case, actor=actor, reason=reason, second_factor_at=second_factor_at)
    identity = visit_sealed_identity(visit)
    audit_record(actor=actor, action="reception.visit_identity_open", obj=visit, reason=reason.strip())
    return dict(identity)


def visit_document_read(
    *, actor: Any, document: VisitDocument, reason: str = "", second_factor_at: float | None = None
) -> bytes:
    """A sealed document of a tố cáo visit opens only as its identity does."""
    with document.file.open("rb") as handle:
        data = handle.read()
    if not document.sealed:
        permissions.require(actor, VIEW_VISITORS, document.visit)
        return data
    visit_identity_open(actor=actor, visit=document.visit, reason=reason, second_factor_at=second_factor_at)
    return sealing.unseal_bytes(data)
