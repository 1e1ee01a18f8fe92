"""Every change to commendation proposals and discipline records: keyword-only functions, each in one
transaction, permission first, then the rule with its code (``errors``), then the write and its audit
record. A refusal stores nothing.

Rules kept here, once:
- a proposal names exactly one subject (a model, an exemplar, a person in a body where he holds a role,
  or a collective) in a unit the proposer works for, its achievements, and a commendation form given at
  the proposed level (``COMMENDATION_BAD_SUBJECT``, ``COMMENDATION_EMPTY_ACHIEVEMENTS``,
  ``COMMENDATION_BAD_FORM``); a model must be recognised (dvk's lifecycle) or already commended, to be
  recorded (``COMMENDATION_MODEL_NOT_READY``);
- council seats never go to someone from the proposing unit or the subject's own unit
  (``COMMENDATION_OWN_UNIT_MEMBER``); each opinion has its reason (``COMMENDATION_OPINION_REASON``);
- the decision comes after every seat (at least ``rules.MIN_COUNCIL_OPINIONS``) has spoken
  (``COMMENDATION_COUNCIL_INCOMPLETE``), from a body other than the proposing unit
  (``COMMENDATION_OWN_PROPOSAL``), with its number (``COMMENDATION_DECISION_NUMBER_REQUIRED``), date,
  signer, form and level (``COMMENDATION_BAD_DECISION``, ``COMMENDATION_BAD_FORM``); a decision about a
  model calls dvk's ``dvk_model_commend_by_decision`` in the same transaction (the model becomes
  COMMENDED: the only way a model is commended);
- the deciding body may give the form at that level: a row of the authority table (``CommendationAuthority``,
  data) in force on the decision's date names the body's kind at the body's own level
  (``COMMENDATION_NO_AUTHORITY``; the rule is ``rules.authority_allows``, the rows ``selectors.authority_rules``);
- a decided proposal is frozen (``COMMENDATION_FROZEN``);
- a discipline record concerns a person (in a body where he holds a role) or a collective, has a
  discipline form, a date not in the future and a ground; a case given as its ground must be one the
  recorder may read and whose complaint was upheld (``DISCIPLINE_BAD_GROUND``);
- a record is withdrawn, or corrected into a new version (the old one SUPERSEDED, kept), only while in force
  (``DISCIPLINE_NOT_IN_FORCE``) and with its reason (``DISCIPLINE_REASON_REQUIRED``), by those who record;
- the forms and the authority table are edited by the province's operators only: a form has a name, a free
  code, a family and known levels (``COMMENDATION_FORM_INVALID``); an authority row a commendation form
  given at its level, a source and dates in order (``COMMENDATION_AUTHORITY_INVALID``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from danvan.cases import selectors as case_selectors
from danvan.core import clock
from danvan.core.audit import audit_record
from danvan.core.errors import DomainError
from danvan.core.reference_data import require_reference_data_editor
from danvan.emulation import errors
from danvan.emulation import permissions as ep
from danvan.emulation.models import (
    CommendationAuthority,
    CommendationCouncilMember,
    CommendationForm,
    CommendationProposal,
    DisciplineRecord,
    DvkExemplar,
    DvkModel,
)
from danvan.emulation.models.dvk import LevelChoices
from danvan.emulation.rules import commendation as rules
from danvan.emulation.rules import dvk as dvk_rules
from danvan.emulation.selectors import commendation as selectors
from danvan.emulation.services import dvk as dvk_services
from danvan.org import permissions
from danvan.org.models import Organization, OrganizationKind, User

UPHELD_OUTCOMES = frozenset({"right", "partly_right"})  # a complaint or denunciation found right, or partly


def _refuse(message: str, code: str, **details: Any) -> DomainError:
    return DomainError(message, code=code, details=details or None)


def _frozen(proposal: CommendationProposal) -> None:
    if proposal.status in rules.FROZEN:
        raise _refuse(_("This proposal has been decided: it can no longer be changed."), errors.COMMENDATION_FROZEN)


def _check_form(form: CommendationForm | None, family: rules.Family, level: str | None) -> CommendationForm:
    if form is None or form.family != family or not form.is_active:
        raise _refuse(_("Choose a form of this kind from the list."), errors.COMMENDATION_BAD_FORM)
    if level is None:
        return form
    if level not in set(dvk_rules.Level) or not rules.level_allowed(level, list(form.levels)):
        raise _refuse(_("“%(form)s” is not given at this level.") % {"form": form.name}, errors.COMMENDATION_BAD_FORM,
                      level=level, levels=list(form.levels))  # fmt: skip
    return form


def _check_authority(form: CommendationForm, level: str, body: Organization, on: dt.date) -> None:
    kind = body.kind
    rows = selectors.authority_rules(form=form, kind=kind)
    if not rules.authority_allows(rows, form_code=form.code, level=level, kind_code=kind.code,
                                  unit_level=body.unit.level, on=on):  # fmt: skip
        level_name = str(dict(LevelChoices.choices).get(level, level)).lower()
        raise _refuse(
            _("%(form)s (%(level)s) is not decided by %(body)s: no rule of who gives which form, in force on "
              "%(day)s, lets a body of this kind (%(kind)s) at its level give it.")
            % {"form": form.name, "level": level_name, "body": body.name, "day": on.strftime("%d/%m/%Y"),
               "kind": kind.name},
            errors.COMMENDATION_NO_AUTHORITY, form=form.code, level=level, kind=kind.code, on=on.isoformat(),
        )  # fmt: skip


def _subject(
    *, model: DvkModel | None, exemplar: DvkExemplar | None, person: User | None, collective: Organization | None,
    person_organization: Organization | None,
) -> tuple[rules.SubjectKind, Organization, str]:  # fmt: skip
    given = [x for x in (model, exemplar, person, collective) if x is not None]
    if len(given) != 1:
        raise _refuse(_("Name one subject: a model, an exemplar, a person or a collective."),
                      errors.COMMENDATION_BAD_SUBJECT)  # fmt: skip
    if model is not None:
        if not (dvk_rules.may_be_commended(model.stage, "") or model.commendation_decision_number):
            raise _refuse(_("Only a recognised model can be proposed for commendation."),
                          errors.COMMENDATION_MODEL_NOT_READY, stage=model.stage)  # fmt: skip
        return rules.SubjectKind.MODEL, model.organization, model.name
    if exemplar is not None:
        return rules.SubjectKind.EXEMPLAR, exemplar.organization, exemplar.name
    if collective is not None:
        return rules.SubjectKind.COLLECTIVE, collective, collective.name
    assert person is not None
    if person_organization is None or not selectors.holds_role_in(person, person_organization):
        raise _refuse(_("Give the body where the person works."), errors.COMMENDATION_BAD_SUBJECT)
    return rules.SubjectKind.PERSON, person_organization, person.get_full_name() or person.get_username()


@transaction.atomic
def proposal_create(
    *, actor: Any, organization: Organization, achievements: str, form: CommendationForm | None, level: str,
    model: DvkModel | None = None, exemplar: DvkExemplar | None = None, person: User | None = None,
    collective: Organization | None = None, person_organization: Organization | None = None,
) -> CommendationProposal:  # fmt: skip
    """A unit proposes a commendation (đề nghị khen thưởng) for one subject; the council is convened next."""
    permissions.require(actor, ep.COMMENDATION_PROPOSE, organization)
    kind, subject_org, name = _subject(model=model, exemplar=exemplar, person=person, collective=collective,
                                       person_organization=person_organization)  # fmt: skip
    if not permissions.user_may(actor, ep.COMMENDATION_PROPOSE, subject_org):
        raise _refuse(_("You propose only for units you work for."), errors.COMMENDATION_BAD_SUBJECT)
    if not achievements.strip():
        raise _refuse(_("Describe the achievements."), errors.COMMENDATION_EMPTY_ACHIEVEMENTS)
    form = _check_form(form, rules.Family.COMMENDATION, level)
    proposal = CommendationProposal.objects.create(
        organization=organization, subject_kind=kind, model=model, exemplar=exemplar, person=person,
        collective=collective, subject_organization=subject_org, subject_name=name[:300],
        achievements=achievements.strip(), proposed_form=form, proposed_level=level, proposed_by=actor,
        proposed_on=clock.today(),
    )  # fmt: skip
    audit_record(actor=actor, action="emulation.commendation_proposed", obj=proposal,
                 after={"subject": kind.value, "subject_organization": subject_org.pk, "form": form.code, "level": level})  # fmt: skip
    return proposal


@transaction.atomic
def council_seat(*, actor: Any, proposal: CommendationProposal, member: User,
                 organization: Organization) -> CommendationCouncilMember:  # fmt: skip
    """Give a seat on the proposal's council to a member sitting for ``organization``."""
    permissions.require(actor, ep.COMMENDATION_DECIDE, proposal)
    proposal = CommendationProposal.objects.select_for_update().get(pk=proposal.pk)
    _frozen(proposal)
    if not permissions.user_may(member, ep.COMMENDATION_OPINE, organization):
        raise _refuse(_("The member must work for the body he sits for."), errors.COMMENDATION_NOT_ON_COUNCIL)
    if selectors.is_own_unit(member, proposal, organization):
        raise _refuse(_("A member of the proposing unit or of the subject's own unit cannot sit on the council."),
                      errors.COMMENDATION_OWN_UNIT_MEMBER)  # fmt: skip
    seat, created = CommendationCouncilMember.objects.get_or_create(
        proposal=proposal, user=member, defaults={"organization": organization}
    )
    if created:
        audit_record(actor=actor, action="emulation.commendation_seat", obj=proposal,
                     after={"member": member.pk, "organization": organization.pk})  # fmt: skip
    return seat


@transaction.atomic
def council_opinion(*, actor: Any, proposal: CommendationProposal, opinion: str,
                    reason: str) -> CommendationCouncilMember:  # fmt: skip
    """A member gives (or changes, until the decision) his opinion, with its reason."""
    permissions.require(actor, ep.COMMENDATION_OPINE)
    proposal = CommendationProposal.objects.select_for_update().get(pk=proposal.pk)
    _frozen(proposal)
    seat = CommendationCouncilMember.objects.filter(proposal=proposal, user=actor).first()
    if seat is None:
        raise _refuse(_("You do not sit on this proposal's council."), errors.COMMENDATION_NOT_ON_COUNCIL)
    if opinion not in set(rules.Opinion) or not reason.strip():
        raise _refuse(_("Give your opinion and its reason."), errors.COMMENDATION_OPINION_REASON)
    before = {"opinion": seat.opinion}
    seat.opinion, seat.reason, seat.opined_at = opinion, reason.strip(), clock.now()
    seat.save(update_fields=["opinion", "reason", "opined_at"])
    audit_record(actor=actor, action="emulation.commendation_opinion", obj=proposal, before=before,
                 after={"opinion": opinion, "member": actor.pk})  # fmt: skip
    return seat


def _check_decider(
    actor: Any, proposal: CommendationProposal, deciding_organization: Organization | None
) -> Organization:
    if deciding_organization is None:
        raise _refuse(_("Choose the body that decides."), errors.COMMENDATION_BAD_DECISION)
    permissions.require(actor, ep.COMMENDATION_DECIDE, deciding_organization)
    if deciding_organization.pk == proposal.organization_id:
        raise _refuse(_("The proposing unit does not decide its own proposal."), errors.COMMENDATION_OWN_PROPOSAL)
    return deciding_organization


@transaction.atomic
def proposal_decide(
    *, actor: Any, proposal: CommendationProposal, deciding_organization: Organization | None, decision_number: str,
    decided_on: dt.date | None, signer_name: str, signer_title: str, form: CommendationForm | None, level: str,
) -> CommendationProposal:  # fmt: skip
    """The deciding level commends: decision number (required), date, signer, form and level. For a model,
    dvk's ``dvk_model_commend_by_decision`` moves it to COMMENDED in the same transaction (unless the model
    already carries this very decision — commended by dvk's former direct step — which is then only recorded)."""
    permissions.require(actor, ep.COMMENDATION_DECIDE, proposal)
    if proposal.model_id is not None:
        permissions.require(actor, ep.DVK_COMMEND, proposal.model)
    proposal = CommendationProposal.objects.select_for_update(of=("self",)).select_related("model").get(pk=proposal.pk)
    _frozen(proposal)
    body = _check_decider(actor, proposal, deciding_organization)
    summary = selectors.council_summary(proposal)
    if not summary.has_spoken:
        raise _refuse(_("Every council member gives an opinion first (at least %(n)d).") % {"n": rules.MIN_COUNCIL_OPINIONS},
                      errors.COMMENDATION_COUNCIL_INCOMPLETE, seats=len(summary.members))  # fmt: skip
    number = decision_number.strip()
    if not number:
        raise _refuse(_("A commendation needs its decision number."), errors.COMMENDATION_DECISION_NUMBER_REQUIRED)
    if decided_on is None or decided_on > clock.today() or decided_on < proposal.proposed_on:
        raise _refuse(_("The decision is dated between the proposal and today."), errors.COMMENDATION_BAD_DECISION)
    if not signer_name.strip() or not signer_title.strip():
        raise _refuse(_("Give the signer's name and title."), errors.COMMENDATION_BAD_DECISION)
    form = _check_form(form, rules.Family.COMMENDATION, level)
    _check_authority(form, level, body, decided_on)
    model = proposal.model
    if model is not None and model.commendation_decision_number and model.commendation_decision_number != number[:60]:
        raise _refuse(_("This model was already commended by decision %(n)s.") % {"n": model.commendation_decision_number},
                      errors.COMMENDATION_MODEL_NOT_READY)  # fmt: skip
    if model is not None and not model.commendation_decision_number and not dvk_rules.may_be_commended(model.stage, ""):
        # Archived (or otherwise ended) while the proposal was in council: refused before anything is stored.
        raise _refuse(_("Only a recognised model can be proposed for commendation."),
                      errors.COMMENDATION_MODEL_NOT_READY, stage=model.stage)  # fmt: skip
    proposal.status = rules.Status.DECIDED
    proposal.deciding_organization = body
    proposal.decision_number, proposal.decided_on = number[:60], decided_on
    proposal.signer_name, proposal.signer_title = signer_name.strip()[:150], signer_title.strip()[:150]
    proposal.decided_form, proposal.decided_level = form, level
    proposal.document_family = rules.document_family(body.kind.sector)
    proposal.decided_by, proposal.decided_at = actor, clock.now()
    proposal.save()
    if model is not None and not model.commendation_decision_number:
        # The only way a model is commended: dvk moves it to COMMENDED from this decision, in this transaction.
        dvk_services.dvk_model_commend_by_decision(actor=actor, proposal=proposal)
    audit_record(actor=actor, action="emulation.commendation_decided", obj=proposal, before={"status": "proposed"},
                 after={"decision_number": proposal.decision_number, "on": decided_on, "form": form.code,
                        "level": level, "body": body.pk})  # fmt: skip
    return proposal


@transaction.atomic
def proposal_decline(*, actor: Any, proposal: CommendationProposal, deciding_organization: Organization | None,
                     reason: str) -> CommendationProposal:  # fmt: skip
    """The deciding level does not commend, with its reason (the proposal is frozen too)."""
    permissions.require(actor, ep.COMMENDATION_DECIDE, proposal)
    proposal = CommendationProposal.objects.select_for_update().get(pk=proposal.pk)
    _frozen(proposal)
    body = _check_decider(actor, proposal, deciding_organization)
    if not reason.strip():
        raise _refuse(_("Give the reason."), errors.COMMENDATION_REASON_REQUIRED)
    proposal.status, proposal.decision_reason = rules.Status.NOT_COMMENDED, reason.strip()
    proposal.deciding_organization, proposal.decided_by, proposal.decided_at = body, actor, clock.now()
    proposal.save()
    audit_record(actor=actor, action="emulation.commendation_declined", obj=proposal, before={"status": "proposed"},
                 after={"reason": proposal.decision_reason})  # fmt: skip
    return proposal


def _discipline_content(
    actor: Any, *, form: CommendationForm | None, decided_on: dt.date | None, ground: str, case_tracking_code: str,
    kept_form: CommendationForm | None = None,
) -> tuple[CommendationForm, dt.date, int | None, str]:  # fmt: skip
    """A record's content rules (a discipline form, a date not in the future, a ground, an upheld case the
    actor may read), for a new record and for a correction (which may keep its own form, even retired)."""
    if form is None or kept_form is None or form.pk != kept_form.pk:
        form = _check_form(form, rules.Family.DISCIPLINE, None)
    if decided_on is None or decided_on > clock.today():
        raise _refuse(_("The decision date cannot be in the future."), errors.DISCIPLINE_BAD_DATE)
    if not ground.strip():
        raise _refuse(_("State the ground."), errors.DISCIPLINE_BAD_GROUND)
    case_id, code = None, case_tracking_code.strip().upper()
    if code:
        case = (case_selectors.case_list_for(user=actor, filters=case_selectors.InboxFilters(only_open=False))
                .filter(tracking_code=code).first())  # fmt: skip
        if case is None or case.outcome not in UPHELD_OUTCOMES:
            raise _refuse(_("The case %(code)s is not one you handle whose complaint was upheld.") % {"code": code},
                          errors.DISCIPLINE_BAD_GROUND)  # fmt: skip
        case_id = case.pk
    return form, decided_on, case_id, code


@transaction.atomic
def discipline_record(
    *, actor: Any, organization: Organization, deciding_organization: Organization, form: CommendationForm | None,
    decided_on: dt.date | None, ground: str, person: User | None = None, decision_number: str = "",
    case_tracking_code: str = "",
) -> DisciplineRecord:  # fmt: skip
    """Record a criticism or discipline of a person (in ``organization``) or of the collective
    ``organization``, with its ground (and the upheld case behind it, if any)."""
    permissions.require(actor, ep.DISCIPLINE_RECORD, organization)
    permissions.require(actor, ep.DISCIPLINE_RECORD, deciding_organization)
    if person is not None and not selectors.holds_role_in(person, organization):
        raise _refuse(_("The person must work in the unit given."), errors.DISCIPLINE_BAD_SUBJECT)
    form, day, case_id, code = _discipline_content(actor, form=form, decided_on=decided_on, ground=ground,
                                                   case_tracking_code=case_tracking_code)  # fmt: skip
    record = DisciplineRecord.objects.create(
        subject_kind=rules.SubjectKind.PERSON if person else rules.SubjectKind.COLLECTIVE, person=person,
        organization=organization, form=form, decision_number=decision_number.strip()[:60], decided_on=day,
        deciding_organization=deciding_organization, ground=ground.strip(), ground_case_id=case_id,
        ground_tracking_code=code, recorded_by=actor,
    )  # fmt: skip
    # The audit keeps ids, not the ground's text (personal data stays in the one record).
    audit_record(actor=actor, action="emulation.discipline_recorded", obj=record,
                 after={"person": person.pk if person else None, "organization": organization.pk,
                        "form": form.code, "case": case_id})  # fmt: skip
    return record


def _locked_in_force(record: DisciplineRecord) -> DisciplineRecord:
    record = DisciplineRecord.objects.select_for_update().get(pk=record.pk)
    if record.status != rules.DisciplineStatus.IN_FORCE:
        raise _refuse(_("This record is no longer in force: it was corrected or withdrawn."),
                      errors.DISCIPLINE_NOT_IN_FORCE, status=record.status)  # fmt: skip
    return record


@transaction.atomic
def discipline_withdraw(*, actor: Any, record: DisciplineRecord, reason: str) -> DisciplineRecord:
    """Withdraw a record in force (revoked, annulled on appeal …), with its reason; it stays, marked withdrawn."""
    permissions.require(actor, ep.DISCIPLINE_RECORD, record)
    permissions.require(actor, ep.DISCIPLINE_RECORD, record.deciding_organization)
    record = _locked_in_force(record)
    if not reason.strip():
        raise _refuse(_("Give the reason for withdrawing the record."), errors.DISCIPLINE_REASON_REQUIRED)
    record.status, record.withdrawal_reason = rules.DisciplineStatus.WITHDRAWN, reason.strip()
    record.withdrawn_by, record.withdrawn_at = actor, clock.now()
    record.save(update_fields=["status", "withdrawal_reason", "withdrawn_by", "withdrawn_at", "updated_at"])
    # Ids only, as for the record itself: the reason's text stays in the record.
    audit_record(actor=actor, action="emulation.discipline_withdrawn", obj=record,
                 before={"status": rules.DisciplineStatus.IN_FORCE}, after={"status": record.status})  # fmt: skip
    return record


@transaction.atomic
def discipline_correct(
    *, actor: Any, record: DisciplineRecord, reason: str, form: CommendationForm | None, decided_on: dt.date | None,
    deciding_organization: Organization, ground: str, decision_number: str = "", case_tracking_code: str = "",
) -> DisciplineRecord:  # fmt: skip
    """Correct a record in force: a new version (same person and unit) with the reason of the correction; the
    old one is kept, SUPERSEDED, seen by the same people."""
    permissions.require(actor, ep.DISCIPLINE_RECORD, record)
    permissions.require(actor, ep.DISCIPLINE_RECORD, record.deciding_organization)
    permissions.require(actor, ep.DISCIPLINE_RECORD, deciding_organization)
    record = _locked_in_force(record)
    if not reason.strip():
        raise _refuse(_("Give the reason for the correction."), errors.DISCIPLINE_REASON_REQUIRED)
    form, day, case_id, code = _discipline_content(actor, form=form, decided_on=decided_on, ground=ground,
                                                   case_tracking_code=case_tracking_code, kept_form=record.form)  # fmt: skip
    record.status = rules.DisciplineStatus.SUPERSEDED
    record.save(update_fields=["status", "updated_at"])
    newer = DisciplineRecord.objects.create(
        subject_kind=record.subject_kind, person_id=record.person_id, organization_id=record.organization_id,
        form=form, decision_number=decision_number.strip()[:60], decided_on=day,
        deciding_organization=deciding_organization, ground=ground.strip(), ground_case_id=case_id,
        ground_tracking_code=code, recorded_by=actor, version=record.version + 1, previous=record,
        correction_reason=reason.strip(),
    )  # fmt: skip
    audit_record(actor=actor, action="emulation.discipline_corrected", obj=newer,
                 before={"record": record.pk, "form": record.form.code, "on": record.decided_on},
                 after={"version": newer.version, "form": form.code, "on": day, "case": case_id})  # fmt: skip
    return newer


# The forms and who gives them: the province operators' data ----------------------------------------------


def _require_form_manager(actor: Any) -> None:
    require_reference_data_editor(actor, ep.COMMENDATION_MANAGE_FORMS)


def _require_authority_manager(actor: Any) -> None:
    require_reference_data_editor(actor, ep.COMMENDATION_MANAGE_AUTHORITIES)


def _form_name(name: str) -> str:
    if not name.strip():
        raise _refuse(_("Give the form's name."), errors.COMMENDATION_FORM_INVALID)
    return name.strip()[:200]


@transaction.atomic
def form_add(
    *, actor: Any, code: str, name: str, family: str, levels: list[str], source: str, verified: bool = False
) -> CommendationForm:
    """A new form of commendation or of criticism / discipline (levels: those that may give it; none = any)."""
    _require_form_manager(actor)
    name, code = _form_name(name), code.strip().lower()
    if not code or family not in set(rules.Family) or not set(levels) <= set(dvk_rules.Level) or not source.strip():
        raise _refuse(_("Give the form's code, family, levels and source."), errors.COMMENDATION_FORM_INVALID)
    if CommendationForm.objects.filter(code=code).exists():
        raise _refuse(_("The code %(code)s is taken by another form.") % {"code": code},
                      errors.COMMENDATION_FORM_INVALID)  # fmt: skip
    form = CommendationForm.objects.create(code=code[:60], name=name, family=family, levels=sorted(set(levels)),
                                           source=source.strip()[:300], verified=verified)  # fmt: skip
    audit_record(actor=actor, action="emulation.commendation_form_added", obj=form,
                 after={"code": form.code, "name": name, "family": family, "levels": form.levels})  # fmt: skip
    return form


@transaction.atomic
def form_rename(*, actor: Any, form: CommendationForm, name: str) -> CommendationForm:
    """Rename a form (what was decided under it shows the new name: the form is one thing, renamed)."""
    _require_form_manager(actor)
    name = _form_name(name)
    before = form.name
    form.name = name
    form.save(update_fields=["name"])
    audit_record(actor=actor, action="emulation.commendation_form_renamed", obj=form, before={"name": before},
                 after={"name": name})  # fmt: skip
    return form


@transaction.atomic
def form_retire(*, actor: Any, form: CommendationForm) -> CommendationForm:
    """Retire a form: it is no longer proposed, decided or recorded; proposals and records keep it."""
    _require_form_manager(actor)
    form = CommendationForm.objects.select_for_update().get(pk=form.pk)
    if not form.is_active:
        raise _refuse(_("This form is already retired."), errors.COMMENDATION_FORM_INVALID)
    form.is_active = False
    form.save(update_fields=["is_active"])
    audit_record(actor=actor, action="emulation.commendation_form_retired", obj=form, before={"is_active": True},
                 after={"is_active": False})  # fmt: skip
    return form


def _check_authority_row(row: CommendationAuthority) -> None:
    form = row.form
    if form.family != rules.Family.COMMENDATION or not form.is_active:
        raise _refuse(_("Choose a commendation form in use."), errors.COMMENDATION_AUTHORITY_INVALID)
    if row.level not in set(dvk_rules.Level) or not rules.level_allowed(row.level, list(form.levels)):
        raise _refuse(_("“%(form)s” is not given at this level.") % {"form": form.name},
                      errors.COMMENDATION_AUTHORITY_INVALID)  # fmt: skip
    if not row.source.strip():
        raise _refuse(_("Name the source of the rule (a text, or [U] with why)."),
                      errors.COMMENDATION_AUTHORITY_INVALID)  # fmt: skip
    if row.valid_to is not None and row.valid_to < row.valid_from:
        raise _refuse(_("A rule cannot end before it starts."), errors.COMMENDATION_AUTHORITY_INVALID)


def _authority_after(row: CommendationAuthority) -> dict[str, Any]:
    return {"form": row.form.code, "level": row.level, "kind": row.kind.code, "valid_from": row.valid_from,
            "valid_to": row.valid_to, "source": row.source, "verified": row.verified}  # fmt: skip


@transaction.atomic
def authority_add(
    *, actor: Any, form: CommendationForm, level: str, kind: OrganizationKind, valid_from: dt.date,
    source: str, valid_to: dt.date | None = None, verified: bool = False,
) -> CommendationAuthority:  # fmt: skip
    """ "``form`` at ``level`` is given by a body of ``kind``" from ``valid_from``."""
    _require_authority_manager(actor)
    row = CommendationAuthority(form=form, level=level, kind=kind, valid_from=valid_from, valid_to=valid_to,
                                source=source.strip()[:300], verified=verified)  # fmt: skip
    _check_authority_row(row)
    row.save()
    audit_record(actor=actor, action="emulation.commendation_authority_added", obj=row, after=_authority_after(row))
    return row


@transaction.atomic
def authority_update(
    *, actor: Any, row: CommendationAuthority, valid_from: dt.date, valid_to: dt.date | None, source: str,
    verified: bool,
) -> CommendationAuthority:  # fmt: skip
    """Change a row's dates, source or verification (ending it is setting ``valid_to``; its form, level and
    kind stay: another rule is another row)."""
    _require_authority_manager(actor)
    before = _authority_after(row)
    row.valid_from, row.valid_to, row.source, row.verified = valid_from, valid_to, source.strip()[:300], verified
    _check_authority_row(row)
    row.save(update_fields=["valid_from", "valid_to", "source", "verified", "updated_at"])
    audit_record(actor=actor, action="emulation.commendation_authority_changed", obj=row, before=before,
                 after=_authority_after(row))  # fmt: skip
    return row
