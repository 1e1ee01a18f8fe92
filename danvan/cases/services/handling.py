"""Handling: every move of a case through its legal track is one service here.

Each service locks the case row, checks permission, asks ``transitions`` whether the move is
allowed, changes the case, recomputes its legal deadline, writes the timeline and the audit log,
and queues the notification the law requires — all in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from danvan.cases import errors as codes
from danvan.cases import permissions as case_permissions
from danvan.cases import publicity, transitions
from danvan.cases.choices import DecisionOutcome, Status, Track, reject_reasons_for
from danvan.cases.events import CASE_ANSWERED, AnsweredCase
from danvan.cases.models import Case, Suspension
from danvan.cases.selectors import case_second_round_open
from danvan.cases.selectors_feed import case_reopen_facts
from danvan.cases.services.clock import case_deadline_refresh
from danvan.cases.services.common import case_state, public_text_changed, record
from danvan.cases.services.notify import staff_tell
from danvan.cases.transitions import Action, TransitionError
from danvan.core import clock, events
from danvan.core.errors import DomainError
from danvan.core.text import contains_html, fold
from danvan.org import permissions
from danvan.org import selectors as org_selectors
from danvan.org.models import Organization, User


def case_allowed_actions(case: Case) -> list[Action]:
    return transitions.allowed_actions(Track(case.track), Status(case.status), case_reopen_facts(case))


def _move(
    case: Case,
    *,
    actor: Any,
    action: Action,
    permission: str | None,
    change: Callable[[Case], None] | None = None,
    note: str = "",
    document_number: str = "",
    public: bool = True,
    notify: str = "",
    data: dict[str, Any] | None = None,
) -> Case:
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        if permission is not None:  # None: the caller proved the right otherwise (a citizen's private link)
            permissions.require(actor, permission, locked)
        owner = getattr(actor, "is_authenticated", False) and locked.submitter_id == actor.pk
        if locked.is_to_cao and not (owner and action is Action.WITHDRAW):
            # Staff need the denunciation right too; the denouncer may withdraw their own (Điều 33).
            permissions.require(actor, case_permissions.VIEW_TO_CAO, locked)
        before = case_state(locked)
        from_status = locked.status
        try:
            target = transitions.next_status(
                Track(locked.track), Status(locked.status), action, case_reopen_facts(locked)
            )
        except TransitionError as exc:
            raise DomainError(_("This step is not possible now."), code=exc.code, details={"why": str(exc)}) from exc
        if change is not None:
            change(locked)
        locked.status = target
        case_deadline_refresh(locked)
        locked.save()
        record(locked, actor=actor, action=action.value, before=before, from_status=from_status, note=note,
               document_number=document_number, public=public, notify=notify, data=data)  # fmt: skip
        if notify == "answered":
            # Satisfaction listens for this to open the citizen's rating invitation (legal-spec §8.4).
            events.publish(CASE_ANSWERED, AnsweredCase(
                case_id=locked.pk, organization_id=locked.handling_organization_id, unit_id=locked.place_unit_id,
                track=locked.track, topic=locked.topic.code if locked.topic else "", handler_id=locked.handler_id))  # fmt: skip
    case.refresh_from_db()
    return case


def _required(text: str, what: str) -> str:
    if not text.strip():
        raise DomainError(_("Please fill in: %(what)s.") % {"what": what}, code=codes.REQUIRED)
    if contains_html(text):
        raise DomainError(_("Please write plain text: HTML code is not accepted."), code=codes.HTML)
    return text.strip()


# Intake and classification -----------------------------------------------------------------------


def case_classify(*, case: Case, actor: Any, track: str, note: str = "") -> Case:
    """Put a case on its legal track; a PAKN that is really a complaint is moved, not refused."""
    if track not in {Track.PAKN, Track.KHIEU_NAI, Track.TO_CAO}:
        raise DomainError(_("Unknown kind of petition."), code=codes.BAD_TRACK)

    def change(c: Case) -> None:
        if c.track == track:
            raise DomainError(_("The case is already on this track."), code=codes.SAME_TRACK)
        if track == Track.TO_CAO:
            # Moving onto the denunciation track seals the identity given so far (Luật Tố cáo, Điều 47).
            from danvan.cases.services.protection import identity_seal_from_contact

            identity_seal_from_contact(c)
        if track != Track.KHIEU_NAI:
            # Only a complaint keeps anything of an ID card (and a tố cáo nothing outside the seal).
            c.id_number_digest = c.id_number_last4 = ""
        if track not in publicity.CHOICE_TRACKS:
            # A complaint or a denunciation is never public: what was kept for the feed goes.
            from danvan.cases.services.feedback import case_public_forget

            case_public_forget(c)
        c.track = track

    return _move(case, actor=actor, action=Action.CLASSIFY, permission=case_permissions.HANDLE, change=change,
                 note=note or _("Classified as: %(track)s") % {"track": Track(track).label})  # fmt: skip


def case_register(*, case: Case, actor: Any, note: str = "") -> Case:
    return _move(case, actor=actor, action=Action.REGISTER, permission=case_permissions.HANDLE, note=note)


def case_start_study(*, case: Case, actor: Any, note: str = "") -> Case:
    """A feedback item on a regulation goes under study (NĐ 20/2008, Điều 14)."""
    return _move(case, actor=actor, action=Action.START_STUDY, permission=case_permissions.HANDLE, note=note)


def case_assign(*, case: Case, actor: Any, handler: User, note: str = "") -> Case:
    """Give the case to a handler of the body (not a state change: any open case may be assigned)."""
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        permissions.require(actor, case_permissions.ASSIGN, locked)
        if not permissions.user_may(handler, case_permissions.HANDLE, locked):
            raise DomainError(_("This person does not handle cases of this body."), code=codes.NOT_A_HANDLER)
        if not transitions.is_open(Status(locked.status)):
            raise DomainError(_("This case is closed."), code=codes.CLOSED)
        if not transitions.assign_possible(Status(locked.status), has_body=locked.handling_organization_id is not None):
            # A case not yet with a body has nobody who handles it: it is routed or transferred first.
            raise DomainError(_("This step is not possible now."), code=codes.NO_BODY)
        before = case_state(locked)
        locked.handler = handler
        locked.save(update_fields=["handler", "updated_at"])
        record(locked, actor=actor, action="assign", before=before, from_status=locked.status, note=note,
               data={"handler": handler.pk})  # fmt: skip
        if handler.pk != getattr(actor, "pk", None):  # who takes a case himself needs no message
            staff_tell(case=locked, template="assigned", recipients=[handler], actor=actor)
    case.refresh_from_db()
    return case


def case_transfer(*, case: Case, actor: Any, to: Organization, reason: str) -> Case:
    """Send the case to the competent body, with the reason (Luật Tố cáo Art. 24(2); NĐ 20/2008 Art. 9)."""
    reason = _required(reason, _("the reason for the transfer"))
    if to.pk == case.handling_organization_id:
        raise DomainError(_("The case is already with this body."), code=codes.SAME_BODY)
    if not to.is_active:
        raise DomainError(_("This body is no longer active."), code=codes.INACTIVE_BODY)

    from_body = case.handling_organization.name if case.handling_organization else ""

    def change(c: Case) -> None:
        c.handling_organization = to
        c.handler = None
        # The receiving body's clock starts on the day it receives the case.
        c.received_on = clock.today()

    with transaction.atomic():
        moved = _move(case, actor=actor, action=Action.TRANSFER, permission=case_permissions.HANDLE, change=change,
                      note=_("Transferred to %(body)s. Reason: %(reason)s") % {"body": to.name, "reason": reason},
                      notify="transferred", data={"to": to.pk})  # fmt: skip
        # The receiving body is told in the app: its heads, who assign it (or its handlers, if it has no head).
        staff_tell(case=moved, template="transferred_in", recipients=_receivers(to), from_body=from_body,
                   reason=reason)  # fmt: skip
    return moved


def _receivers(body: Organization) -> list[User]:
    """Who is told that a case arrived at ``body``: those who assign there, else those who handle there
    (held in the body itself, not above it: a province's head is not told of every commune's cases)."""
    bodies = Organization.objects.filter(pk=body.pk)
    for action in (case_permissions.ASSIGN, case_permissions.HANDLE):
        people = list(org_selectors.users_who_may(action, organizations=bodies))
        if people:
            return people
    return []


def case_split(*, case: Case, actor: Any, parts: list[dict[str, str]], note: str = "") -> list[Case]:
    """Split a mixed petition into one case per legal track (Luật Tiếp công dân 2013, Điều 25(3))."""
    from danvan.cases.services.intake import Petition, case_submit

    if len(parts) < 2:
        raise DomainError(_("A split needs at least two parts."), code=codes.SPLIT_PARTS)
    created: list[Case] = []
    with transaction.atomic():
        _move(case, actor=actor, action=Action.SPLIT, permission=case_permissions.HANDLE, note=note, public=True)
        original = Case.objects.get(pk=case.pk)
        for part in parts:
            petition = Petition(
                content=_required(part.get("content", ""), _("the content of each part")),
                title=part.get("title", ""), track=part.get("track", Track.UNCLASSIFIED), place_unit_id=original.place_unit_id,
                name=original.contact_name, phone=original.contact_phone, email=original.contact_email,
                address=original.contact_address, people_count=original.people_count, consent=True,
                consent_text=original.consent_text,
            )  # fmt: skip
            submitted = case_submit(actor=actor, petition=petition, channel=original.channel)
            child = submitted.case
            child.parent = original
            child.submitter = original.submitter
            child.handling_organization = original.handling_organization
            child.save(update_fields=["parent", "submitter", "handling_organization", "updated_at"])
            created.append(child)
    return created


# Acceptance ------------------------------------------------------------------------------------------


def case_accept(*, case: Case, actor: Any, document_number: str = "", criteria: list[str] | None = None) -> Case:
    """Thụ lý: the resolution clock starts today (Luật Khiếu nại Art. 27; Luật Tố cáo Art. 29)."""

    def change(c: Case) -> None:
        c.accepted_on = clock.today()
        if criteria is not None:
            c.criteria = sorted(set(criteria))

    return _move(case, actor=actor, action=Action.ACCEPT, permission=case_permissions.HANDLE, change=change,
                 document_number=document_number, notify="accepted")  # fmt: skip


def case_reject(*, case: Case, actor: Any, reason: str, note: str = "") -> Case:
    """Not accepted, on a legal ground; the written notice states it (Luật Khiếu nại Art. 11, 27)."""
    choices = reject_reasons_for(case.track)
    if choices is None or reason not in choices.values:
        raise DomainError(_("Choose a legal ground for not accepting."), code=codes.BAD_REASON)

    def change(c: Case) -> None:
        c.reject_reason = reason
        c.closed_at = clock.now()

    label = str(choices(reason).label)
    return _move(case, actor=actor, action=Action.REJECT, permission=case_permissions.HANDLE, change=change,
                 note=f"{label}. {note}".strip(), notify="rejected", data={"reason": reason})  # fmt: skip


def case_mark_info_only(*, case: Case, actor: Any, note: str) -> Case:
    """Luật Tố cáo Art. 25: anonymous or improper information is kept and used, but is not a denunciation."""
    return _move(case, actor=actor, action=Action.MARK_INFO_ONLY, permission=case_permissions.HANDLE,
                 note=_required(note, _("the reason")), public=False)  # fmt: skip


# Resolution ---------------------------------------------------------------------------------------------


def case_start_verification(*, case: Case, actor: Any, note: str = "") -> Case:
    return _move(case, actor=actor, action=Action.START_VERIFICATION, permission=case_permissions.HANDLE, note=note)


def case_hold_dialogue(*, case: Case, actor: Any, minutes: str, held_on: str = "") -> Case:
    """Record the dialogue and its minutes (Luật Khiếu nại Art. 30, 39)."""
    return _move(case, actor=actor, action=Action.HOLD_DIALOGUE, permission=case_permissions.HANDLE,
                 note=_required(minutes, _("the minutes of the dialogue")), data={"held_on": held_on})  # fmt: skip


def case_set_complexity(*, case: Case, actor: Any, criteria: list[str], note: str = "") -> Case:
    """Record the NĐ 31/2019 criteria in writing; the period follows (Art. 3)."""
    from danvan.cases.choices import Criterion

    unknown = set(criteria) - set(Criterion.values)
    if unknown:
        raise DomainError(_("Unknown complexity criteria."), code=codes.BAD_CRITERIA)
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        permissions.require(actor, case_permissions.DECIDE, locked)
        if not transitions.complexity_possible(Track(locked.track), Status(locked.status)):
            # The criteria set the period of an open complaint or denunciation; nothing else has one to set.
            raise DomainError(_("This step is not possible now."), code=codes.COMPLEXITY_NOT_POSSIBLE)
        before = case_state(locked)
        locked.criteria = sorted(set(criteria))
        case_deadline_refresh(locked)
        locked.save()
        record(locked, actor=actor, action="set_complexity", before=before, from_status=locked.status, note=note,
               public=True, data={"criteria": locked.criteria})  # fmt: skip
    case.refresh_from_db()
    return case


def case_extend(*, case: Case, actor: Any, decision_number: str, reason: str) -> Case:
    """Gia hạn (Luật Tố cáo Art. 30(2)-(3)): once if complex, twice if especially complex."""

    def change(c: Case) -> None:
        c.extensions += 1

    return _move(case, actor=actor, action=Action.EXTEND, permission=case_permissions.DECIDE, change=change,
                 note=_required(reason, _("the reason for the extension")),
                 document_number=_required(decision_number, _("the decision number")), notify="extended")  # fmt: skip


def case_suspend(*, case: Case, actor: Any, reason: str, decision_number: str = "") -> Case:
    """Tạm đình chỉ: the clock stops (Luật Tố cáo Art. 33-34; NĐ 155/2026 Art. 28b for complaints)."""
    reason = _required(reason, _("the reason for the suspension"))

    def change(c: Case) -> None:
        c.suspended_from = c.status
        Suspension.objects.create(case=c, suspended_on=clock.today(), reason=reason, decision_number=decision_number)

    return _move(case, actor=actor, action=Action.SUSPEND, permission=case_permissions.DECIDE, change=change,
                 note=reason, document_number=decision_number, notify="suspended")  # fmt: skip


def case_resume(*, case: Case, actor: Any, decision_number: str = "", note: str = "") -> Case:
    """Quyết định tiếp tục giải quyết: the clock starts again the day after (Luật Tố cáo Art. 34(2))."""

    def change(c: Case) -> None:
        open_suspension = c.suspensions.filter(resumed_on__isnull=True).last()
        if open_suspension is not None:
            open_suspension.resumed_on = clock.today()
            open_suspension.save(update_fields=["resumed_on"])
        c.suspended_from = ""

    return _move(case, actor=actor, action=Action.RESUME, permission=case_permissions.DECIDE, change=change,
                 note=note, document_number=decision_number, notify="resumed")  # fmt: skip


def case_decide(*, case: Case, actor: Any, outcome: str, decision_number: str, answer_text: str) -> Case:
    """The resolution decision (khiếu nại) or conclusion (tố cáo) — signed by the head."""
    if outcome not in {DecisionOutcome.RIGHT, DecisionOutcome.PARTLY_RIGHT, DecisionOutcome.WRONG}:
        raise DomainError(_("Choose the conclusion: right, partly right or wrong."), code=codes.BAD_OUTCOME)
    text = _required(answer_text, _("the content of the decision"))
    number = _required(decision_number, _("the decision number"))
    action = Action.CONCLUDE if case.track == Track.TO_CAO else Action.DECIDE

    def change(c: Case) -> None:
        c.outcome, c.decision_number, c.answer_text, c.decided_on = outcome, number, text, clock.today()

    return _move(case, actor=actor, action=action, permission=case_permissions.DECIDE, change=change,
                 document_number=number, notify="decided", public=True)  # fmt: skip


def case_send_decision(*, case: Case, actor: Any, note: str = "") -> Case:
    """Send the decision/conclusion to the parties (Luật Khiếu nại Art. 32; Luật Tố cáo Art. 35(3))."""

    def change(c: Case) -> None:
        c.notified_on = clock.today()

    return _move(case, actor=actor, action=Action.SEND_DECISION, permission=case_permissions.HANDLE, change=change,
                 note=note, notify="answered")  # fmt: skip


def case_answer(
    *, case: Case, actor: Any, answer_text: str, after_photos: list[tuple[str, bytes]] | None = None
) -> Case:
    """The reply to a feedback item (phản ánh, kiến nghị), with the handler's photos after handling if any
    (shown beside the citizen's on the public feed)."""
    text = _required(answer_text, _("the answer"))

    def change(c: Case) -> None:
        if after_photos:
            from danvan.cases.services.feedback import case_attach_after_photos

            case_attach_after_photos(case=c, actor=actor, photos=after_photos)
        c.answer_text, c.outcome, c.decided_on, c.notified_on = (
            text,
            DecisionOutcome.ANSWERED,
            clock.today(),
            clock.today(),
        )

    return _move(case, actor=actor, action=Action.ANSWER, permission=case_permissions.HANDLE, change=change,
                 notify="answered")  # fmt: skip


def case_publish(*, case: Case, actor: Any, public_answer: str, public_text: str = "") -> Case:
    """Publish a redacted answer (Luật Tố cáo Art. 40: never the denouncer; from the redacted view only).
    On a public feedback item the handler may also correct the report's public text (``public_text``):
    its automatic redaction is a floor."""
    text = _required(public_answer, _("the public answer"))
    report = _required(public_text, _("the public text of the report")) if public_text.strip() else ""
    if case.is_to_cao:
        from danvan.cases.services.protection import identity_values

        if any(v and v.lower() in text.lower() for v in identity_values(case) if len(v) >= 3):
            raise DomainError(_("The public text still contains the denouncer's identity."), code=codes.IDENTITY_LEAK)
    else:
        # A feedback item's answer and report are shown on the public feed: never the petitioner's
        # name or contact as stored with the case (the feed promises it).
        who = publicity.contact_identity(case.contact_name, case.contact_phone, case.contact_email,
                                         case.contact_address)  # fmt: skip
        if publicity.names_contact(text, who) or publicity.names_contact(report, who):
            raise DomainError(_("The public text still contains the petitioner's name or contact details."),
                              code=codes.IDENTITY_LEAK)  # fmt: skip

    def change(c: Case) -> None:
        c.public_answer, c.published_at = text, clock.now()
        if report and c.publish_wanted:
            c.public_text = report
            public_text_changed(c)
        c.search_text = fold(f"{c.tracking_code} {c.title} {c.redacted_content or c.content} {c.place_text} {text}")

    return _move(case, actor=actor, action=Action.PUBLISH, permission=case_permissions.HANDLE, change=change,
                 public=True)  # fmt: skip


def case_finalize(*, case: Case, actor: Any) -> Case:
    """The decision is in legal effect (Luật Khiếu nại Art. 44)."""
    return _move(case, actor=actor, action=Action.FINALIZE, permission=case_permissions.HANDLE)


def case_close(*, case: Case, actor: Any, note: str = "") -> Case:
    def change(c: Case) -> None:
        c.closed_at = clock.now()

    return _move(case, actor=actor, action=Action.CLOSE, permission=case_permissions.HANDLE, change=change, note=note)


def case_withdraw(*, case: Case, actor: Any, note: str = "") -> Case:
    """Rút đơn (Luật Khiếu nại Art. 10; Luật Tố cáo Art. 33): by the citizen, or recorded by staff from
    a signed written request. The case is terminated and the citizen notified."""
    owner = getattr(actor, "is_authenticated", False) and case.submitter_id == actor.pk
    permission = case_permissions.VIEW if owner else case_permissions.HANDLE

    def change(c: Case) -> None:
        c.closed_at = clock.now()

    return _move(case, actor=actor, action=Action.WITHDRAW, permission=permission, change=change, note=note,
                 notify="withdrawn_terminated")  # fmt: skip


def case_court_filed(*, case: Case, actor: Any, note: str) -> Case:
    """The complainant sued: the complaint track stops (Luật Khiếu nại Art. 11(9)), and the complainant
    is told, with the court and the date as the reason (a public step: it is the complainant's own suit)."""

    def change(c: Case) -> None:
        c.court_filed, c.closed_at = True, clock.now()

    return _move(case, actor=actor, action=Action.COURT_FILED, permission=case_permissions.HANDLE, change=change,
                 note=_required(note, _("the court and the date")),
                 notify="court_terminated")  # fmt: skip


def case_second_complaint(*, case: Case, actor: Any, content: str) -> Case:
    """A second complaint against the first-time decision opens a round-2 case (Luật Khiếu nại Art. 33)."""
    from danvan.cases.services.intake import Petition, case_submit

    if not transitions.second_complaint_possible(Track(case.track), Status(case.status), case.round):
        raise DomainError(
            _("A second complaint is possible only against a first-time complaint."), code=codes.NO_ROUND_2
        )
    owner = getattr(actor, "is_authenticated", False) and case.submitter_id == actor.pk
    if not owner:
        # Staff record a second complaint brought to them; the citizen may lodge it themselves.
        permissions.require(actor, case_permissions.HANDLE, case)
    if case_second_round_open(case):
        # At most one open second-time case per first-time decision (§1.7 invariant).
        raise DomainError(_("A second complaint is already open for this case."), code=codes.ROUND_2_EXISTS)
    with transaction.atomic():
        submitted = case_submit(actor=actor, petition=Petition(
            content=content, title=case.title, track=Track.KHIEU_NAI, place_unit_id=case.place_unit_id,
            name=case.contact_name, phone=case.contact_phone, email=case.contact_email, address=case.contact_address,
            people_count=case.people_count, consent=True, consent_text=case.consent_text,
        ), channel=case.channel)  # fmt: skip
        second = submitted.case
        second.round, second.previous, second.submitter = 2, case, case.submitter
        # The second-time resolver comes from the editable competence table (legal-spec §1.4; [U] for the
        # two-tier map), else the superior of the first body; staff may still transfer it.
        first_body = case.handling_organization
        resolver = None
        if first_body is not None:
            from danvan.cases.competence import competent_body

            resolver = competent_body(track=Track.KHIEU_NAI, round_=2, acted_by=first_body)
        second.handling_organization = resolver or (
            first_body.parent if first_body and first_body.parent else first_body
        )
        case_deadline_refresh(second)
        second.save()
    return second
