"""Consultations: the drafts part's services (they change state; each a transaction with its audit).

Rules kept here, once:

- the consulting body is one the actor may ``MANAGE`` (checked before any input is read: ``forbidden``);
- the place is a current commune or province inside the body's area (``not_in_scope``); the audience fits
  the item (Art. 27: item 8 ↔ the people affected) and the place (a province's people need a province; the
  others a commune): ``bad_audience``; villages only for the villages audience, and only the place's
  (``not_in_scope``); what a participant must prove fits the audience (``bad_verification``); channels
  (``bad_channel``); the period (``bad_date``); officers answering hold a role in the body's subtree
  (``not_in_scope``);
- version 1 is the text consulted on: edited only while the consultation is being prepared; a later
  version is made after the views (status ``closed``), each section's change computed by ``drafting``;
- opening needs a section (``no_sections``) and a period not over; for a commune it records the commune's
  disclosure of the plan and content (Art. 11(11)) through grassroots democracy's disclosure service
  when the actor may publish for the commune (``opening_disclosure``);
- an item-8 consultation does not close while a person affected has not been told (``affected_not_heard``);
- a consultation is withdrawn with its reason, never deleted.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass, field
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from danvan.consultations import choices, drafting, errors, rules
from danvan.consultations.enums import Audience, Item, Status
from danvan.consultations.models import AffectedPerson, Consultation, ConsultationDocument, DraftSection, DraftVersion
from danvan.consultations.permissions import MANAGE
from danvan.core import clock
from danvan.core.audit import audit_record
from danvan.core.errors import DomainError
from danvan.core.text import fold
from danvan.files import checks
from danvan.org import permissions
from danvan.org.choices import UnitEra, UnitLevel
from danvan.org.models import Organization, RoleAssignment

MAX_DOCUMENTS = 30
TEXT_MAX = 200_000  # a pasted draft


class InvalidConsultation(DomainError):
    """Refused before anything was stored; ``details`` names each field, ``code`` is the first problem's."""

    code = errors.REQUIRED


@dataclass
class ConsultationInput:
    organization: Any
    place: Any
    item: int | None
    title: str
    audience: str
    opens_on: dt.date | None
    closes_on: dt.date | None
    summary: str = ""
    basis: str = ""
    verification: str = choices.Verification.OPEN
    villages: list[Any] = field(default_factory=list)
    channels: list[str] = field(default_factory=list)
    responsible: list[Any] = field(default_factory=list)
    premoderate: bool = False
    code: str = ""  # the public address; made from the title when empty


# Checks ------------------------------------------------------------------------------------------------------


def _in_area(body: Organization, place: Any) -> bool:
    """Is ``place`` (a current commune or province) inside the body's area?"""
    area = body.unit
    if area is None or place is None:
        return False
    if area.level == UnitLevel.PROVINCE:
        return place.pk == area.pk or place.province_id == area.pk
    return place.pk == area.pk


def _responsible_ok(body: Organization, users: list[Any]) -> bool:
    if not users:
        return True
    today = clock.today()
    holders = set(RoleAssignment.objects.active_on(today).filter(
        organization__path__startswith=body.path, user__in=users).values_list("user_id", flat=True))  # fmt: skip
    return all(u.pk in holders for u in users)


def _problems(data: ConsultationInput) -> list[tuple[str, str, str]]:
    """(field, code, message) for each problem, in the order a form shows them."""
    out: list[tuple[str, str, str]] = []
    if data.item is None or data.item not in {i.value for i in Item}:
        out.append(("item", errors.REQUIRED, _("Choose what the draft is about.")))
    if not data.title.strip():
        out.append(("title", errors.REQUIRED, _("Write the title of the draft.")))
    elif len(data.title.strip()) > 300:
        out.append(
            ("title", errors.REQUIRED, _("This field is too long (at most %(limit)s characters).") % {"limit": 300})
        )
    if len(data.basis) > 300:
        out.append(
            ("basis", errors.REQUIRED, _("This field is too long (at most %(limit)s characters).") % {"limit": 300})
        )
    place = data.place
    current = (
        place is not None and place.era == UnitEra.CURRENT and place.level in (UnitLevel.COMMUNE, UnitLevel.PROVINCE)
    )
    if place is None:
        out.append(("place", errors.REQUIRED, _("Choose the commune or province consulted.")))
    elif not current or not _in_area(data.organization, place):
        out.append(
            ("place", errors.NOT_IN_SCOPE, _("The place must be a current commune or province of the body's area."))
        )
    audiences = {a.value for a in Audience}
    if data.audience not in audiences:
        out.append(("audience", errors.REQUIRED, _("Choose who is consulted.")))
    else:
        audience = Audience(data.audience)
        refusal = rules.audience_refusal(Item(data.item), audience) if data.item in {i.value for i in Item} else None
        if refusal:
            out.append(("audience", refusal, _("A draft decision on specific citizens (item 8) is put to the people it "
                                              "affects (Art. 27), and only such a draft is.")))  # fmt: skip
        elif current and (audience == Audience.PROVINCE) != (place.level == UnitLevel.PROVINCE):
            out.append(("audience", errors.BAD_AUDIENCE, _("A province's people are consulted on a province; the "
                                                          "other audiences on a commune.")))  # fmt: skip
        if audience == Audience.VILLAGES and not data.villages:
            out.append(("villages", errors.REQUIRED, _("Choose the villages or residential groups consulted.")))
        elif audience != Audience.VILLAGES and data.villages:
            out.append(
                ("villages", errors.BAD_AUDIENCE, _("Villages are chosen only when the audience is some villages."))
            )
        elif place is not None and any(v.commune_id != place.pk for v in data.villages):
            out.append(("villages", errors.NOT_IN_SCOPE, _("Only the villages of the commune consulted.")))
        if rules.verification_refusal(audience, data.verification):
            out.append(("verification", errors.BAD_VERIFICATION, _(
                "This check does not fit the audience: villages and the people affected take part as verified "
                "households; a commune's people openly, as signed-in residents or as households; a province's "
                "people openly or as signed-in residents.")))  # fmt: skip
    if data.item in {i.value for i in Item} and rules.channels_refusal(Item(data.item), data.channels):
        out.append(("channels", errors.BAD_CHANNEL, _("Choose at least one channel; the dialogue with the people "
                                                     "affected is for item 8 only.")))  # fmt: skip
    period = rules.period_refusal(data.opens_on, data.closes_on)
    if period == errors.REQUIRED:
        out.append(("opens_on", errors.REQUIRED, _("Give the first and the last day of the consultation.")))
    elif period:
        out.append(("closes_on", errors.BAD_DATE, _("The last day cannot be before the first.")))
    if not _responsible_ok(data.organization, data.responsible):
        out.append(("responsible", errors.NOT_IN_SCOPE, _("The officers answering must hold a role in the body.")))
    if data.code and (drafting.slug(data.code) != data.code or len(data.code) > 60):
        out.append(("code", errors.REQUIRED, _("The address is made of lower-case letters, digits and dashes.")))
    return out


def _check(data: ConsultationInput) -> None:
    problems = _problems(data)
    if problems:
        raise InvalidConsultation(_("Please correct the marked fields."), code=problems[0][1],
                                  details={f: m for f, _c, m in problems})  # fmt: skip


def _require_manage(actor: Any, body: Any) -> None:
    if body is None:
        raise DomainError(_("Choose the consulting body."), code=errors.FORBIDDEN)
    permissions.require(actor, MANAGE, body)


def _fresh(consultation: Consultation) -> Consultation:
    """The row as stored now (a caller's copy may be older than a step taken since)."""
    return Consultation.objects.select_related("organization", "place").get(pk=consultation.pk)


def _state(consultation: Consultation, *allowed: Status) -> None:
    if consultation.status not in {s.value for s in allowed}:
        raise DomainError(_("The consultation's status does not allow this step."), code=errors.BAD_STATE)


def _code(data: ConsultationInput, exclude: int | None = None) -> str:
    base = data.code or drafting.slug(fold(data.title))[:50].strip("-") or "gop-y"
    code, n = base, 1
    while Consultation.objects.filter(code=code).exclude(pk=exclude or 0).exists():
        n += 1
        code = f"{base}-{n}"
    return code


def _snapshot(c: Consultation) -> dict[str, Any]:
    return {"item": c.item, "title": c.title, "place": c.place_id, "audience": c.audience,
            "verification": c.verification, "channels": c.channels, "opens_on": c.opens_on,
            "closes_on": c.closes_on, "status": c.status, "premoderate": c.premoderate}  # fmt: skip


def _sections_from(text: str | None, sections: list[tuple[str, str]] | None) -> list[drafting.Section]:
    """From a pasted text (split), or from (heading, text) pairs edited one by one (keys from the headings)."""
    if sections is not None:
        keys = drafting._Keys()
        return [drafting.Section(key=keys.make(heading), heading=rules.clean_text(heading)[:300], text=rules.clean_text(body))
                for heading, body in sections if heading.strip() or body.strip()]  # fmt: skip
    cleaned = rules.clean_text(text or "")
    if len(cleaned) > TEXT_MAX:
        raise InvalidConsultation(_("The text is too long."), code=errors.TEXT_TOO_LONG,
                                  details={"text": _("The text is too long.")})  # fmt: skip
    return drafting.split(cleaned)


def _store_sections(version: DraftVersion, sections: list[drafting.Section],
                    changes: dict[str, tuple[str, str]] | None = None) -> None:  # fmt: skip
    changes = changes or {}
    DraftSection.objects.bulk_create([
        DraftSection(version=version, key=s.key, position=n, heading=s.heading, text=s.text,
                     change=changes.get(s.key, (choices.SectionChange.UNCHANGED, ""))[0],
                     change_note=changes.get(s.key, ("", ""))[1])
        for n, s in enumerate(sections, start=1)
    ])  # fmt: skip


# Create and edit ---------------------------------------------------------------------------------------------


def consultation_create(*, actor: Any, data: ConsultationInput, text: str | None = None,
                        sections: list[tuple[str, str]] | None = None) -> Consultation:  # fmt: skip
    """A consultation being prepared (``draft``), with version 1 of its text from ``text`` (split into
    sections) or ``sections`` ((heading, text) pairs). Refusals: ``forbidden`` first, then the input's."""
    _require_manage(actor, data.organization)
    _check(data)
    parts = _sections_from(text, sections)
    assert data.item is not None and data.opens_on is not None and data.closes_on is not None  # checked
    with transaction.atomic():
        c = Consultation.objects.create(
            code=_code(data), organization=data.organization, place=data.place, item=data.item,
            title=data.title.strip(), summary=rules.clean_text(data.summary), basis=data.basis.strip(),
            audience=data.audience, verification=data.verification, channels=list(dict.fromkeys(data.channels)),
            premoderate=data.premoderate, opens_on=data.opens_on, closes_on=data.closes_on, created_by=actor,
        )  # fmt: skip
        c.villages.set(data.villages)
        c.responsible.set(data.responsible)
        version = DraftVersion.objects.create(consultation=c, number=1, created_by=actor)
        _store_sections(version, parts)
        audit_record(actor=actor, action="consultations.consultation_create", obj=c,
                     after=_snapshot(c) | {"sections": len(parts)})  # fmt: skip
    return c


def consultation_update(*, actor: Any, consultation: Consultation, data: ConsultationInput) -> Consultation:
    """Edit a consultation being prepared (the body stays; an open one changes only by ``extend``)."""
    _require_manage(actor, consultation)
    consultation = _fresh(consultation)
    _state(consultation, Status.DRAFT)
    data.organization = consultation.organization
    _check(data)
    with transaction.atomic():
        c = Consultation.objects.select_for_update().get(pk=consultation.pk)
        _state(c, Status.DRAFT)
        before = _snapshot(c)
        for name in ("place", "item", "audience", "verification", "opens_on", "closes_on", "premoderate"):
            setattr(c, name, getattr(data, name))
        c.title, c.summary, c.basis = data.title.strip(), rules.clean_text(data.summary), data.basis.strip()
        c.channels = list(dict.fromkeys(data.channels))
        if data.code and data.code != c.code:
            c.code = _code(data, exclude=c.pk)
        c.save()
        c.villages.set(data.villages)
        c.responsible.set(data.responsible)
        audit_record(actor=actor, action="consultations.consultation_update", obj=c, before=before, after=_snapshot(c))
    return c


def _first_version(c: Consultation) -> DraftVersion:
    version = c.versions.filter(number=1).first()
    return version or DraftVersion.objects.create(consultation=c, number=1)


def draft_text_replace(*, actor: Any, consultation: Consultation, text: str | None = None,
                       sections: list[tuple[str, str]] | None = None) -> list[DraftSection]:  # fmt: skip
    """Replace version 1's sections while the consultation is being prepared."""
    _require_manage(actor, consultation)
    consultation = _fresh(consultation)
    _state(consultation, Status.DRAFT)
    parts = _sections_from(text, sections)
    with transaction.atomic():
        version = _first_version(consultation)
        before = version.sections.count()
        version.sections.all().delete()
        _store_sections(version, parts)
        audit_record(actor=actor, action="consultations.draft_text_replace", obj=consultation,
                     before={"sections": before}, after={"sections": [s.key for s in parts]})  # fmt: skip
    return list(version.sections.all())


def section_edit(*, actor: Any, consultation: Consultation, key: str, heading: str, text: str) -> DraftSection:
    """Edit one section of version 1 while the consultation is being prepared (its key stays)."""
    _require_manage(actor, consultation)
    consultation = _fresh(consultation)
    _state(consultation, Status.DRAFT)
    heading, text = rules.clean_text(heading), rules.clean_text(text)
    if not heading:
        raise InvalidConsultation(
            _("Write the section's heading."), details={"heading": _("Write the section's heading.")}
        )
    section = _first_version(consultation).sections.filter(key=key).first()
    if section is None:
        raise DomainError(_("This section does not exist."), code=errors.UNKNOWN_SECTION)
    with transaction.atomic():
        before = {"heading": section.heading, "text": section.text}
        section.heading, section.text = heading[:300], text
        section.save(update_fields=["heading", "text"])
        audit_record(actor=actor, action="consultations.section_edit", obj=consultation, before={key: before},
                     after={key: {"heading": section.heading, "text": section.text}})  # fmt: skip
    return section


def version_add(*, actor: Any, consultation: Consultation, change_note: str, text: str | None = None,
                edits: dict[str, tuple[str, str, str]] | None = None) -> DraftVersion:  # fmt: skip
    """The next version, revised after the views (the consultation is ``closed``): a whole new ``text``, or
    ``edits`` {key: (heading, text, why)} on the last version's sections (an empty heading and text removes
    the section; a key not there adds one). Each section's change comes from ``drafting.compare``; removed
    sections are kept in the version marked ``removed``. Refused: ``bad_state``, ``required`` (no note),
    ``no_change``, ``unknown_section``."""
    _require_manage(actor, consultation)
    consultation = _fresh(consultation)
    _state(consultation, Status.CLOSED)
    note = rules.clean_text(change_note)
    if not note:
        raise InvalidConsultation(
            _("Say what changed and why."), details={"change_note": _("Say what changed and why.")}
        )
    last = consultation.versions.order_by("-number").first()
    base = [s for s in (last.sections.all() if last else []) if s.change != choices.SectionChange.REMOVED]
    old = [(s.key, s.heading, s.text) for s in base]
    reasons: dict[str, str] = {}
    if text is not None:
        new = [(s.key, s.heading, s.text) for s in _sections_from(text, None)]
    else:
        edits = edits or {}
        current = {s.key for s in base}
        new = []
        for key, heading, body in old:
            if key in edits:
                e_heading, e_text, why = edits[key]
                reasons[key] = rules.clean_text(why)
                if e_heading.strip() or e_text.strip():
                    new.append((key, rules.clean_text(e_heading)[:300] or heading, rules.clean_text(e_text)))
            else:
                new.append((key, heading, body))
        for key, (e_heading, e_text, why) in edits.items():
            if key not in current:
                if not e_heading.strip():
                    raise DomainError(_("This section does not exist."), code=errors.UNKNOWN_SECTION)
                new.append((drafting.slug(key)[:60] or drafting.slug(e_heading)[:60], rules.clean_text(e_heading)[:300],
                            rules.clean_text(e_text)))  # fmt: skip
                reasons[new[-1][0]] = rules.clean_text(why)
    compared = drafting.compare(old, new)
    if all(c.change == drafting.Change.UNCHANGED for c in compared):
        raise DomainError(_("The new version changes nothing."), code=errors.NO_CHANGE)
    if not new:
        raise DomainError(_("A draft needs at least one section."), code=errors.NO_SECTIONS)
    with transaction.atomic():
        Consultation.objects.select_for_update().filter(pk=consultation.pk).first()
        number = (consultation.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
        version = DraftVersion.objects.create(
            consultation=consultation, number=number, change_note=note, created_by=actor
        )
        rows = []
        for position, item in enumerate(compared, start=1):
            heading, body = item.new if item.new is not None else item.old  # type: ignore[misc]
            rows.append(DraftSection(version=version, key=item.key, position=position, heading=heading, text=body,
                                     change=item.change.value, change_note=reasons.get(item.key, "")))  # fmt: skip
        DraftSection.objects.bulk_create(rows)
        audit_record(actor=actor, action="consultations.version_add", obj=consultation, reason=note,
                     after={"version": number, "changes": {c.key: c.change.value for c in compared
                                                          if c.change != drafting.Change.UNCHANGED}})  # fmt: skip
    return version


# Documents ---------------------------------------------------------------------------------------------------


def document_add(*, actor: Any, consultation: Consultation, title: str, name: str, data: bytes) -> ConsultationDocument:
    """A document of the draft, checked by ``files.checks`` (real parsers; photos re-encoded, metadata
    dropped) and stored under a random name. Refused with the check's code; nothing stored then."""
    _require_manage(actor, consultation)
    consultation = _fresh(consultation)
    _state(consultation, Status.DRAFT, Status.OPEN, Status.CLOSED, Status.PUBLISHED)
    title = rules.clean_text(title) or name
    if consultation.documents.count() >= MAX_DOCUMENTS:
        raise InvalidConsultation(_("Too many documents."), details={"file": _("Too many documents.")})
    try:
        clean = checks.inspect_upload(name, data)
    except checks.UploadRejected as exc:
        raise InvalidConsultation(exc.message, code=exc.code, details={"file": str(exc.message)}) from exc
    with transaction.atomic():
        doc = ConsultationDocument(consultation=consultation, name=clean.name, content_type=clean.content_type,
                                   size=clean.size, sha256=clean.sha256, title=title[:300], uploaded_by=actor)  # fmt: skip
        doc.file.save(f"{secrets.token_hex(8)}-{clean.name}", ContentFile(clean.data), save=False)
        doc.save()
        audit_record(actor=actor, action="consultations.document_add", obj=consultation,
                     after={"document": doc.pk, "name": doc.name, "sha256": doc.sha256})  # fmt: skip
    return doc


# People affected (Art. 27) -----------------------------------------------------------------------------------


def _affected_consultation(actor: Any, consultation: Consultation) -> None:
    _require_manage(actor, consultation)
    consultation = _fresh(consultation)
    if consultation.audience != Audience.AFFECTED:
        raise DomainError(_("Only a draft decision on specific citizens (item 8) lists the people it affects."),
                          code=errors.BAD_AUDIENCE)  # fmt: skip
    _state(consultation, Status.DRAFT, Status.OPEN, Status.CLOSED)


def affected_add(*, actor: Any, consultation: Consultation, name: str, contact: str = "", household: Any = None,
                 note: str = "") -> AffectedPerson:  # fmt: skip
    _affected_consultation(actor, consultation)
    name = " ".join(name.split())
    if not name:
        raise InvalidConsultation(_("Write the person's name."), details={"name": _("Write the person's name.")})
    if household is not None and household.village.commune_id != consultation.place_id:
        raise DomainError(_("Only a household of the commune consulted."), code=errors.NOT_IN_SCOPE)
    with transaction.atomic():
        person = AffectedPerson.objects.create(consultation=consultation, name=name[:200], contact=contact.strip()[:300],
                                               household=household, note=note.strip()[:500])  # fmt: skip
        audit_record(
            actor=actor, action="consultations.affected_add", obj=person, after={"consultation": consultation.pk}
        )
    return person


def affected_told(*, actor: Any, person: AffectedPerson, on: dt.date | None, via: str) -> AffectedPerson:
    """Art. 27: the person was told of the draft on ``on`` through ``via`` (a channel)."""
    _affected_consultation(actor, person.consultation)
    if on is None or on > clock.today():
        raise DomainError(_("Give the day they were told (not in the future)."), code=errors.BAD_DATE)
    if via not in choices.Channel.values:
        raise DomainError(_("Choose how they were told."), code=errors.BAD_CHANNEL)
    with transaction.atomic():
        person.notified_on, person.notified_via = on, via
        person.save(update_fields=["notified_on", "notified_via", "updated_at"])
        audit_record(actor=actor, action="consultations.affected_told", obj=person, after={"on": on, "via": via})
    return person


def affected_heard(*, actor: Any, person: AffectedPerson, on: dt.date | None, declined: bool = False,
                   note: str = "") -> AffectedPerson:  # fmt: skip
    """Art. 27: the person gave their view on ``on`` (or chose not to): only after they were told."""
    _affected_consultation(actor, person.consultation)
    if person.notified_on is None:
        raise DomainError(_("Record first when the person was told."), code=errors.BAD_STATE)
    if on is None or on > clock.today() or on < person.notified_on:
        raise DomainError(_("Give the day they were heard (after they were told, not in the future)."),
                          code=errors.BAD_DATE)  # fmt: skip
    with transaction.atomic():
        person.heard_on, person.declined = on, declined
        if note.strip():
            person.note = note.strip()[:500]
        person.save(update_fields=["heard_on", "declined", "note", "updated_at"])
        audit_record(actor=actor, action="consultations.affected_heard", obj=person,
                     after={"on": on, "declined": declined})  # fmt: skip
    return person


# Status ------------------------------------------------------------------------------------------------------


def _ready_to_open(c: Consultation, today: dt.date) -> None:
    if not DraftSection.objects.filter(version__consultation=c, version__number=1).exists():
        raise DomainError(_("The draft has no text yet: paste it or add a section."), code=errors.NO_SECTIONS)
    if c.closes_on < today:
        raise DomainError(_("The consultation's last day has passed: change the period first."), code=errors.BAD_DATE)


def _disclose_opening(actor: Any, c: Consultation, today: dt.date) -> None:
    """Art. 11(11): the commune makes the consultation's plan and content public. Recorded through
    democracy's service (a draft disclosure its officers then publish on their channels) when the actor
    may publish for the commune; a province's consultation is not a commune's disclosure."""
    from danvan.democracy.permissions import PUBLISH
    from danvan.democracy.selectors.communes import commune_committee
    from danvan.democracy.services import disclosures

    if c.opening_disclosure_id or c.place.level != UnitLevel.COMMUNE:
        return
    committee = commune_committee(c.place)
    if committee is None or not permissions.user_may(actor, PUBLISH, committee):
        return
    summary = _("%(summary)s\nOpen for views from %(start)s to %(end)s.") % {
        "summary": c.summary,
        "start": c.opens_on.strftime("%d/%m/%Y"),
        "end": c.closes_on.strftime("%d/%m/%Y"),
    }
    data = disclosures.DisclosureInput(item=11, title=(_("Consultation plan and content: %(title)s") % {"title": c.title})[:300],
                                       decided_on=today, summary=summary.strip())  # fmt: skip
    c.opening_disclosure = disclosures.disclosure_record(actor=actor, commune=c.place, data=data)


def _open_now(actor: Any, c: Consultation, today: dt.date, action: str) -> None:
    before = _snapshot(c)
    if c.opens_on > today:
        c.opens_on = today
    c.status, c.scheduled = Status.OPEN, False
    c.save(update_fields=["status", "scheduled", "opens_on", "opening_disclosure", "updated_at"])
    audit_record(actor=actor, action=action, obj=c, before=before, after=_snapshot(c))


def consultation_open(*, actor: Any, consultation: Consultation) -> Consultation:
    """Open now (a first day still ahead becomes today). Refused: ``bad_state``, ``no_sections``, ``bad_date``."""
    _require_manage(actor, consultation)
    today = clock.today()
    with transaction.atomic():
        c = Consultation.objects.select_for_update().select_related("place").get(pk=consultation.pk)
        _state(c, Status.DRAFT)
        _ready_to_open(c, today)
        _disclose_opening(actor, c, today)
        _open_now(actor, c, today, "consultations.consultation_open")
    return c


def consultation_schedule(*, actor: Any, consultation: Consultation) -> Consultation:
    """Set a prepared consultation to open on its first day (the morning sweep opens it; today if that day
    has come). The plan is made public now. Same refusals as ``consultation_open``."""
    _require_manage(actor, consultation)
    today = clock.today()
    with transaction.atomic():
        c = Consultation.objects.select_for_update().select_related("place").get(pk=consultation.pk)
        _state(c, Status.DRAFT)
        _ready_to_open(c, today)
        _disclose_opening(actor, c, today)
        if c.opens_on <= today:
            _open_now(actor, c, today, "consultations.consultation_open")
        else:
            c.scheduled = True
            c.save(update_fields=["scheduled", "opening_disclosure", "updated_at"])
            audit_record(
                actor=actor, action="consultations.consultation_schedule", obj=c, after={"opens_on": c.opens_on}
            )
    return c


def affected_untold(c: Consultation) -> int:
    return c.affected.filter(notified_on__isnull=True).count() if c.item == Item.AFFECTING_CITIZENS else 0


def _close(actor: Any, c: Consultation, today: dt.date, action: str) -> None:
    if affected_untold(c):
        raise DomainError(_("Art. 27: every person the draft affects must be told before the consultation closes."),
                          code=errors.AFFECTED_NOT_HEARD)  # fmt: skip
    before = _snapshot(c)
    c.status, c.closes_on = Status.CLOSED, min(c.closes_on, today)
    c.save(update_fields=["status", "closes_on", "updated_at"])
    audit_record(actor=actor, action=action, obj=c, before=before, after=_snapshot(c))


def consultation_close(*, actor: Any, consultation: Consultation) -> Consultation:
    """Stop taking views (an early close makes today the last day). Refused: ``bad_state``,
    ``affected_not_heard``."""
    _require_manage(actor, consultation)
    with transaction.atomic():
        c = Consultation.objects.select_for_update().get(pk=consultation.pk)
        _state(c, Status.OPEN)
        _close(actor, c, clock.today(), "consultations.consultation_close")
    return c


def consultation_extend(
    *, actor: Any, consultation: Consultation, closes_on: dt.date | None, reason: str
) -> Consultation:
    """Move the last day later, with the reason (``required``; ``bad_date`` unless later than now)."""
    _require_manage(actor, consultation)
    reason = " ".join(reason.split())
    if not reason:
        raise InvalidConsultation(_("Give the reason."), details={"reason": _("Give the reason.")})
    with transaction.atomic():
        c = Consultation.objects.select_for_update().get(pk=consultation.pk)
        _state(c, Status.DRAFT, Status.OPEN)
        if closes_on is None or closes_on <= c.closes_on or closes_on < clock.today():
            raise DomainError(_("The new last day must be after the current one."), code=errors.BAD_DATE)
        before = c.closes_on
        c.closes_on = closes_on
        c.save(update_fields=["closes_on", "updated_at"])
        audit_record(actor=actor, action="consultations.consultation_extend", obj=c, reason=reason[:500],
                     before={"closes_on": before}, after={"closes_on": closes_on})  # fmt: skip
    return c


def consultation_withdraw(*, actor: Any, consultation: Consultation, reason: str) -> Consultation:
    """Stop the consultation with its reason; the row and everything said stay."""
    _require_manage(actor, consultation)
    reason = " ".join(reason.split())
    if not reason:
        raise InvalidConsultation(_("Give the reason."), details={"reason": _("Give the reason.")})
    with transaction.atomic():
        c = Consultation.objects.select_for_update().get(pk=consultation.pk)
        _state(c, Status.DRAFT, Status.OPEN, Status.CLOSED)
        before = _snapshot(c)
        c.status, c.scheduled, c.withdrawn_reason = Status.WITHDRAWN, False, reason[:500]
        c.save(update_fields=["status", "scheduled", "withdrawn_reason", "updated_at"])
        audit_record(actor=actor, action="consultations.consultation_withdraw", obj=c, reason=reason[:500],
                     before=before, after=_snapshot(c))  # fmt: skip
    return c


# The morning sweep ---------------------------------------------------------------------------------------------


def sweep_open_and_close(today: dt.date) -> dict[str, int]:
    """Open the scheduled consultations whose first day has come; close the open ones whose last day has
    passed, except an item-8 one with someone affected not yet told (``held``: it takes no views after its
    period anyway, and waits for the officer). Idempotent."""
    counts = {"opened": 0, "closed": 0, "held": 0}
    for pk in Consultation.objects.filter(status=Status.DRAFT, scheduled=True, opens_on__lte=today).values_list(
        "pk", flat=True
    ):
        with transaction.atomic():
            c = Consultation.objects.select_for_update().filter(pk=pk, status=Status.DRAFT, scheduled=True).first()
            if c is None or c.closes_on < today:
                continue
            _open_now(None, c, today, "consultations.consultation_open_scheduled")
            counts["opened"] += 1
    for pk in Consultation.objects.filter(status=Status.OPEN, closes_on__lt=today).values_list("pk", flat=True):
        with transaction.atomic():
            c = Consultation.objects.select_for_update().filter(pk=pk, status=Status.OPEN).first()
            if c is None:
                continue
            try:
                _close(None, c, today, "consultations.consultation_close_period")
            except DomainError:
                counts["held"] += 1
                continue
            counts["closed"] += 1
    return counts
