"""Dialogue conferences (hội nghị đối thoại, Luật Thực hiện dân chủ ở cơ sở 2022 Art. 26; QĐ 23-QĐ/TW;
spec §5.3, §1.5, §6.1): plan, publish the invitation, collect questions before and at it, moderate,
answer, record that it was held (minutes, attendance), and follow each commitment to its end.

Every service is keyword-only, checks the permission first, writes in one transaction and is audited.
The public question (``question_submit``) needs no account: name and contact are optional, kept for the
officers only, and a retried form (the same request key) is stored once. Citizens' questions are not
written to the audit log (an audit row carries the request's address).

The dialogue's life: PLANNED (a draft until its invitation is published; public once published) →
HELD (minutes recorded; commitments may be added) → CLOSED when every commitment is settled (kept, not
kept, or withdrawn with its reason). A planned dialogue may be CANCELLED.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from danvan.core import clock
from danvan.core.audit import audit_record
from danvan.core.errors import DomainError, NotFound
from danvan.core.text import contains_html
from danvan.org import permissions
from danvan.org.models import Organization
from danvan.reception import errors as codes
from danvan.reception.choices import CommitmentStatus, Convener, DialogueStatus, QuestionStage
from danvan.reception.models import Dialogue, DialogueCommitment, DialogueQuestion
from danvan.reception.permissions import MANAGE_DIALOGUES, WORK_TASKS

QUESTION_MAX = 3000
SETTLED = (CommitmentStatus.KEPT, CommitmentStatus.NOT_KEPT, CommitmentStatus.CANCELLED)


def _required(value: str, field: str) -> str:
    value = (value or "").strip()
    if not value:
        raise DomainError(_("This field is required."), code=codes.REQUIRED, details={field: _("Required.")})
    return value


def _locked(pk: int) -> Dialogue:
    dialogue = Dialogue.objects.select_for_update().select_related("organization").filter(pk=pk).first()
    if dialogue is None:
        raise NotFound("dialogue not found")
    return dialogue


def _state(dialogue: Dialogue, *allowed: str) -> None:
    if dialogue.status not in allowed:
        raise DomainError(
            _("This cannot be done while the dialogue is “%(status)s”.") % {"status": dialogue.get_status_display()},
            code=codes.BAD_STATE,
        )


def is_published(dialogue: Dialogue) -> bool:
    """A dialogue is public once its invitation is published (and not cancelled)."""
    return bool(dialogue.invitation) and dialogue.status != DialogueStatus.CANCELLED


def questions_open(dialogue: Dialogue, now: dt.datetime | None = None) -> bool:
    """Does the public form take questions now? Published, still planned, and before ``questions_until``
    (or, without one, before the dialogue starts)."""
    now = now or clock.now()
    until = dialogue.questions_until or dialogue.planned_at
    return is_published(dialogue) and dialogue.status == DialogueStatus.PLANNED and now < until


# Planning and the invitation ---------------------------------------------------------------------------


@dataclass(frozen=True)
class DialoguePlan:
    organization: Organization
    convener: str
    subject: str
    location: str
    planned_at: dt.datetime
    head: Any = None
    description: str = ""
    unit: Any = None
    audience: str = ""
    questions_until: dt.datetime | None = None


def dialogue_plan(*, actor: Any, plan: DialoguePlan) -> Dialogue:
    """Plan a dialogue of ``plan.organization`` (MANAGE_DIALOGUES there). Not public until published."""
    probe = Dialogue(organization=plan.organization)
    permissions.require(actor, MANAGE_DIALOGUES, probe)
    subject = _required(plan.subject, "subject")
    location = _required(plan.location, "location")
    if plan.convener not in Convener.values:
        raise DomainError(
            _("Choose who convenes the dialogue."), code=codes.REQUIRED, details={"convener": _("Required.")}
        )
    now = clock.now()
    if plan.planned_at <= now:
        raise DomainError(_("The dialogue must be planned in the future."), code=codes.IN_THE_PAST,
                          details={"planned_at": _("In the past.")})  # fmt: skip
    if plan.questions_until is not None and not (now < plan.questions_until <= plan.planned_at):
        raise DomainError(_("Questions must be accepted until a moment between now and the dialogue."),
                          code=codes.BAD_DATE, details={"questions_until": _("Not between now and the dialogue.")})  # fmt: skip
    with transaction.atomic():
        dialogue = Dialogue.objects.create(
            organization=plan.organization, convener=plan.convener, head=plan.head, subject=subject,
            description=plan.description.strip(), unit=plan.unit, audience=plan.audience.strip(),
            location=location, planned_at=plan.planned_at, questions_until=plan.questions_until,
        )  # fmt: skip
        audit_record(actor=actor, action="reception.dialogue_plan", obj=dialogue,
                     after={"subject": subject, "planned_at": plan.planned_at, "organization": plan.organization.pk})  # fmt: skip
    return dialogue


def invitation_default_text(dialogue: Dialogue) -> str:
    """The body of the invitation when the officer writes none (Vietnamese: an administrative document)."""
    when = clock.local(dialogue.planned_at)
    lines = [
        f"{dialogue.organization.name} trân trọng kính mời {dialogue.audience or 'Nhân dân'} "
        f"dự hội nghị đối thoại về: {dialogue.subject}.",
        f"Thời gian: {when:%H giờ %M}, ngày {when:%d/%m/%Y}.",
        f"Địa điểm: {dialogue.location}.",
    ]
    if dialogue.questions_until:
        until = clock.local(dialogue.questions_until)
        lines.append(f"Ý kiến, câu hỏi gửi trước đến hết {until:%H giờ %M} ngày {until:%d/%m/%Y} "
                     "trên trang công khai của hội nghị trên Dân Vận Số (không cần tài khoản).")  # fmt: skip
    return "\n".join(lines)


def dialogue_publish(*, actor: Any, dialogue_id: int, invitation: str = "") -> Dialogue:
    """Publish (or correct) the invitation: the dialogue then shows on the public pages."""
    with transaction.atomic():
        dialogue = _locked(dialogue_id)
        permissions.require(actor, MANAGE_DIALOGUES, dialogue)
        _state(dialogue, DialogueStatus.PLANNED)
        before = dialogue.invitation
        dialogue.invitation = invitation.strip() or invitation_default_text(dialogue)
        dialogue.save(update_fields=["invitation", "updated_at"])
        audit_record(actor=actor, action="reception.dialogue_publish", obj=dialogue,
                     before={"invitation": before}, after={"invitation": dialogue.invitation})  # fmt: skip
    return dialogue


def dialogue_cancel(*, actor: Any, dialogue_id: int, reason: str) -> Dialogue:
    reason = _required(reason, "reason")
    with transaction.atomic():
        dialogue = _locked(dialogue_id)
        permissions.require(actor, MANAGE_DIALOGUES, dialogue)
        _state(dialogue, DialogueStatus.PLANNED)
        dialogue.status = DialogueStatus.CANCELLED
        dialogue.save(update_fields=["status", "updated_at"])
        audit_record(actor=actor, action="reception.dialogue_cancel", obj=dialogue, reason=reason)
    return dialogue


# Questions ---------------------------------------------------------------------------------------------


def _question_text(text: str) -> str:
    text = _required(text, "text")
    if len(text) > QUESTION_MAX:
        raise DomainError(_("At most %(n)d characters.") % {"n": QUESTION_MAX}, code=codes.REQUIRED,
                          details={"text": _("Too long.")})  # fmt: skip
    if contains_html(text):
        raise DomainError(_("Please write plain text, without HTML."), code=codes.REQUIRED,
                          details={"text": _("Plain text only.")})  # fmt: skip
    return text


def _key(dialogue_id: int, request_key: str) -> str:
    """The stored request key: scoped to the dialogue, hashed to the column's width."""
    return hashlib.sha256(f"dialogue:{dialogue_id}:{request_key}".encode()).hexdigest()


@dataclass(frozen=True)
class Submitted:
    question: DialogueQuestion
    created: bool


def question_submit(*, dialogue_id: int, text: str, request_key: str, asker_name: str = "",
                    asker_contact: str = "") -> Submitted:  # fmt: skip
    """A question from the public before the dialogue (no account). The same ``request_key`` again returns
    the stored question (``created=False``). After ``questions_until``: ``QUESTIONS_CLOSED``."""
    dialogue = Dialogue.objects.filter(pk=dialogue_id).first()
    if dialogue is None or not is_published(dialogue):
        raise NotFound("dialogue not found")
    request_key = (request_key or "").strip()
    if not request_key:
        raise DomainError(_("The form could not be read. Please send it again."), code=codes.REQUIRED)
    key = _key(dialogue.pk, request_key)
    existing = DialogueQuestion.objects.filter(request_key=key).first()
    if existing is not None:
        return Submitted(existing, False)
    if not questions_open(dialogue):
        raise DomainError(_("Questions for this dialogue are no longer accepted."), code=codes.QUESTIONS_CLOSED)
    text = _question_text(text)
    try:
        with transaction.atomic():
            question = DialogueQuestion.objects.create(
                dialogue=dialogue, stage=QuestionStage.BEFORE, text=text, asker_name=asker_name.strip()[:200],
                asker_contact=asker_contact.strip()[:200], request_key=key,
            )  # fmt: skip
    except IntegrityError:  # the same form sent twice at once: the other request stored it
        return Submitted(DialogueQuestion.objects.get(request_key=key), False)
    return Submitted(question, True)


def question_record(*, actor: Any, dialogue_id: int, text: str, asker_name: str = "", stage: str = "during",
                    answer: str = "") -> DialogueQuestion:  # fmt: skip
    """A question asked at the dialogue (or one handed in on paper before it), typed in by an officer."""
    with transaction.atomic():
        dialogue = _locked(dialogue_id)
        permissions.require(actor, MANAGE_DIALOGUES, dialogue)
        _state(dialogue, DialogueStatus.PLANNED, DialogueStatus.HELD)
        if stage not in QuestionStage.values:
            stage = QuestionStage.DURING
        question = DialogueQuestion.objects.create(dialogue=dialogue, stage=stage, text=_question_text(text),
                                                   asker_name=asker_name.strip()[:200])  # fmt: skip
        if answer.strip():
            question.answer, question.answered_by, question.answered_at = answer.strip(), actor, clock.now()
            question.save(update_fields=["answer", "answered_by", "answered_at", "updated_at"])
        audit_record(actor=actor, action="reception.dialogue_question_record", obj=question,
                     after={"dialogue": dialogue.pk, "stage": stage})  # fmt: skip
    return question


def _question_locked(actor: Any, question_id: int) -> DialogueQuestion:
    question = DialogueQuestion.objects.select_for_update().select_related("dialogue__organization") \
        .filter(pk=question_id).first()  # fmt: skip
    if question is None:
        raise NotFound("question not found")
    permissions.require(actor, MANAGE_DIALOGUES, question)
    return question


def question_hide(*, actor: Any, question_id: int, reason: str) -> DialogueQuestion:
    """Hide a question from the public with the reason (insults, personal data, off the subject…). It is
    never deleted: the officers still read it."""
    with transaction.atomic():
        question = _question_locked(actor, question_id)
        reason = _required(reason, "reason")[:300]
        question.is_hidden, question.hidden_reason = True, reason
        question.save(update_fields=["is_hidden", "hidden_reason", "updated_at"])
        audit_record(actor=actor, action="reception.dialogue_question_hide", obj=question, reason=reason)
    return question


def question_show(*, actor: Any, question_id: int) -> DialogueQuestion:
    with transaction.atomic():
        question = _question_locked(actor, question_id)
        before = question.hidden_reason
        question.is_hidden, question.hidden_reason, question.duplicate_of = False, "", None
        question.save(update_fields=["is_hidden", "hidden_reason", "duplicate_of", "updated_at"])
        audit_record(actor=actor, action="reception.dialogue_question_show", obj=question, before={"reason": before})
    return question


def question_merge(*, actor: Any, question_id: int, into_id: int) -> DialogueQuestion:
    """A duplicate points to the question kept and is hidden (the kept one is answered for both)."""
    with transaction.atomic():
        question = _question_locked(actor, question_id)
        kept = DialogueQuestion.objects.filter(pk=into_id, dialogue_id=question.dialogue_id, is_hidden=False).first()
        if kept is None or kept.pk == question.pk:
            raise DomainError(_("Choose another visible question of this dialogue."), code=codes.REQUIRED,
                              details={"into": _("Not a visible question of this dialogue.")})  # fmt: skip
        question.duplicate_of = kept
        question.is_hidden = True
        question.hidden_reason = _("Same as question no. %(n)d") % {"n": kept.pk}
        question.save(update_fields=["duplicate_of", "is_hidden", "hidden_reason", "updated_at"])
        audit_record(actor=actor, action="reception.dialogue_question_merge", obj=question, after={"into": kept.pk})
    return question


def question_answer(*, actor: Any, question_id: int, answer: str) -> DialogueQuestion:
    with transaction.atomic():
        question = _question_locked(actor, question_id)
        answer = _required(answer, "answer")
        before = question.answer
        question.answer, question.answered_by, question.answered_at = answer, actor, clock.now()
        question.save(update_fields=["answer", "answered_by", "answered_at", "updated_at"])
        audit_record(actor=actor, action="reception.dialogue_question_answer", obj=question,
                     before={"answer": before}, after={"answer": answer})  # fmt: skip
    return question


# Held: minutes and attendance ------------------------------------------------------------------------


def dialogue_record_held(*, actor: Any, dialogue_id: int, held_at: dt.datetime, minutes: str,
                         attendance: int | None = None) -> Dialogue:  # fmt: skip
    """Record that the dialogue took place: when, how many came, and the minutes (spec §1.5: each view
    and the outcome). Correctable while it is HELD."""
    with transaction.atomic():
        dialogue = _locked(dialogue_id)
        permissions.require(actor, MANAGE_DIALOGUES, dialogue)
        _state(dialogue, DialogueStatus.PLANNED, DialogueStatus.HELD)
        minutes = _required(minutes, "minutes")
        if held_at > clock.now():
            raise DomainError(_("A dialogue cannot be recorded as held in the future."), code=codes.BAD_DATE,
                              details={"held_at": _("In the future.")})  # fmt: skip
        if attendance is not None and attendance < 0:
            raise DomainError(
                _("Enter a number of people."), code=codes.REQUIRED, details={"attendance": _("Invalid.")}
            )
        dialogue.status, dialogue.held_at, dialogue.minutes, dialogue.attendance = (
            DialogueStatus.HELD, held_at, minutes, attendance)  # fmt: skip
        dialogue.save(update_fields=["status", "held_at", "minutes", "attendance", "updated_at"])
        audit_record(actor=actor, action="reception.dialogue_held", obj=dialogue,
                     after={"held_at": held_at, "attendance": attendance})  # fmt: skip
    return dialogue


# Commitments -----------------------------------------------------------------------------------------


def commitment_add(*, actor: Any, dialogue_id: int, text: str, owner_organization: Organization | None,
                   due_on: dt.date | None, owner_user: Any = None) -> DialogueCommitment:  # fmt: skip
    """What the chair promised: an owner body (``NO_OWNER`` without one), an optional officer of it, a due
    date not in the past. Only on a held dialogue."""
    with transaction.atomic():
        dialogue = _locked(dialogue_id)
        permissions.require(actor, MANAGE_DIALOGUES, dialogue)
        _state(dialogue, DialogueStatus.HELD)
        text = _required(text, "text")
        if owner_organization is None:
            raise DomainError(_("A commitment needs the body responsible for it."), code=codes.NO_OWNER,
                              details={"owner_organization": _("Required.")})  # fmt: skip
        if due_on is None:
            raise DomainError(
                _("A commitment needs a due date."), code=codes.REQUIRED, details={"due_on": _("Required.")}
            )
        if due_on < clock.today():
            raise DomainError(_("The due date is in the past."), code=codes.IN_THE_PAST,
                              details={"due_on": _("In the past.")})  # fmt: skip
        commitment = DialogueCommitment(dialogue=dialogue, text=text, owner_organization=owner_organization,
                                        owner_user=owner_user, due_on=due_on)  # fmt: skip
        if owner_user is not None and not permissions.user_may(owner_user, WORK_TASKS, commitment):
            raise DomainError(_("This officer does not work for the responsible body."), code=codes.OWNER_NOT_IN_BODY,
                              details={"owner_user": _("Not an officer of the responsible body.")})  # fmt: skip
        commitment.save()
        audit_record(actor=actor, action="reception.dialogue_commitment_add", obj=commitment,
                     after={"owner": owner_organization.pk, "due_on": due_on})  # fmt: skip
    return commitment


def may_work_on(user: Any, commitment: DialogueCommitment) -> bool:
    """The owner body's officers (WORK_TASKS there) or the dialogue's managers."""
    return permissions.user_may(user, WORK_TASKS, commitment) or permissions.user_may(
        user, MANAGE_DIALOGUES, commitment.dialogue
    )


def _commitment_locked(actor: Any, commitment_id: int) -> DialogueCommitment:
    commitment = DialogueCommitment.objects.select_for_update().select_related(
        "dialogue__organization", "owner_organization").filter(pk=commitment_id).first()  # fmt: skip
    if commitment is None:
        raise NotFound("commitment not found")
    if not may_work_on(actor, commitment):
        permissions.require(actor, WORK_TASKS, commitment)  # raises PermissionDenied
    return commitment


def commitment_progress(*, actor: Any, commitment_id: int, note: str) -> DialogueCommitment:
    """Add a dated progress note (shown on the public page)."""
    with transaction.atomic():
        commitment = _commitment_locked(actor, commitment_id)
        note = _required(note, "note")
        if commitment.status != CommitmentStatus.OPEN:
            raise DomainError(_("This commitment is already settled."), code=codes.BAD_STATE)
        line = f"{clock.today():%d/%m/%Y}: {note}"
        commitment.progress = f"{commitment.progress}\n{line}".strip()
        commitment.save(update_fields=["progress", "updated_at"])
        audit_record(actor=actor, action="reception.dialogue_commitment_progress", obj=commitment, after={"note": note})
    return commitment


def commitment_close(*, actor: Any, commitment_id: int, status: str, note: str) -> DialogueCommitment:
    """Settle a commitment as kept, not kept or withdrawn, with how it ended; the dialogue is CLOSED once
    every one of its commitments is settled."""
    with transaction.atomic():
        commitment = _commitment_locked(actor, commitment_id)
        if status not in SETTLED:
            raise DomainError(_("Choose kept, not kept or withdrawn."), code=codes.NOT_SETTLED,
                              details={"status": _("Required.")})  # fmt: skip
        note = _required(note, "note")
        if commitment.status != CommitmentStatus.OPEN:
            raise DomainError(_("This commitment is already settled."), code=codes.BAD_STATE)
        dialogue = _locked(commitment.dialogue_id)
        commitment.status, commitment.close_note, commitment.closed_on = status, note, clock.today()
        commitment.save(update_fields=["status", "close_note", "closed_on", "updated_at"])
        audit_record(actor=actor, action="reception.dialogue_commitment_close", obj=commitment,
                     after={"status": status}, reason=note)  # fmt: skip
        if not dialogue.commitments.filter(status=CommitmentStatus.OPEN).exists():
            dialogue.status, dialogue.closed_on = DialogueStatus.CLOSED, clock.today()
            dialogue.save(update_fields=["status", "closed_on", "updated_at"])
            audit_record(actor=actor, action="reception.dialogue_close", obj=dialogue)
    return commitment


# The printable invitation ---------------------------------------------------------------------------------


def invitation_html(dialogue: Dialogue) -> str:
    """The invitation (giấy mời) in the layout of NĐ 30/2020/NĐ-CP, as cases.notices prints a notice:
    the body's letterhead with quốc hiệu and tiêu ngữ, number and symbol, place and date, the text, the
    recipients and the signature block. Always in Vietnamese (an administrative document)."""
    from django.template.loader import render_to_string
    from django.utils import translation

    org = dialogue.organization
    with translation.override("vi"):
        when = clock.local(dialogue.planned_at)
        context = {
            "dialogue": dialogue,
            "parent_name": (org.parent.name if org.parent is not None else "").upper(),
            "body_name": org.name.upper(),
            "body_short": "UBND" if org.kind.code == "ubnd" else "",
            "place": org.unit.short_name if org.unit_id else "",
            "day": clock.local(dialogue.updated_at).date() if dialogue.updated_at else clock.today(),
            "when": when,
            "lines": [
                line for line in (dialogue.invitation or invitation_default_text(dialogue)).splitlines() if line.strip()
            ],
            "chair": str(dialogue.head) if dialogue.head_id else "",
        }
        return render_to_string("reception/dialogues/invitation.html", context)
