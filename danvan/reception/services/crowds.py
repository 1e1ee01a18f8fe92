"""Crowds (tiếp nhiều người cùng một nội dung, Luật Tiếp công dân Arts. 29–30; spec §3.4).

A visit of five or more people about the same content is a crowd: they choose representatives (5–10
people: one or two; more than ten: up to five — ``rules.representatives_allowed``), sign the document
appointing them, and the statement read back to them; the head (or someone the head sends) meets the
representatives. ``matter_key`` names the matter so a crowd coming back is seen early
(``selectors.crowds.crowd_warnings``). Each recorded crowd is announced as "reception.crowd_recorded"
with plain facts (no names) for the analytics to come.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core import clock, events
from danvan.core.audit import audit_record
from danvan.core.errors import DomainError
from danvan.core.text import contains_html, normalize_spaces
from danvan.org import permissions
from danvan.reception import errors, rules
from danvan.reception.models import Crowd, Visit
from danvan.reception.permissions import REGISTER_VISIT
from danvan.reception.services.sealing import visit_seal_crowd


@dataclass(frozen=True)
class CrowdRecorded:
    """A crowd's plain facts: who came (how many), where, about which matter; never a name."""

    crowd_id: int
    visit_id: int
    organization_id: int
    received_at: dt.datetime
    group_size: int
    representatives: int
    matter_key: str
    order_disturbed: bool


CROWD_RECORDED = events.define("reception.crowd_recorded", CrowdRecorded)


def matter_key_clean(raw: str) -> str:
    """The matter as written, spaces squeezed, in lower case (the warning compares it folded, so the
    same words with or without their accents are the same matter: ``selectors.crowds``)."""
    return normalize_spaces(raw or "").lower()[:120]


def _representatives(group_size: int, raw: list[dict[str, str]]) -> list[dict[str, str]]:
    allowed = rules.representatives_allowed(group_size)
    if allowed is None:
        raise DomainError(
            _("A group of %(n)s is not a crowd: a crowd is %(from)s people or more (Art. 30).")
            % {"n": group_size, "from": rules.CROWD_FROM},
            code=errors.NOT_A_CROWD,
        )
    people = [
        {"name": normalize_spaces(r.get("name", ""))[:200], "address": normalize_spaces(r.get("address", ""))[:255]}
        for r in raw
        if (r.get("name") or "").strip() or (r.get("address") or "").strip()
    ]
    low, high = allowed
    if not low <= len(people) <= high:
        raise DomainError(
            _("A group of %(n)s people chooses %(low)s to %(high)s representatives (Art. 30(1)); %(given)s given.")
            % {"n": group_size, "low": low, "high": high, "given": len(people)},
            code=errors.BAD_REPRESENTATIVES,
            details={"representatives": _("Between %(low)s and %(high)s.") % {"low": low, "high": high}},
        )
    missing = {
        f"{number}.{field}": _("Required.")
        for number, person in enumerate(people)
        for field in ("name", "address")
        if not person[field]
    }
    if missing:
        raise DomainError(_("Each representative needs a name and an address."), code=errors.REQUIRED, details=missing)
    if any(contains_html(person["name"] + person["address"]) for person in people):
        raise DomainError(_("Please write plain text: HTML code is not accepted."), code=errors.REQUIRED)
    return people


@transaction.atomic
def crowd_record(
    *,
    actor: Any,
    visit: Visit,
    representatives: list[dict[str, str]],
    appointment_signed: bool,
    statement: str,
    statement_signed: bool,
    matter_key: str,
) -> Crowd:
    """Record (or correct) the crowd of ``visit``: its representatives, signed documents and matter."""
    permissions.require(actor, REGISTER_VISIT, visit)
    people = _representatives(visit.group_size, representatives)
    visit = Visit.objects.select_for_update().get(pk=visit.pk)  # its seal is read and written here
    existing = Crowd.objects.filter(visit=visit).first()
    before = {"representatives": len(existing.representatives), "matter_key": existing.matter_key} if existing else None
    statement = normalize_spaces(statement)[:10_000] if statement else ""
    matter = matter_key_clean(matter_key)
    stored = people
    if visit.sealed:  # a tố cáo visit: representatives, statement and matter join the visitor under the seal
        stored, statement, matter = visit_seal_crowd(visit, representatives=people, statement=statement,
                                                     matter_key=matter)  # fmt: skip
    crowd, _created = Crowd.objects.update_or_create(
        visit=visit,
        defaults={
            "representatives": stored,
            "appointment_signed": appointment_signed,
            "statement": statement,
            "statement_signed": statement_signed,
            "matter_key": matter,
        },
    )
    audit_record(actor=actor, action="reception.crowd_record", obj=crowd, before=before,
                 after={"representatives": len(people), "matter_key": crowd.matter_key,
                        "group_size": visit.group_size})  # fmt: skip
    events.publish(
        CROWD_RECORDED,
        CrowdRecorded(
            crowd_id=crowd.pk,
            visit_id=visit.pk,
            organization_id=visit.organization_id,
            received_at=visit.received_at,
            group_size=visit.group_size,
            representatives=len(people),
            matter_key=crowd.matter_key,
            order_disturbed=crowd.order_disturbed,
        ),
    )
    return crowd


@transaction.atomic
def crowd_meeting_record(
    *,
    actor: Any,
    crowd: Crowd,
    met_at: dt.datetime,
    met_by: Any,
    note: str,
    joint_bodies: str = "",
    order_disturbed: bool = False,
) -> Crowd:
    """The head's (or the one the head sent) meeting with the representatives (Art. 30(2))."""
    permissions.require(actor, REGISTER_VISIT, crowd)
    problems: dict[str, str] = {}
    if met_at is None:
        problems["met_at"] = _("Required.")
    elif met_at > clock.now():
        problems["met_at"] = _("A meeting cannot be recorded before it took place.")
    elif met_at.date() < crowd.visit.received_at.date():
        problems["met_at"] = _("The meeting cannot be before the visit.")
    if met_by is None or not permissions.user_may(met_by, REGISTER_VISIT, crowd):
        problems["met_by"] = _("Choose the head or an official of this body who met them.")
    if not (note or "").strip():
        problems["note"] = _("Required.")
    if problems:
        code = errors.BAD_DATE if "met_at" in problems else errors.REQUIRED
        raise DomainError(_("Please correct the marked fields."), code=code, details=problems)
    crowd.met_at = met_at
    crowd.met_by = met_by
    crowd.meeting_note = normalize_spaces(note)[:10_000]
    crowd.joint_bodies = normalize_spaces(joint_bodies)[:500]
    crowd.order_disturbed = order_disturbed
    crowd.save(update_fields=["met_at", "met_by", "meeting_note", "joint_bodies", "order_disturbed", "updated_at"])
    audit_record(actor=actor, action="reception.crowd_meeting", obj=crowd,
                 after={"met_at": met_at, "met_by": met_by.pk, "order_disturbed": order_disturbed})  # fmt: skip
    return crowd
