"""The participation part's services: who takes part, statements, votes, comments, keying in and
moderation — every refusal code, idempotency, merge and hide semantics."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from danvan.consultations import choices, errors
from danvan.consultations.models import Comment, KeyedTally, Participant, Statement, Vote
from danvan.consultations.selectors import participation as sel
from danvan.consultations.services import participation as svc
from danvan.consultations.services.participation import Who
from danvan.consultations.tests import factories as f
from danvan.consultations.tests.participation.conftest import device, resident
from danvan.core import clock
from danvan.core.audit import AuditEvent
from danvan.core.errors import DomainError, PermissionDenied

pytestmark = pytest.mark.django_db


def refused(expected: str, call, *args, **kwargs) -> None:
    with pytest.raises(DomainError) as caught:
        call(*args, **kwargs)
    assert not isinstance(caught.value, PermissionDenied)
    assert caught.value.code == expected


# Who takes part ---------------------------------------------------------------------------------------


def test_a_device_is_one_participant_keyed_by_an_hmac_not_the_raw_token(cworld) -> None:
    c = cworld.consultation
    first = svc.participant_for(consultation=c, who=device("x"))
    again = svc.participant_for(consultation=c, who=device("x"))
    assert first.pk == again.pk and first.kind == choices.ParticipantKind.DEVICE
    assert "device-x" not in first.key and len(first.key) == 40
    assert svc.participant_for(consultation=c, who=device("y")).pk != first.pk


def test_no_device_and_no_account_needs_verification(cworld) -> None:
    refused(errors.VERIFICATION_REQUIRED, svc.participant_for, consultation=cworld.consultation, who=Who())


def test_a_resident_consultation_refuses_a_device_and_takes_a_verified_citizen(cworld) -> None:
    c = f.consultation(cworld.d, verification=choices.Verification.RESIDENT)
    refused(errors.VERIFICATION_REQUIRED, svc.participant_for, consultation=c, who=device())
    unproved = get_user_model().objects.create_user(username="chuaxacminh", password="x" * 12)
    refused(errors.VERIFICATION_REQUIRED, svc.participant_for, consultation=c, who=Who(user=unproved))
    user = resident()
    p = svc.participant_for(consultation=c, who=Who(user=user, device="d1"))
    assert p.kind == choices.ParticipantKind.RESIDENT and p.key == sel.participant_key(c.pk, p.kind, user.pk)
    assert svc.participant_for(consultation=c, who=Who(user=user, device="d2")).pk == p.pk  # one person, two phones


def household_world(cworld, **fields):
    return f.consultation(cworld.d, verification=choices.Verification.HOUSEHOLD, audience=choices.Audience.VILLAGES,
                          villages=[cworld.d.village], **fields)  # fmt: skip


def test_a_household_consultation_needs_the_household_code(cworld) -> None:
    c = household_world(cworld)
    refused(errors.VERIFICATION_REQUIRED, svc.participant_for, consultation=c, who=device())
    h = cworld.d.village.households.order_by("code").first()
    code = svc.household_code_for_tests(c, h)
    refused(errors.BAD_CODE, svc.household_verify, consultation=c, village_id=cworld.d.village.pk,
            household_code=h.code, code="000000" if code != "000000" else "111111")  # fmt: skip
    p = svc.household_verify(consultation=c, village_id=cworld.d.village.pk, household_code=h.code, code=code)
    assert (p.kind, p.key, p.village) == (choices.ParticipantKind.HOUSEHOLD, f.household_key(c, h), cworld.d.village)
    refused(
        errors.BAD_CODE,
        svc.household_verify,
        consultation=c,
        village_id=cworld.d.village.pk,
        household_code=h.code,
        code=code,
    )  # spent
    # A second device proving the same household is the same participant.
    again = svc.household_verify(consultation=c, village_id=cworld.d.village.pk, household_code=h.code,
                                 code=svc.household_code_for_tests(c, h))  # fmt: skip
    assert again.pk == p.pk and Participant.objects.filter(consultation=c).count() == 1
    assert svc.participant_for(consultation=c, who=Who(participant_id=p.pk)).pk == p.pk


def test_a_household_outside_the_villages_consulted_is_not_in_the_audience(cworld) -> None:
    c = household_world(cworld)
    h = cworld.d.village2.households.first()
    refused(errors.NOT_IN_AUDIENCE, svc.household_code_request, consultation=c, village_id=cworld.d.village2.pk,
            household_code=h.code, phone=h.phone)  # fmt: skip
    refused(errors.NOT_IN_AUDIENCE, svc.household_verify, consultation=c, village_id=cworld.d.other_village.pk,
            household_code="H001", code="123456")  # fmt: skip


def test_a_household_of_the_commune_is_in_a_commune_audience(cworld) -> None:
    c = f.consultation(cworld.d, verification=choices.Verification.HOUSEHOLD)
    h = cworld.d.village2.households.first()
    assert svc.household_code_request(consultation=c, village_id=cworld.d.village2.pk, household_code=h.code,
                                      phone=h.phone) is True  # fmt: skip
    assert svc.household_code_request(consultation=c, village_id=cworld.d.village2.pk, household_code=h.code,
                                      phone="0987654321") is False  # fmt: skip
    refused(errors.NOT_IN_AUDIENCE, svc.household_code_request, consultation=c,
            village_id=cworld.d.other_village.pk, household_code="H001", phone="0912345678")  # fmt: skip


def test_a_household_code_dies_after_five_wrong_tries(cworld) -> None:
    c = household_world(cworld)
    h = cworld.d.village.households.first()
    code = svc.household_code_for_tests(c, h)
    wrong = "999999" if code != "999999" else "888888"
    for _ in range(5):
        refused(errors.BAD_CODE, svc.household_verify, consultation=c, village_id=cworld.d.village.pk,
                household_code=h.code, code=wrong)  # fmt: skip
    refused(errors.BAD_CODE, svc.household_verify, consultation=c, village_id=cworld.d.village.pk,
            household_code=h.code, code=code)  # fmt: skip


# Statements -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [("   ", errors.TEXT_EMPTY), ("x" * 241, errors.TEXT_TOO_LONG), ("Chợ <b>mới</b>", errors.TEXT_HAS_MARKUP)],
)
def test_a_statement_with_bad_text_is_refused_and_nothing_stored(cworld, text, code) -> None:
    refused(code, svc.statement_add, consultation=cworld.consultation, who=device(), text=text)
    assert not Statement.objects.exists() and not Participant.objects.exists()


def test_a_statement_on_an_unknown_section_is_refused(cworld) -> None:
    refused(errors.UNKNOWN_SECTION, svc.statement_add, consultation=cworld.consultation, who=device(),
            text="Cần thêm chỗ để xe", section_key="dieu-9")  # fmt: skip
    ok = svc.statement_add(consultation=cworld.consultation, who=device(), text="  Cần thêm   chỗ để xe ",
                           section_key="dieu-2")  # fmt: skip
    assert (ok.row.text, ok.row.section_key, ok.row.status) == ("Cần thêm chỗ để xe", "dieu-2", "published")


def test_a_retry_with_the_same_client_key_stores_one_statement(cworld) -> None:
    c = cworld.consultation
    first = svc.statement_add(consultation=c, who=device(), text="Giữ chợ gần chỗ cũ", client_key="k-1")
    again = svc.statement_add(consultation=c, who=device(), text="Giữ chợ gần chỗ cũ", client_key="k-1")
    other = svc.statement_add(consultation=c, who=device("b"), text="Giữ chợ gần chỗ cũ", client_key="k-1")
    assert (first.created, again.created, again.row.pk) == (True, False, first.row.pk)
    assert other.created and Statement.objects.count() == 2  # another participant's key does not collide


def test_a_premoderated_consultation_keeps_statements_pending(cworld) -> None:
    c = f.consultation(cworld.d, premoderate=True)
    row = svc.statement_add(consultation=c, who=device(), text="Cần bãi giữ xe").row
    assert row.status == choices.Moderation.PENDING
    refused(errors.UNKNOWN_STATEMENT, svc.vote_cast, consultation=c, who=device(), statement_id=row.pk, value=1)
    svc.statement_publish(actor=cworld.d.chair, statement=row)
    assert svc.vote_cast(consultation=c, who=device(), statement_id=row.pk, value=1).created


@pytest.mark.parametrize("when", ["before", "after", "closed"])
def test_views_outside_the_period_are_not_open(cworld, when) -> None:
    today = clock.today()
    fields = {
        "before": {"opens_on": today + dt.timedelta(days=1)},
        "after": {"opens_on": today - dt.timedelta(days=30), "closes_on": today - dt.timedelta(days=1)},
        "closed": {"status": choices.Status.CLOSED},
    }[when]
    c = f.consultation(cworld.d, **fields)
    s = f.statement(c, "Cần bảo đảm an toàn phòng cháy")
    refused(errors.NOT_OPEN, svc.statement_add, consultation=c, who=device(), text="Ý kiến")
    refused(errors.NOT_OPEN, svc.comment_add, consultation=c, who=device(), text="Ý kiến")
    refused(errors.NOT_OPEN, svc.vote_cast, consultation=c, who=device(), statement_id=s.pk, value=1)
    assert not Vote.objects.exists()


def test_the_last_day_still_takes_votes(cworld) -> None:
    c = f.consultation(cworld.d, closes_on=clock.today())
    s = f.statement(c, "Chợ tạm cần mái che")
    assert svc.vote_cast(consultation=c, who=device(), statement_id=s.pk, value=-1).created


# Votes -------------------------------------------------------------------------------------------------


def test_a_vote_twice_with_the_same_value_is_the_same_vote_another_value_is_refused(cworld) -> None:
    c = cworld.consultation
    s = f.statement(c, "Cần bảo đảm an toàn phòng cháy ở chợ tạm")
    first = svc.vote_cast(consultation=c, who=device(), statement_id=s.pk, value=1)
    again = svc.vote_cast(consultation=c, who=device(), statement_id=s.pk, value=1)
    assert first.created and not again.created and again.row.pk == first.row.pk
    refused(errors.ALREADY_VOTED, svc.vote_cast, consultation=c, who=device(), statement_id=s.pk, value=-1)
    assert list(Vote.objects.values_list("value", flat=True)) == [1]


@pytest.mark.parametrize("value", [2, "1", True, None, -2])
def test_a_vote_other_than_agree_disagree_pass_is_refused(cworld, value) -> None:
    s = f.statement(cworld.consultation, "Ý kiến")
    refused(errors.BAD_VOTE, svc.vote_cast, consultation=cworld.consultation, who=device(), statement_id=s.pk,
            value=value)  # fmt: skip


def test_a_vote_on_a_hidden_pending_merged_or_foreign_statement_is_unknown(cworld) -> None:
    c = cworld.consultation
    other = f.consultation(cworld.d)
    rows = [
        f.statement(c, "ẩn", status=choices.Moderation.HIDDEN),
        f.statement(c, "chờ", status=choices.Moderation.PENDING),
        f.statement(c, "gộp", status=choices.Moderation.MERGED),
        f.statement(other, "khác"),
    ]
    for s in rows:
        refused(errors.UNKNOWN_STATEMENT, svc.vote_cast, consultation=c, who=device(), statement_id=s.pk, value=0)
    refused(errors.UNKNOWN_STATEMENT, svc.vote_cast, consultation=c, who=device(), statement_id=10**12, value=0)
    assert not Vote.objects.exists() and not Participant.objects.exists()


# Comments and keying in -----------------------------------------------------------------------------------


def test_a_comment_on_a_section_is_stored_once_per_client_key(cworld) -> None:
    c = cworld.consultation
    first = svc.comment_add(consultation=c, who=device(), text="Điều 2 nên ưu tiên hộ khó khăn.",
                            section_key="dieu-2", client_key="c1")  # fmt: skip
    again = svc.comment_add(consultation=c, who=device(), text="Điều 2 nên ưu tiên hộ khó khăn.",
                            section_key="dieu-2", client_key="c1")  # fmt: skip
    assert first.created and not again.created and Comment.objects.count() == 1
    assert (first.row.channel, first.row.section_key) == ("platform", "dieu-2")
    refused(errors.UNKNOWN_SECTION, svc.comment_add, consultation=c, who=device(), text="x", section_key="dieu-7")
    refused(errors.TEXT_TOO_LONG, svc.comment_add, consultation=c, who=device(), text="x" * 5001)
    refused(errors.TEXT_HAS_MARKUP, svc.comment_add, consultation=c, who=device(), text="<script>x</script>")
    assert AuditEvent.objects.filter(action="consultations.comment_add").count() == 1


def test_an_officer_keys_in_a_meetings_comment_with_its_source(cworld) -> None:
    c, day = cworld.consultation, clock.today() - dt.timedelta(days=2)
    row = svc.comment_key_in(actor=cworld.d.handler, consultation=c, text="Đề nghị giữ lối đi rộng.",
                             section_key="dieu-1", channel="meeting", source_ref="Biên bản họp TDP 1 số 3",
                             source_date=day, supporters=42).row  # fmt: skip
    assert (row.channel, row.source_ref, row.source_date, row.supporters, row.keyed_in_by) == (
        "meeting",
        "Biên bản họp TDP 1 số 3",
        day,
        42,
        cworld.d.handler,
    )
    event = AuditEvent.objects.get(action="consultations.comment_key_in")
    assert event.after is not None and event.after["supporters"] == 42
    with pytest.raises(PermissionDenied):
        svc.comment_key_in(actor=cworld.d.other_chair, consultation=c, text="x", channel="meeting", source_ref="y",
                           source_date=day)  # fmt: skip
    refused(errors.BAD_CHANNEL, svc.comment_key_in, actor=cworld.d.handler, consultation=c, text="x",
            channel="platform", source_ref="y", source_date=day)  # fmt: skip
    refused(errors.REQUIRED, svc.comment_key_in, actor=cworld.d.handler, consultation=c, text="x",
            channel="meeting", source_ref=" ", source_date=day)  # fmt: skip
    refused(errors.BAD_DATE, svc.comment_key_in, actor=cworld.d.handler, consultation=c, text="x",
            channel="meeting", source_ref="y", source_date=clock.today() + dt.timedelta(days=1))  # fmt: skip


def test_a_meetings_tally_counts_in_the_totals_with_its_source_not_on_the_map(cworld) -> None:
    c = cworld.consultation
    s = f.statement(c, "Cần bảo đảm an toàn phòng cháy ở chợ tạm")
    svc.vote_cast(consultation=c, who=device(), statement_id=s.pk, value=1)
    svc.tally_key_in(actor=cworld.d.handler, statement=s, channel="meeting", source_ref="Biên bản họp TDP 2",
                     held_on=clock.today(), agree=30, disagree=2, passed=1)  # fmt: skip
    (row,) = sel.statement_totals(c)
    assert (row.agree, row.disagree, row.passed, row.keyed, row.sources) == (31, 2, 1, 33, ["Biên bản họp TDP 2"])
    assert len(list(sel.vote_rows(c))) == 1
    assert KeyedTally.objects.get().recorded_by == cworld.d.handler
    refused(errors.REQUIRED, svc.tally_key_in, actor=cworld.d.handler, statement=s, channel="meeting",
            source_ref="x", held_on=clock.today(), agree=0, disagree=0, passed=0)  # fmt: skip


# Moderation ---------------------------------------------------------------------------------------------


def test_hiding_keeps_the_statement_with_its_reason_and_drops_it_from_votes(cworld) -> None:
    c = cworld.consultation
    s = f.statement(c, "Nội dung xúc phạm")
    svc.vote_cast(consultation=c, who=device(), statement_id=s.pk, value=1)
    refused(errors.REASON_REQUIRED, svc.statement_hide, actor=cworld.d.chair, statement=s, reason=" ")
    with pytest.raises(PermissionDenied):
        svc.statement_hide(actor=cworld.d.village_head, statement=s, reason="x")
    svc.statement_hide(actor=cworld.d.handler, statement=s, reason="Lời lẽ xúc phạm")
    s.refresh_from_db()
    assert (s.status, s.moderation_reason) == ("hidden", "Lời lẽ xúc phạm")
    assert Vote.objects.count() == 1 and list(sel.vote_rows(c)) == [] and sel.statement_totals(c) == []
    assert AuditEvent.objects.get(action="consultations.statement_hide").reason == "Lời lẽ xúc phạm"
    refused(errors.BAD_STATE, svc.statement_hide, actor=cworld.d.chair, statement=s, reason="again")


def test_a_merged_duplicates_votes_count_for_the_target_and_a_double_voter_keeps_the_targets(cworld) -> None:
    c = cworld.consultation
    target = f.statement(c, "Cần bảo đảm an toàn phòng cháy ở chợ tạm")
    dup = f.statement(c, "Chợ tạm phải an toàn cháy nổ")
    both, only_dup, only_target = device("both"), device("dup"), device("target")
    svc.vote_cast(consultation=c, who=both, statement_id=target.pk, value=-1)
    svc.vote_cast(consultation=c, who=both, statement_id=dup.pk, value=1)
    svc.vote_cast(consultation=c, who=only_dup, statement_id=dup.pk, value=1)
    svc.vote_cast(consultation=c, who=only_target, statement_id=target.pk, value=0)
    svc.statement_merge(actor=cworld.d.handler, statement=dup, into=target, reason="Trùng ý")
    dup.refresh_from_db()
    assert (dup.status, dup.merged_into_id) == ("merged", target.pk) and Vote.objects.count() == 4
    pid = {w.device: svc.participant_for(consultation=c, who=w).pk for w in (both, only_dup, only_target)}
    assert sorted(sel.vote_rows(c)) == sorted([(pid["device-both"], target.pk, -1),
                                               (pid["device-dup"], target.pk, 1),
                                               (pid["device-target"], target.pk, 0)])  # fmt: skip
    (row,) = sel.statement_totals(c)
    assert (row.id, row.agree, row.disagree, row.passed) == (target.pk, 1, 1, 1)
    refused(errors.BAD_STATE, svc.statement_merge, actor=cworld.d.handler, statement=target, into=dup)
    refused(errors.UNKNOWN_STATEMENT, svc.vote_cast, consultation=c, who=device("new"), statement_id=dup.pk, value=1)


def test_merging_into_a_statement_repoints_earlier_merges(cworld) -> None:
    c = cworld.consultation
    a, b, t = (f.statement(c, text) for text in ("a", "b", "t"))
    svc.statement_merge(actor=cworld.d.handler, statement=a, into=b)
    svc.statement_merge(actor=cworld.d.handler, statement=b, into=t)
    assert Statement.objects.get(pk=a.pk).merged_into_id == t.pk


def test_comments_are_hidden_with_a_reason_and_merged_never_deleted(cworld) -> None:
    c = cworld.consultation
    one = svc.comment_add(consultation=c, who=device(), text="Nên giữ chợ gần chỗ cũ").row
    two = svc.comment_add(consultation=c, who=device("b"), text="Giữ chợ gần chỗ cũ").row
    bad = svc.comment_add(consultation=c, who=device("c"), text="Số điện thoại ông A: 0912...").row
    svc.comment_merge(actor=cworld.d.handler, comment=two, into=one, reason="Trùng")
    svc.comment_hide(actor=cworld.d.handler, comment=bad, reason="Thông tin cá nhân")
    assert Comment.objects.count() == 3
    assert dict(Comment.objects.values_list("pk", "status")) == {one.pk: "published", two.pk: "merged",
                                                                  bad.pk: "hidden"}  # fmt: skip
    assert sel.counts(c).comments == 1
    assert {e.action for e in AuditEvent.objects.filter(action__startswith="consultations.comment_")} >= {
        "consultations.comment_merge",
        "consultations.comment_hide",
    }


def test_vote_rows_exclude_pending_statements(cworld) -> None:
    c = f.consultation(cworld.d)
    s = f.statement(c, "x")
    svc.vote_cast(consultation=c, who=device(), statement_id=s.pk, value=1)
    Statement.objects.filter(pk=s.pk).update(status=choices.Moderation.PENDING)
    assert list(sel.vote_rows(c)) == []
