"""The answers part's services: grouping, answering, the decision and its due date, publishing the
summary (and the commune's disclosure of item 11), each refusal by its code, and who may act."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.consultations import choices, errors
from danvan.consultations.models import Comment, CommentGroup, Summary
from danvan.consultations.selectors import answers as selectors
from danvan.consultations.services import answers as services
from danvan.consultations.tests.answers.conftest import comment
from danvan.consultations.tests.factories import ConsultationsWorld, consultation
from danvan.core.errors import DomainError, PermissionDenied
from danvan.core.models import AuditEvent
from danvan.democracy.enums import DisclosureItem, DisclosureStatus

pytestmark = pytest.mark.django_db


def _answer_all(w: ConsultationsWorld) -> None:
    for group in w.consultation.groups.all():
        services.group_answer(actor=w.d.handler, group=group, answer=choices.Answer.ACCEPTED,
                              text="Tiếp thu, sẽ điều chỉnh trong dự thảo.")  # fmt: skip


def _ready(w: ConsultationsWorld, decided_on: dt.date | None = None) -> None:
    services.groups_suggest(actor=w.d.handler, consultation=w.consultation)
    _answer_all(w)
    services.decision_record(actor=w.d.handler, consultation=w.consultation,
                             decided_on=decided_on or w.consultation.closes_on)  # fmt: skip


@pytest.fixture
def ended(closed: ConsultationsWorld, frozen_clock) -> ConsultationsWorld:
    """Closed, with its period ended before a frozen today (Tue 15/12/2026)."""
    frozen_clock.move_to(dt.datetime(2026, 12, 15, 2, 0, tzinfo=dt.UTC))
    c = closed.consultation
    c.opens_on, c.closes_on = dt.date(2026, 11, 1), dt.date(2026, 12, 1)
    c.save(update_fields=["opens_on", "closes_on"])
    return closed


# Grouping -----------------------------------------------------------------------------------------------------


def test_suggest_groups_by_section_then_by_content(closed: ConsultationsWorld) -> None:
    c = closed.consultation
    made = services.groups_suggest(actor=closed.d.handler, consultation=c)
    got = [(g.section_key, sorted(cm.text[:20] for cm in g.comments.all())) for g in made]
    assert got == [
        ("", ["Nên công bố rõ tiến "]),
        ("dieu-1", ["Chợ tạm ở đường Lê L", "cho tam o duong le l"]),
        ("dieu-1", ["Đề nghị có xe đưa đó"]),
        ("dieu-2", ["Bãi giữ xe của chợ t"]),
        ("dieu-3", ["Cần miễn phí thuê sạ", "Mien phi thue sap ne"]),
    ]
    assert made[1].title == "Chợ tạm ở đường Lê Lợi quá xa nhà dân, người già…"
    # the hidden comment is in no group; a second suggestion adds nothing and keeps the groups
    assert Comment.objects.get(status=choices.Moderation.HIDDEN).group is None
    assert services.groups_suggest(actor=closed.d.handler, consultation=c) == []
    assert c.groups.count() == 5
    assert AuditEvent.objects.filter(action="consultations.groups_suggest").count() == 2


def test_suggest_is_allowed_while_open_for_early_work(cworld: ConsultationsWorld) -> None:
    comment(cworld.consultation, "Chợ tạm quá xa.", "dieu-1")
    assert len(services.groups_suggest(actor=cworld.d.handler, consultation=cworld.consultation)) == 1


def test_a_merged_duplicate_follows_its_target(closed: ConsultationsWorld) -> None:
    c = closed.consultation
    target = c.comments.get(text__startswith="Cần miễn phí")
    dup = comment(c, "Miễn phí sạp 1 năm.", "dieu-1", status=choices.Moderation.MERGED, merged_into=target)
    services.groups_suggest(actor=closed.d.handler, consultation=c)
    dup.refresh_from_db()
    target.refresh_from_db()
    assert dup.group_id == target.group_id is not None
    other = services.group_create(actor=closed.d.handler, consultation=c, title="Hỗ trợ tiểu thương")
    services.comment_move(actor=closed.d.handler, comment=target, group=other)
    dup.refresh_from_db()
    assert dup.group_id == other.pk
    with pytest.raises(DomainError) as refused:
        services.comment_move(actor=closed.d.handler, comment=dup, group=c.groups.first())
    assert refused.value.code == errors.BAD_STATE


def test_a_hidden_comment_cannot_be_moved(closed: ConsultationsWorld) -> None:
    c = closed.consultation
    group = services.group_create(actor=closed.d.handler, consultation=c, title="Khác")
    with pytest.raises(DomainError) as refused:
        services.comment_move(actor=closed.d.handler, comment=c.comments.get(status="hidden"), group=group)
    assert refused.value.code == errors.BAD_STATE


def test_a_group_of_another_consultation_is_refused(closed: ConsultationsWorld) -> None:
    other = consultation(closed.d)
    group = services.group_create(actor=closed.d.handler, consultation=other, title="Khác")
    with pytest.raises(DomainError) as refused:
        services.comment_move(actor=closed.d.handler, comment=closed.consultation.comments.first(), group=group)
    assert refused.value.code == errors.NOT_IN_SCOPE


def test_rename_needs_a_title(closed: ConsultationsWorld) -> None:
    group = services.group_create(actor=closed.d.handler, consultation=closed.consultation, title="Tạm")
    assert services.group_rename(actor=closed.d.handler, group=group, title="  Giờ họp chợ  ").title == "Giờ họp chợ"
    with pytest.raises(DomainError) as refused:
        services.group_rename(actor=closed.d.handler, group=group, title="   ")
    assert refused.value.code == errors.REQUIRED


# Answering ----------------------------------------------------------------------------------------------------


def test_answer_each_kind_and_change_it(closed: ConsultationsWorld) -> None:
    group = services.group_create(actor=closed.d.handler, consultation=closed.consultation, title="Chợ xa")
    services.group_answer(actor=closed.d.handler, group=group, answer="not_accepted", text="Không tiếp thu.",
                          reason="Không có quỹ đất gần hơn.")  # fmt: skip
    group.refresh_from_db()
    assert (group.answer, group.reason, group.answered_by) == ("not_accepted", "Không có quỹ đất gần hơn.",
                                                               closed.d.handler)  # fmt: skip
    services.group_answer(actor=closed.d.handler, group=group, answer="explained", text="Giải trình.", reason="x")
    group.refresh_from_db()
    assert (group.answer, group.answer_text, group.reason) == ("explained", "Giải trình.", "")


@pytest.mark.parametrize(
    ("answer", "text", "reason", "code"),
    [
        ("not_accepted", "Không tiếp thu.", "  ", errors.REASON_REQUIRED),
        ("accepted", "", "", errors.REQUIRED),
        ("not_accepted", "", "Lý do", errors.REQUIRED),
        ("pending", "Chưa", "", errors.REQUIRED),
        ("accepted", "x" * (services.ANSWER_MAX + 1), "", errors.TEXT_TOO_LONG),
    ],
)
def test_answer_refusals(closed: ConsultationsWorld, answer: str, text: str, reason: str, code: str) -> None:
    group = services.group_create(actor=closed.d.handler, consultation=closed.consultation, title="Chợ xa")
    with pytest.raises(DomainError) as refused:
        services.group_answer(actor=closed.d.handler, group=group, answer=answer, text=text, reason=reason)
    assert refused.value.code == code
    assert not isinstance(refused.value, PermissionDenied)
    group.refresh_from_db()
    assert group.answer == choices.Answer.PENDING


# Who may act --------------------------------------------------------------------------------------------------


def test_another_communes_officer_is_refused(closed: ConsultationsWorld) -> None:
    with pytest.raises(PermissionDenied):
        services.groups_suggest(actor=closed.d.other_chair, consultation=closed.consultation)
    group = services.group_create(actor=closed.d.chair, consultation=closed.consultation, title="Chợ xa")
    with pytest.raises(PermissionDenied):
        services.group_answer(actor=closed.d.other_chair, group=group, answer="accepted", text="Tiếp thu.")
    with pytest.raises(PermissionDenied):
        services.summary_publish(actor=closed.d.other_chair, consultation=closed.consultation, text="Tổng hợp")
    for outsider in (closed.d.front_officer, closed.d.village_head):
        with pytest.raises(PermissionDenied):
            services.group_create(actor=outsider, consultation=closed.consultation, title="Chợ xa")


def test_when_officers_are_named_only_they_and_the_head_may_answer(closed: ConsultationsWorld) -> None:
    from danvan.democracy.tests.factories import officer
    from danvan.org.choices import Role

    c = closed.consultation
    named = officer("congchuc2", Role.HANDLER, closed.d.phuong, full_name="Võ Thị Hai")
    c.responsible.set([named])
    group = services.group_create(actor=named, consultation=c, title="Chợ xa")
    with pytest.raises(PermissionDenied):
        services.group_answer(actor=closed.d.handler, group=group, answer="accepted", text="Tiếp thu.")
    services.group_answer(actor=closed.d.chair, group=group, answer="accepted", text="Tiếp thu.")
    services.group_answer(actor=named, group=group, answer="explained", text="Giải trình.")
    assert not selectors.may_answer(closed.d.handler, c)


def test_only_the_head_publishes(closed: ConsultationsWorld) -> None:
    with pytest.raises(PermissionDenied):
        services.summary_publish(actor=closed.d.handler, consultation=closed.consultation, text="Tổng hợp")


# The decision and the due date ---------------------------------------------------------------------------------


def test_due_date_counts_working_days_past_the_april_holidays(closed: ConsultationsWorld, frozen_clock) -> None:
    """Decided Fri 24/4/2026: Mon 27/4 is the Hùng Kings' day off (10/3 lunar fell on Sunday 26/4),
    30/4 and 1/5 are holidays: 28, 29/4, 4, 5, 6/5 are the 5 working days (Art. 12(3))."""
    frozen_clock.move_to(dt.datetime(2026, 5, 4, 2, 0, tzinfo=dt.UTC))
    c = closed.consultation
    c.opens_on, c.closes_on = dt.date(2026, 3, 1), dt.date(2026, 4, 20)
    c.save(update_fields=["opens_on", "closes_on"])
    services.decision_record(actor=closed.d.handler, consultation=c, decided_on=dt.date(2026, 4, 24))
    c.refresh_from_db()
    assert (c.decided_on, c.summary_due_on) == (dt.date(2026, 4, 24), dt.date(2026, 5, 6))


@pytest.mark.parametrize(("decided_on", "code"), [(None, errors.REQUIRED), (dt.date(2026, 12, 16), errors.BAD_DATE),
                                                  (dt.date(2026, 10, 31), errors.BAD_DATE)])  # fmt: skip
def test_decision_refusals(ended: ConsultationsWorld, decided_on: dt.date | None, code: str) -> None:
    with pytest.raises(DomainError) as refused:
        services.decision_record(actor=ended.d.handler, consultation=ended.consultation, decided_on=decided_on)
    assert refused.value.code == code


def test_decision_while_open_is_bad_state(cworld: ConsultationsWorld) -> None:
    with pytest.raises(DomainError) as refused:
        services.decision_record(actor=cworld.d.handler, consultation=cworld.consultation,
                                 decided_on=cworld.consultation.opens_on)  # fmt: skip
    assert refused.value.code == errors.BAD_STATE


# Publishing -----------------------------------------------------------------------------------------------------


def test_publish_stores_the_summary_its_figures_and_the_communes_disclosure(ended: ConsultationsWorld) -> None:
    c = ended.consultation
    _ready(ended, decided_on=dt.date(2026, 12, 11))
    summary = services.summary_publish(actor=ended.d.chair, consultation=c, text="UBND phường tiếp thu các ý kiến.")
    c.refresh_from_db()
    assert c.status == choices.Status.PUBLISHED
    assert summary.published_on == dt.date(2026, 12, 15)
    assert c.summary_due_on == dt.date(2026, 12, 18)
    f = summary.figures
    assert (f["comments"], f["supporters"], f["groups"], f["groups_by_answer"]) == (
        7, 20, 5, {"accepted": 5, "explained": 0, "not_accepted": 0})  # fmt: skip
    assert f["channels"] == {"meeting": {"participants": 0, "comments": 1, "supporters": 14},
                             "platform": {"participants": 0, "comments": 6, "supporters": 6}}  # fmt: skip
    assert (f["participants"], f["households"], f["statements"], f["votes"], f["consensus"]) == (0, 0, 0, 0, [])
    d = summary.disclosure
    assert d is not None
    assert (d.item, d.status, d.commune_id, d.decided_on, d.due_on, d.published_on) == (
        DisclosureItem.CONSULTATIONS, DisclosureStatus.PUBLISHED, ended.d.commune.pk, dt.date(2026, 12, 11),
        dt.date(2026, 12, 18), dt.date(2026, 12, 15))  # fmt: skip
    assert [ch.channel for ch in d.channels.all()] == ["portal"]
    assert AuditEvent.objects.filter(action="consultations.summary_publish", object_id=str(c.pk)).count() == 1


def test_publish_refused_while_a_group_is_unanswered(ended: ConsultationsWorld) -> None:
    c = ended.consultation
    _ready(ended)
    group = c.groups.first()
    assert group is not None
    CommentGroup.objects.filter(pk=group.pk).update(answer=choices.Answer.PENDING)
    with pytest.raises(DomainError) as refused:
        services.summary_publish(actor=ended.d.chair, consultation=c, text="Tổng hợp")
    assert refused.value.code == errors.UNANSWERED
    assert refused.value.details == {"unanswered": 1, "ungrouped": 0}
    assert not Summary.objects.exists()


def test_publish_refused_while_a_comment_is_in_no_group(ended: ConsultationsWorld) -> None:
    _ready(ended)
    comment(ended.consultation, "Một ý kiến đến muộn", "dieu-1")
    with pytest.raises(DomainError) as refused:
        services.summary_publish(actor=ended.d.chair, consultation=ended.consultation, text="Tổng hợp")
    assert refused.value.code == errors.UNANSWERED


def test_an_empty_unanswered_group_does_not_block(ended: ConsultationsWorld) -> None:
    _ready(ended)
    services.group_create(actor=ended.d.handler, consultation=ended.consultation, title="Trống")
    services.summary_publish(actor=ended.d.chair, consultation=ended.consultation, text="Tổng hợp")


def test_publish_refused_while_open(cworld: ConsultationsWorld) -> None:
    with pytest.raises(DomainError) as refused:
        services.summary_publish(actor=cworld.d.chair, consultation=cworld.consultation, text="Tổng hợp")
    assert refused.value.code == errors.BAD_STATE


def test_publish_needs_text_and_the_decision(ended: ConsultationsWorld) -> None:
    services.groups_suggest(actor=ended.d.handler, consultation=ended.consultation)
    _answer_all(ended)
    with pytest.raises(DomainError) as refused:
        services.summary_publish(actor=ended.d.chair, consultation=ended.consultation, text="Tổng hợp")
    assert (refused.value.code, list(refused.value.details)) == (errors.REQUIRED, ["decided_on"])
    with pytest.raises(DomainError) as refused:
        services.summary_publish(actor=ended.d.chair, consultation=ended.consultation, text=" ")
    assert (refused.value.code, list(refused.value.details)) == (errors.REQUIRED, ["text"])


def test_after_publication_nothing_changes(ended: ConsultationsWorld) -> None:
    c = ended.consultation
    _ready(ended)
    services.summary_publish(actor=ended.d.chair, consultation=c, text="Tổng hợp")
    group = c.groups.first()
    assert group is not None
    attempts = [
        lambda: services.group_answer(actor=ended.d.handler, group=group, answer="explained", text="Khác"),
        lambda: services.group_rename(actor=ended.d.handler, group=group, title="Khác"),
        lambda: services.groups_suggest(actor=ended.d.handler, consultation=c),
        lambda: services.group_create(actor=ended.d.handler, consultation=c, title="Khác"),
        lambda: services.comment_move(actor=ended.d.handler, comment=c.comments.first(), group=group),
        lambda: services.decision_record(actor=ended.d.handler, consultation=c, decided_on=dt.date(2026, 12, 14)),
        lambda: services.summary_publish(actor=ended.d.chair, consultation=c, text="Lần hai"),
    ]
    for attempt in attempts:
        with pytest.raises(DomainError) as refused:
            attempt()
        assert refused.value.code == errors.ALREADY_PUBLISHED
    assert Summary.objects.count() == 1


def test_a_province_consultation_has_no_commune_disclosure(closed: ConsultationsWorld, frozen_clock) -> None:
    frozen_clock.move_to(dt.datetime(2026, 12, 15, 2, 0, tzinfo=dt.UTC))
    c = consultation(closed.d, place=closed.d.commune.province, status=choices.Status.CLOSED,
                     opens_on=dt.date(2026, 11, 1), closes_on=dt.date(2026, 12, 1))  # fmt: skip
    comment(c, "Ý kiến", "dieu-1")
    services.groups_suggest(actor=closed.d.chair, consultation=c)
    for g in c.groups.all():
        services.group_answer(actor=closed.d.chair, group=g, answer="explained", text="Giải trình.")
    services.decision_record(actor=closed.d.chair, consultation=c, decided_on=dt.date(2026, 12, 10))
    assert services.summary_publish(actor=closed.d.chair, consultation=c, text="Tổng hợp").disclosure is None
