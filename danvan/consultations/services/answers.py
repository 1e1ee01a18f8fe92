"""Consultations: the answers part's services (they change state; each a transaction with its audit).

The authority's answer (issue 19 item 4; Luật THDCCS Art. 25, Art. 11(11), Art. 12(3)):

- who: ``ANSWER`` on the consulting body; when the consultation names its answering officers
  (``responsible``), only they and the body's head (``selectors.answers.may_answer``). Publishing the
  summary is ``PUBLISH_SUMMARY`` (the head). Checked before any input is read;
- comments are grouped by section, then by similar content (``text_match.group_similar``): a suggestion
  the officer edits (rename, move comments, new groups); only published comments are grouped, a merged
  duplicate follows the comment it was merged into, a hidden one is never grouped;
- each group is answered ACCEPTED / EXPLAINED / NOT_ACCEPTED, always with text; NOT_ACCEPTED also with
  the reason (``REASON_REQUIRED``); answers change freely until the summary is published
  (``ALREADY_PUBLISHED``);
- the authority's decision (``decided_on``) starts the summary's publication period: the deadline
  engine's ``cong_khai`` step (Art. 12(3), through ``democracy.selectors.disclosures.publish_due_on``);
- publishing needs the consultation CLOSED (``BAD_STATE``), the decision recorded (``REQUIRED``) and
  every group with comments answered, every published comment grouped (``UNANSWERED``). It stores the
  Summary with its figures frozen, sets PUBLISHED and, when the place is a commune, records and publishes
  the commune's disclosure of item 11 (on the portal, from today) through democracy's service.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from danvan.consultations import choices, errors, rules, text_match
from danvan.consultations.models import Comment, CommentGroup, Consultation, Summary
from danvan.consultations.permissions import PUBLISH_SUMMARY
from danvan.consultations.selectors import answers as selectors
from danvan.core import clock
from danvan.core.audit import audit_record
from danvan.core.errors import DomainError, PermissionDenied
from danvan.democracy.selectors.disclosures import publish_due_on
from danvan.org import permissions
from danvan.org.choices import UnitLevel

TITLE_MAX = 300
ANSWER_MAX = 10_000
SUMMARY_MAX = 50_000
ANSWERS = (choices.Answer.ACCEPTED, choices.Answer.EXPLAINED, choices.Answer.NOT_ACCEPTED)
WORKING = (choices.Status.OPEN, choices.Status.CLOSED)  # groups may be prepared while views still come


def _require_answer(actor: Any, consultation: Consultation) -> None:
    if not selectors.may_answer(actor, consultation):
        raise PermissionDenied(_("You may not answer for this consultation."), code=errors.FORBIDDEN)


def _require_working(consultation: Consultation) -> None:
    if consultation.status == choices.Status.PUBLISHED:
        raise DomainError(_("The summary is already published: the answers can no longer change."),
                          code=errors.ALREADY_PUBLISHED)  # fmt: skip
    if consultation.status not in WORKING:
        raise DomainError(_("This consultation is not open or closed: nothing to answer."), code=errors.BAD_STATE)


def _locked(consultation: Consultation) -> Consultation:
    """The consultation's row locked: answering and publishing one consultation happen one at a time."""
    return Consultation.objects.select_for_update().get(pk=consultation.pk)


def _title(title: str) -> str:
    title = rules.clean_text(title).replace("\n", " ")
    if not title:
        raise DomainError(_("Write what the comments of this group say."), code=errors.REQUIRED,
                          details={"title": _("Write what the comments of this group say.")})  # fmt: skip
    if len(title) > TITLE_MAX:
        message = _("At most %(limit)s characters.") % {"limit": TITLE_MAX}
        raise DomainError(message, code=errors.TEXT_TOO_LONG, details={"title": message})
    return title


def _follow(comment: Comment, group: CommentGroup | None) -> int:
    """Put ``comment`` and the duplicates merged into it in ``group``; the number of rows moved."""
    ids = [comment.pk]
    frontier = [comment.pk]
    while frontier:  # duplicates of duplicates follow too
        frontier = list(Comment.objects.filter(merged_into_id__in=frontier).values_list("pk", flat=True))
        ids += frontier
    return Comment.objects.filter(pk__in=ids).update(group=group)


def groups_suggest(*, actor: Any, consultation: Consultation) -> list[CommentGroup]:
    """Group the published comments not yet in a group: by section, then by similar content. Existing
    groups (the officer's work) are kept; returns the groups made now, each titled by its first comment's
    first words."""
    _require_answer(actor, consultation)
    made: list[CommentGroup] = []
    with transaction.atomic():
        consultation = _locked(consultation)
        _require_working(consultation)
        comments = selectors.ungrouped_comments(consultation)
        by_section: dict[str, list[Comment]] = {}
        for comment in comments:
            by_section.setdefault(comment.section_key, []).append(comment)
        for section_key in sorted(by_section):
            rows = by_section[section_key]
            for indices in text_match.group_similar([c.text for c in rows]):
                first = rows[indices[0]]
                group = CommentGroup.objects.create(consultation=consultation, section_key=section_key,
                                                    title=text_match.first_words(first.text)[:TITLE_MAX])  # fmt: skip
                for i in indices:
                    _follow(rows[i], group)
                made.append(group)
        audit_record(actor=actor, action="consultations.groups_suggest", obj=consultation,
                     after={"groups": [g.pk for g in made], "comments": len(comments)})  # fmt: skip
    return made


def group_create(*, actor: Any, consultation: Consultation, title: str, section_key: str = "") -> CommentGroup:
    """An empty group the officer fills by moving comments into it."""
    _require_answer(actor, consultation)
    title = _title(title)
    with transaction.atomic():
        consultation = _locked(consultation)
        _require_working(consultation)
        group = CommentGroup.objects.create(consultation=consultation, section_key=section_key[:60], title=title)
        audit_record(actor=actor, action="consultations.group_create", obj=group, after={"title": title})
    return group


def group_rename(*, actor: Any, group: CommentGroup, title: str) -> CommentGroup:
    _require_answer(actor, group.consultation)
    title = _title(title)
    with transaction.atomic():
        _require_working(_locked(group.consultation))
        before = group.title
        group.title = title
        group.save(update_fields=["title", "updated_at"])
        audit_record(actor=actor, action="consultations.group_rename", obj=group, before={"title": before},
                     after={"title": title})  # fmt: skip
    return group


def comment_move(*, actor: Any, comment: Comment, group: CommentGroup) -> Comment:
    """Move a published comment (and the duplicates merged into it) to another group of the same
    consultation. A hidden or merged comment is refused (``BAD_STATE``): a merged one follows its target."""
    consultation = comment.consultation
    _require_answer(actor, consultation)
    if group.consultation_id != consultation.pk:
        raise DomainError(_("This group belongs to another consultation."), code=errors.NOT_IN_SCOPE)
    with transaction.atomic():
        _require_working(_locked(consultation))
        comment.refresh_from_db()
        if comment.status != choices.Moderation.PUBLISHED:
            raise DomainError(_("Only a published comment can be moved; a merged one follows the comment it was "
                                "merged into."), code=errors.BAD_STATE)  # fmt: skip
        before = comment.group_id
        moved = _follow(comment, group)
        comment.group = group
        audit_record(actor=actor, action="consultations.comment_move", obj=comment, before={"group": before},
                     after={"group": group.pk, "rows": moved})  # fmt: skip
    return comment


def group_answer(*, actor: Any, group: CommentGroup, answer: str, text: str, reason: str = "") -> CommentGroup:
    """Answer a group: accepted (tiếp thu), explained (giải trình) or not accepted (với lý do). Every answer
    has its text (``REQUIRED``); "not accepted" also its reason (``REASON_REQUIRED``). Changeable until the
    summary is published (``ALREADY_PUBLISHED``)."""
    _require_answer(actor, group.consultation)
    if answer not in ANSWERS:
        raise DomainError(_("Choose accepted, explained or not accepted."), code=errors.REQUIRED,
                          details={"answer": _("Choose accepted, explained or not accepted.")})  # fmt: skip
    text, reason = rules.clean_text(text), rules.clean_text(reason)
    if not text:
        raise DomainError(_("Write the answer."), code=errors.REQUIRED, details={"text": _("Write the answer.")})
    if answer == choices.Answer.NOT_ACCEPTED and not reason:
        message = _("Give the reason the comments are not accepted.")
        raise DomainError(message, code=errors.REASON_REQUIRED, details={"reason": message})
    for value, name in ((text, "text"), (reason, "reason")):
        if len(value) > ANSWER_MAX:
            message = _("At most %(limit)s characters.") % {"limit": ANSWER_MAX}
            raise DomainError(message, code=errors.TEXT_TOO_LONG, details={name: message})
    if answer != choices.Answer.NOT_ACCEPTED:
        reason = ""
    with transaction.atomic():
        _require_working(_locked(group.consultation))
        before = {"answer": group.answer, "text": group.answer_text, "reason": group.reason}
        group.answer, group.answer_text, group.reason = answer, text, reason
        group.answered_by, group.answered_at = actor, clock.now()
        group.save(update_fields=["answer", "answer_text", "reason", "answered_by", "answered_at", "updated_at"])
        audit_record(actor=actor, action="consultations.group_answer", obj=group, before=before,
                     after={"answer": answer, "text": text, "reason": reason})  # fmt: skip
    return group


def decision_record(*, actor: Any, consultation: Consultation, decided_on: dt.date | None) -> Consultation:
    """The authority decided on the final version on ``decided_on``: the summary is due by the deadline
    engine's ``cong_khai`` date (5 working days, Art. 12(3)). Changeable until the summary is published."""
    _require_answer(actor, consultation)
    if decided_on is None:
        message = _("Give the date of the decision.")
        raise DomainError(message, code=errors.REQUIRED, details={"decided_on": message})
    if decided_on > clock.today() or decided_on < consultation.opens_on:
        message = _("The decision is dated between the consultation's opening and today.")
        raise DomainError(message, code=errors.BAD_DATE, details={"decided_on": message})
    with transaction.atomic():
        consultation = _locked(consultation)
        if consultation.status == choices.Status.PUBLISHED:
            _require_working(consultation)
        if consultation.status != choices.Status.CLOSED:
            raise DomainError(_("The decision is recorded once the consultation has closed."), code=errors.BAD_STATE)
        before = {"decided_on": consultation.decided_on, "summary_due_on": consultation.summary_due_on}
        consultation.decided_on, consultation.summary_due_on = decided_on, publish_due_on(decided_on)
        consultation.save(update_fields=["decided_on", "summary_due_on", "updated_at"])
        audit_record(actor=actor, action="consultations.decision_record", obj=consultation, before=before,
                     after={"decided_on": decided_on, "summary_due_on": consultation.summary_due_on})  # fmt: skip
    return consultation


def _disclose(actor: Any, consultation: Consultation, text: str, today: dt.date) -> Any:
    """Art. 11(11): the commune's disclosure of the summary and the answers, published on the portal."""
    from danvan.democracy.enums import Channel as DisclosureChannel
    from danvan.democracy.enums import DisclosureItem
    from danvan.democracy.services import disclosures

    assert consultation.decided_on is not None
    title = _("Summary of the people's views and the answers: %(title)s") % {"title": consultation.title}
    data = disclosures.DisclosureInput(item=DisclosureItem.CONSULTATIONS, title=title[:300],
                                       decided_on=consultation.decided_on, summary=text[:10_000],
                                       document_ref=consultation.code)  # fmt: skip
    disclosure = disclosures.disclosure_record(actor=actor, commune=consultation.place, data=data)
    disclosures.channel_add(actor=actor, disclosure=disclosure, channel=DisclosureChannel.PORTAL, starts_on=today,
                            place=reverse("consultations:summary", args=[consultation.code]))  # fmt: skip
    return disclosures.disclosure_publish(actor=actor, disclosure=disclosure)


def summary_publish(*, actor: Any, consultation: Consultation, text: str) -> Summary:
    """Publish the summary with every answer (Art. 11(11)). Refused: ``ALREADY_PUBLISHED``, ``BAD_STATE``
    (not closed), ``REQUIRED`` (no text, or no decision recorded), ``UNANSWERED`` (a group with comments
    unanswered, or a published comment in no group); nothing stored then."""
    permissions.require(actor, PUBLISH_SUMMARY, consultation)
    text = rules.clean_text(text)
    with transaction.atomic():
        consultation = _locked(consultation)
        if consultation.status == choices.Status.PUBLISHED:
            _require_working(consultation)
        if consultation.status != choices.Status.CLOSED:
            raise DomainError(_("The summary is published once the consultation has closed."), code=errors.BAD_STATE)
        if not text:
            message = _("Write the summary.")
            raise DomainError(message, code=errors.REQUIRED, details={"text": message})
        if len(text) > SUMMARY_MAX:
            message = _("At most %(limit)s characters.") % {"limit": SUMMARY_MAX}
            raise DomainError(message, code=errors.TEXT_TOO_LONG, details={"text": message})
        if consultation.decided_on is None:
            message = _("Record the date of the authority's decision first (it starts the publication period).")
            raise DomainError(message, code=errors.REQUIRED, details={"decided_on": message})
        counts = selectors.answer_counts(consultation)
        if counts.unanswered or counts.ungrouped:
            message = _("%(groups)s group(s) of comments are not answered and %(comments)s comment(s) are in no "
                        "group: answer every view before publishing.") % {
                "groups": counts.unanswered, "comments": counts.ungrouped}  # fmt: skip
            raise DomainError(message, code=errors.UNANSWERED,
                              details={"unanswered": counts.unanswered, "ungrouped": counts.ungrouped})  # fmt: skip
        today = clock.today()
        summary = Summary.objects.create(consultation=consultation, text=text, figures=selectors.figures(consultation),
                                         published_on=today, published_by=actor)  # fmt: skip
        if consultation.place.level == UnitLevel.COMMUNE:
            summary.disclosure = _disclose(actor, consultation, text, today)
            summary.save(update_fields=["disclosure"])
        consultation.status = choices.Status.PUBLISHED
        consultation.save(update_fields=["status", "updated_at"])
        audit_record(actor=actor, action="consultations.summary_publish", obj=consultation,
                     before={"status": choices.Status.CLOSED},
                     after={"status": consultation.status, "published_on": today,
                            "due_on": consultation.summary_due_on, "disclosure": summary.disclosure_id,
                            "on_time": rules.summary_on_time(consultation.summary_due_on, today, today)})  # fmt: skip
    return summary
