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
- a decided proposal is frozen (``COMMENDATION_FROZEN``);
- a discipline record concerns a person (in a body where he holds a role) or a collective, has a
  discipline form, a date not in the future and a ground; a case given as its ground must be one the
  recorder may read and whose complaint was upheld (``DISCIPLINE_BAD_GROUND``).
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
from danvan.emulation import errors
from danvan.emulation import permissions as ep
from danvan.emulation.models import (
    CommendationCouncilMember,
    CommendationForm,
    CommendationProposal,
    DisciplineRecord,
    DvkExemplar,
    DvkModel,
)
from danvan.emulation.rules import commendation as rules
from danvan.emulation.rules import dvk as dvk_rules
from danvan.emulation.selectors import commendation as selectors
from danvan.emulation.services import dvk as dvk_services
from danvan.org import permissions
from danvan.org.models import Organization, User

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


def _subject(
    *, model: DvkModel | None, exemplar: DvkExemplar | None, person: User | None, collective: Organization | None,
    person_organization: Organization | None,
) -> tuple[rules.SubjectKind, Organization, str]:  # fmt: skip
    given = [x for x in (model, exemplar, person, collective) if x is not None]
    if len(given) != 1:
        raise _refuse(_("Name one subject: a model, an exemplar, a person or a collective."),
                      errors.COMMENDATION_BAD_SUBJECT)  # fmt: skip
    if model is not None:
        if not (model.stage == dvk_rules.Stage.RECOGNISED or model.commendation_decision_number):
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
    model = proposal.model
    if model is not None and model.commendation_decision_number and model.commendation_decision_number != number[:60]:
        raise _refuse(_("This model was already commended by decision %(n)s.") % {"n": model.commendation_decision_number},
                      errors.COMMENDATION_MODEL_NOT_READY)  # fmt: skip
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
    record = DisciplineRecord.objects.create(
        subject_kind=rules.SubjectKind.PERSON if person else rules.SubjectKind.COLLECTIVE, person=person,
        organization=organization, form=form, decision_number=decision_number.strip()[:60], decided_on=decided_on,
        deciding_organization=deciding_organization, ground=ground.strip(), ground_case_id=case_id,
        ground_tracking_code=code, recorded_by=actor,
    )  # fmt: skip
    # The audit keeps ids, not the ground's text (personal data stays in the one record).
    audit_record(actor=actor, action="emulation.discipline_recorded", obj=record,
                 after={"person": person.pk if person else None, "organization": organization.pk,
                        "form": form.code, "case": case_id})  # fmt: skip
    return record
