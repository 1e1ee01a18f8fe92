"""Dialogue services: the question window, idempotency, moderation, commitments and closure, and
permissions per role and body subtree (refusals tested with valid input, apart from validation)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from danvan.core.audit import AuditEvent
from danvan.core.errors import DomainError, NotFound, PermissionDenied
from danvan.org.choices import Role
from danvan.org.tests.factories import officer
from danvan.reception import errors as codes
from danvan.reception.choices import CommitmentStatus, Convener, DialogueStatus, QuestionStage
from danvan.reception.models import Dialogue, DialogueCommitment, DialogueQuestion
from danvan.reception.services import dialogues as services
from danvan.reception.tests.dialogues.helpers import commitment, dialogue, held, question
from danvan.reception.tests.factories import at

pytestmark = pytest.mark.django_db


def refused(code: str, call: Any, **kwargs: Any) -> DomainError:
    with pytest.raises(DomainError) as caught:
        call(**kwargs)
    assert caught.value.code == code, caught.value.code
    return caught.value


def plan(w: Any, **fields: Any) -> services.DialoguePlan:
    defaults = {"organization": w.phuong, "convener": Convener.STATE, "head": w.chair, "subject": "Di dời chợ tạm",
                "location": "Hội trường UBND phường", "planned_at": at(2026, 2, 20, 14, 0),
                "questions_until": at(2026, 2, 18, 17, 0), "unit": w.phuong.unit}  # fmt: skip
    return services.DialoguePlan(**{**defaults, **fields})


# Planning and publishing ---------------------------------------------------------------------------------


def test_a_planned_dialogue_is_public_only_once_its_invitation_is_published(rworld: Any, frozen_clock: Any) -> None:
    d = services.dialogue_plan(actor=rworld.chair, plan=plan(rworld))
    assert d.status == DialogueStatus.PLANNED and not services.is_published(d)
    assert not services.questions_open(d)
    with pytest.raises(NotFound):
        services.question_submit(dialogue_id=d.pk, text="Chợ mới ở đâu?", request_key="k1")
    d = services.dialogue_publish(actor=rworld.chair, dialogue_id=d.pk)
    assert "Di dời chợ tạm" in d.invitation and "20/02/2026" in d.invitation
    assert services.questions_open(d)
    assert AuditEvent.objects.filter(action="reception.dialogue_publish", object_id=str(d.pk)).count() == 1


def test_planning_in_the_past_or_a_question_window_after_the_dialogue_is_refused(
    rworld: Any, frozen_clock: Any
) -> None:
    refused(codes.IN_THE_PAST, services.dialogue_plan, actor=rworld.chair, plan=plan(rworld, planned_at=at(2026, 2, 4)))
    refused(codes.BAD_DATE, services.dialogue_plan, actor=rworld.chair,
            plan=plan(rworld, questions_until=at(2026, 2, 21)))  # fmt: skip
    refused(codes.REQUIRED, services.dialogue_plan, actor=rworld.chair, plan=plan(rworld, subject="  "))
    assert not Dialogue.objects.exists()


# Questions from the public ---------------------------------------------------------------------------------


def test_a_question_is_stored_once_per_request_key(rworld: Any, frozen_clock: Any) -> None:
    d = dialogue(rworld)
    first = services.question_submit(dialogue_id=d.pk, text="Bao giờ nạo vét cống?", request_key="abc",
                                     asker_name="Hoàng Thị Mai", asker_contact="0905123456")  # fmt: skip
    again = services.question_submit(dialogue_id=d.pk, text="Bao giờ nạo vét cống?", request_key="abc")
    assert first.created and not again.created and again.question.pk == first.question.pk
    assert DialogueQuestion.objects.filter(dialogue=d).count() == 1
    q = first.question
    assert (q.stage, q.asker_name, q.asker_contact) == (QuestionStage.BEFORE, "Hoàng Thị Mai", "0905123456")


def test_the_question_window_closes_at_questions_until(rworld: Any, frozen_clock: Any) -> None:
    d = dialogue(rworld)  # questions until 09/02/2026 17:00
    frozen_clock.move_to(at(2026, 2, 9, 16, 59))
    assert services.question_submit(dialogue_id=d.pk, text="Câu hỏi kịp giờ", request_key="a").created
    frozen_clock.move_to(at(2026, 2, 9, 17, 0))
    refused(codes.QUESTIONS_CLOSED, services.question_submit, dialogue_id=d.pk, text="Trễ", request_key="b")
    # A retry of the form sent in time still answers with the stored question.
    assert not services.question_submit(dialogue_id=d.pk, text="Câu hỏi kịp giờ", request_key="a").created
    assert DialogueQuestion.objects.filter(dialogue=d).count() == 1


def test_a_question_needs_text_and_takes_no_html(rworld: Any, frozen_clock: Any) -> None:
    d = dialogue(rworld)
    refused(codes.REQUIRED, services.question_submit, dialogue_id=d.pk, text="   ", request_key="a")
    refused(codes.REQUIRED, services.question_submit, dialogue_id=d.pk, text="<script>x</script>", request_key="b")
    assert not DialogueQuestion.objects.exists()


# Moderation and answers -------------------------------------------------------------------------------------


def test_hiding_keeps_the_question_with_its_reason_and_merging_points_to_the_kept_one(rworld: Any) -> None:
    d = dialogue(rworld)
    kept, rude, same = question(d), question(d, "Câu hỏi xúc phạm"), question(d, "Khi nào nạo vét cống?")
    refused(codes.REQUIRED, services.question_hide, actor=rworld.chair, question_id=rude.pk, reason=" ")
    services.question_hide(actor=rworld.chair, question_id=rude.pk, reason="Lời lẽ xúc phạm")
    services.question_merge(actor=rworld.chair, question_id=same.pk, into_id=kept.pk)
    rude.refresh_from_db()
    same.refresh_from_db()
    assert (rude.is_hidden, rude.hidden_reason) == (True, "Lời lẽ xúc phạm")
    assert same.is_hidden and same.duplicate_of_id == kept.pk
    refused(codes.REQUIRED, services.question_merge, actor=rworld.chair, question_id=kept.pk, into_id=rude.pk)
    assert DialogueQuestion.objects.filter(dialogue=d).count() == 3  # nothing deleted
    services.question_show(actor=rworld.chair, question_id=rude.pk)
    rude.refresh_from_db()
    assert not rude.is_hidden and rude.hidden_reason == ""


def test_answers_and_questions_recorded_at_the_dialogue(rworld: Any, frozen_clock: Any) -> None:
    d = held(rworld)
    q = services.question_record(actor=rworld.chair,
                                 dialogue_id=d.pk, text="Nâng cốt mặt kiệt được không?", answer="Đưa vào kế hoạch.")  # fmt: skip
    assert (q.stage, q.answer, q.answered_by_id) == (QuestionStage.DURING, "Đưa vào kế hoạch.", rworld.chair.pk)
    q = services.question_answer(actor=rworld.chair, question_id=question(d).pk, answer="Tuần sau nạo vét.")
    assert q.answered_at == at(2026, 2, 5, 9, 0)


def test_recording_it_held(rworld: Any, frozen_clock: Any) -> None:
    d = dialogue(rworld, planned_at=at(2026, 2, 4, 19, 30), questions_until=None)
    refused(codes.BAD_DATE, services.dialogue_record_held, actor=rworld.chair, dialogue_id=d.pk,
            held_at=at(2026, 2, 6), minutes="Biên bản")  # fmt: skip
    refused(codes.REQUIRED, services.dialogue_record_held, actor=rworld.chair, dialogue_id=d.pk,
            held_at=at(2026, 2, 4, 19, 30), minutes="")  # fmt: skip
    d = services.dialogue_record_held(actor=rworld.chair, dialogue_id=d.pk, held_at=at(2026, 2, 4, 19, 30),
                                      minutes="Biên bản hội nghị", attendance=52)  # fmt: skip
    assert (d.status, d.attendance, d.held_at) == (DialogueStatus.HELD, 52, at(2026, 2, 4, 19, 30))


# Commitments and closure ----------------------------------------------------------------------------------------


def test_a_commitment_without_owner_body_is_refused(rworld: Any, frozen_clock: Any) -> None:
    d = held(rworld)
    error = refused(codes.NO_OWNER, services.commitment_add, actor=rworld.chair, dialogue_id=d.pk,
                    text="Nạo vét cống", owner_organization=None, due_on=dt.date(2026, 2, 20))  # fmt: skip
    assert "owner_organization" in error.details
    refused(codes.IN_THE_PAST, services.commitment_add, actor=rworld.chair, dialogue_id=d.pk, text="Nạo vét cống",
            owner_organization=rworld.phuong, due_on=dt.date(2026, 2, 4))  # fmt: skip
    refused(codes.OWNER_NOT_IN_BODY, services.commitment_add, actor=rworld.chair, dialogue_id=d.pk, text="Nạo vét",
            owner_organization=rworld.phuong, due_on=dt.date(2026, 2, 20), owner_user=rworld.other_officer)  # fmt: skip
    assert not DialogueCommitment.objects.exists()
    c = services.commitment_add(actor=rworld.chair, dialogue_id=d.pk, text="Nạo vét cống", owner_organization=rworld.phuong,
                                due_on=dt.date(2026, 2, 5), owner_user=rworld.handler)  # fmt: skip
    assert (c.status, c.due_on, c.owner_user_id) == (CommitmentStatus.OPEN, dt.date(2026, 2, 5), rworld.handler.pk)


def test_commitments_only_on_a_held_dialogue(rworld: Any, frozen_clock: Any) -> None:
    d = dialogue(rworld)
    refused(codes.BAD_STATE, services.commitment_add, actor=rworld.chair, dialogue_id=d.pk, text="Nạo vét",
            owner_organization=rworld.phuong, due_on=dt.date(2026, 2, 20))  # fmt: skip


def test_the_dialogue_closes_when_every_commitment_is_settled(rworld: Any, frozen_clock: Any) -> None:
    d = held(rworld)
    one = commitment(d, rworld.phuong, dt.date(2026, 2, 10))
    two = commitment(d, rworld.phuong, dt.date(2026, 3, 10), text="Nâng cốt mặt kiệt")
    three = commitment(d, rworld.phuong, dt.date(2026, 4, 10), text="Thêm điểm tập kết rác")
    refused(codes.NOT_SETTLED, services.commitment_close, actor=rworld.handler, commitment_id=one.pk,
            status=CommitmentStatus.OPEN, note="x")  # fmt: skip
    refused(codes.REQUIRED, services.commitment_close, actor=rworld.handler, commitment_id=one.pk,
            status=CommitmentStatus.KEPT, note="")  # fmt: skip
    services.commitment_progress(actor=rworld.handler, commitment_id=one.pk, note="Đã nạo vét 120 m")
    services.commitment_close(actor=rworld.handler, commitment_id=one.pk, status=CommitmentStatus.KEPT, note="Xong")
    services.commitment_close(actor=rworld.chair, commitment_id=two.pk, status=CommitmentStatus.NOT_KEPT,
                              note="Chưa bố trí được vốn")  # fmt: skip
    d.refresh_from_db()
    assert d.status == DialogueStatus.HELD and d.closed_on is None
    refused(codes.BAD_STATE, services.commitment_close, actor=rworld.chair, commitment_id=one.pk,
            status=CommitmentStatus.NOT_KEPT, note="again")  # fmt: skip
    services.commitment_close(actor=rworld.chair, commitment_id=three.pk, status=CommitmentStatus.CANCELLED,
                              note="Tổ dân phố đã tự bố trí")  # fmt: skip
    d.refresh_from_db()
    one.refresh_from_db()
    assert (d.status, d.closed_on) == (DialogueStatus.CLOSED, dt.date(2026, 2, 5))
    assert (one.status, one.closed_on, one.progress) == (
        CommitmentStatus.KEPT,
        dt.date(2026, 2, 5),
        "05/02/2026: Đã nạo vét 120 m",
    )
    refused(codes.BAD_STATE, services.commitment_add, actor=rworld.chair, dialogue_id=d.pk, text="Thêm",
            owner_organization=rworld.phuong, due_on=dt.date(2026, 2, 20))  # fmt: skip


# Permissions per role and body subtree (valid input: only the permission can refuse) -------------------------------


def test_another_wards_head_is_refused_everything_on_this_wards_dialogue(rworld: Any, frozen_clock: Any) -> None:
    stranger = officer("chutichkl", Role.HEAD, rworld.other)
    d = held(rworld)
    q = question(d)
    c = commitment(d, rworld.phuong, dt.date(2026, 2, 20))
    calls = [
        (services.dialogue_plan, {"plan": plan(rworld)}),
        (services.dialogue_publish, {"dialogue_id": d.pk}),
        (services.question_record, {"dialogue_id": d.pk, "text": "Câu hỏi"}),
        (services.question_hide, {"question_id": q.pk, "reason": "Xúc phạm"}),
        (services.question_answer, {"question_id": q.pk, "answer": "Trả lời"}),
        (services.dialogue_record_held, {"dialogue_id": d.pk, "held_at": at(2026, 2, 2, 19, 30), "minutes": "B"}),
        (services.commitment_add, {"dialogue_id": d.pk, "text": "Việc", "owner_organization": rworld.phuong,
                                   "due_on": dt.date(2026, 2, 20)}),
        (services.commitment_progress, {"commitment_id": c.pk, "note": "Tiến độ"}),
        (services.commitment_close, {"commitment_id": c.pk, "status": CommitmentStatus.KEPT, "note": "Xong"}),
    ]  # fmt: skip
    for call, kwargs in calls:
        with pytest.raises(PermissionDenied):
            call(actor=stranger, **kwargs)
    q.refresh_from_db()
    assert not q.is_hidden and q.answer == ""
    assert DialogueCommitment.objects.get().status == CommitmentStatus.OPEN


def test_the_provinces_dan_van_officer_manages_the_wards_dialogues_through_the_subtree(
    rworld: Any, frozen_clock: Any
) -> None:
    d = services.dialogue_plan(actor=rworld.dan_van, plan=plan(rworld, convener=Convener.PARTY))
    assert d.organization == rworld.phuong
    services.question_hide(actor=rworld.dan_van, question_id=question(d).pk, reason="Thông tin cá nhân")


def test_a_handler_works_on_his_bodys_commitments_but_does_not_moderate(rworld: Any, frozen_clock: Any) -> None:
    d = held(rworld)
    ours = commitment(d, rworld.phuong, dt.date(2026, 2, 20))
    theirs = commitment(d, rworld.other, dt.date(2026, 2, 20), text="Việc của phường Kim Long")
    services.commitment_progress(actor=rworld.handler, commitment_id=ours.pk, note="Đang làm")
    with pytest.raises(PermissionDenied):
        services.commitment_progress(actor=rworld.handler, commitment_id=theirs.pk, note="Đang làm")
    with pytest.raises(PermissionDenied):
        services.question_hide(actor=rworld.handler, question_id=question(d).pk, reason="Xúc phạm")
    with pytest.raises(PermissionDenied):
        services.commitment_add(actor=rworld.handler, dialogue_id=d.pk, text="Việc", owner_organization=rworld.phuong,
                                due_on=dt.date(2026, 2, 20))  # fmt: skip
    # Kim Long's reception officer works on the commitment his body owns, even on Phú Xuân's dialogue.
    services.commitment_progress(actor=rworld.other_officer, commitment_id=theirs.pk, note="Đã khảo sát")


def test_a_cancelled_dialogue_leaves_the_public_pages_and_takes_no_question(rworld: Any, frozen_clock: Any) -> None:
    d = dialogue(rworld)
    refused(codes.REQUIRED, services.dialogue_cancel, actor=rworld.chair, dialogue_id=d.pk, reason="")
    services.dialogue_cancel(actor=rworld.chair, dialogue_id=d.pk, reason="Trùng lịch họp HĐND")
    d.refresh_from_db()
    assert d.status == DialogueStatus.CANCELLED and not services.is_published(d)
    with pytest.raises(NotFound):
        services.question_submit(dialogue_id=d.pk, text="Còn họp không?", request_key="k")
    refused(codes.BAD_STATE, services.dialogue_publish, actor=rworld.chair, dialogue_id=d.pk)
