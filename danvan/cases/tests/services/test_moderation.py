"""Moderation of the public page: a handler takes a public report off it with a reason, shows it again, and
corrects its public title and text; the one publicity rule and its query agree on every case; refusals carry
their exact code, and a permission refusal comes before any check of the input."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils.translation import override
from PIL import Image

from danvan.cases import errors as codes
from danvan.cases import publicity, selectors_feed
from danvan.cases.choices import Status, Track
from danvan.cases.models import Case, CaseEvent
from danvan.cases.redaction import REDACTED
from danvan.cases.services import feedback, handling
from danvan.cases.services.moderation import case_public_correct, case_public_hide, case_public_show
from danvan.cases.tests.factories import World, case_at, submit
from danvan.core.clock import VIETNAM
from danvan.core.errors import DomainError, NotFound, PermissionDenied
from danvan.core.models import AuditEvent

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]

NOW = dt.datetime(2026, 2, 5, 9, 0, tzinfo=VIETNAM)


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


def public_case(**overrides: object) -> Case:
    return submit(publish=True, share_photos=True, **overrides).case


def refused(code: str, call, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as info:
        call(**kwargs)
    assert info.value.code == code, info.value.code
    assert not isinstance(info.value, PermissionDenied) or code == "forbidden"
    return info.value


# Taking a report off -----------------------------------------------------------------------------------


def test_a_report_taken_off_leaves_the_feed_the_map_its_page_its_photos_and_support(world: World):
    case = public_case(title="Đèn đường hỏng", files=[("a.png", png())], latitude=16.4637, longitude=107.5909)
    other = public_case(title="Rác tồn đọng")
    photo = case.attachments.get()
    assert selectors_feed.feed_photo(tracking_code=case.tracking_code, attachment_id=photo.pk) == photo

    with override("vi"):  # the timeline's note is written in the officer's language
        hidden = case_public_hide(case=case, actor=world.handler, reason="personal_data",
                                  note="Còn tên người hàng xóm.")  # fmt: skip

    assert (hidden.public_hidden_at, hidden.public_hidden_reason) == (NOW, "personal_data")
    assert [c.pk for c in selectors_feed.feed_list()] == [other.pk]
    assert selectors_feed.feed_markers() == []
    with pytest.raises(NotFound):
        selectors_feed.feed_get(tracking_code=case.tracking_code)
    with pytest.raises(NotFound):
        selectors_feed.feed_photo(tracking_code=case.tracking_code, attachment_id=photo.pk)
    with pytest.raises(NotFound):
        feedback.case_support(tracking_code=case.tracking_code, supporter="x" * 64)
    assert selectors_feed.feed_nearby(place_unit_id=case.place_unit_id) == [other]
    # Still handled as usual: its status and legal clock do not move.
    assert (hidden.status, hidden.due_on) == (case.status, case.due_on)
    event = CaseEvent.objects.filter(case=case).latest("id")
    assert (event.action, event.visibility, event.from_status, event.to_status, event.data, event.actor) == (
        "public_hide", "internal", Status.RECEIVED, Status.RECEIVED, {"reason": "personal_data"}, world.handler)  # fmt: skip
    assert event.note == "Có thông tin cá nhân — Còn tên người hàng xóm."
    audit = AuditEvent.objects.get(action="cases.public_hide", object_id=str(case.pk))
    assert audit.actor == world.handler and audit.before is not None and audit.after is not None
    assert (audit.before["public_hidden_at"], audit.after["public_hidden_reason"]) == (None, "personal_data")
    assert audit.after["public_hidden_at"] is not None


def test_the_head_may_take_an_answered_report_off_and_show_it_again(world: World):
    case = case_at(Status.ANSWERED, handler=world.handler, head=world.head, publish=True)
    handling.case_publish(case=case, actor=world.handler, public_answer="Đã nạo vét cống.")
    case_public_hide(case=case, actor=world.head, reason="other", note="Đang xác minh nội dung.")
    assert not selectors_feed.feed_list().exists()

    shown = case_public_show(case=case, actor=world.head, note="Đã xác minh.")

    assert (shown.public_hidden_at, shown.public_hidden_reason) == (None, "")
    assert [c.pk for c in selectors_feed.feed_list()] == [case.pk]
    event = CaseEvent.objects.filter(case=case).latest("id")
    assert (event.action, event.visibility, event.note, event.data) == (
        "public_show", "internal", "Đã xác minh.", {"was_hidden_for": "other"})  # fmt: skip
    assert AuditEvent.objects.filter(action="cases.public_show", object_id=str(case.pk), actor=world.head).count() == 1


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (lambda w: submit(publish=True, track=Track.KHIEU_NAI).case, codes.NOT_ON_PUBLIC_TRACK),
        (lambda w: submit(publish=True, track=Track.UNCLASSIFIED).case, codes.NOT_ON_PUBLIC_TRACK),
        (lambda w: submit(publish=False).case, codes.NOT_ON_PUBLIC_TRACK),
        (lambda w: handling.case_reject(case=public_case(), actor=w.handler, reason="duplicate"),
         codes.NOT_ON_PUBLIC_TRACK),
        (lambda w: case_public_hide(case=public_case(), actor=w.handler, reason="offensive"),
         codes.PUBLIC_ALREADY_HIDDEN),
    ],
    ids=["complaint", "unclassified", "withheld", "not_accepted", "already_off"],
)  # fmt: skip
def test_only_a_report_shown_on_the_public_page_can_be_taken_off(world: World, make, code):
    case = make(world)
    refused(code, case_public_hide, case=case, actor=world.handler, reason="offensive")


def test_the_reason_is_one_of_the_list_and_another_reason_needs_a_note(world: World):
    case = public_case()
    refused(codes.BAD_REASON, case_public_hide, case=case, actor=world.handler, reason="boring")
    refused(codes.REQUIRED, case_public_hide, case=case, actor=world.handler, reason="other", note="  ")
    refused(codes.HTML, case_public_hide, case=case, actor=world.handler, reason="offensive", note="<b>x</b>")
    case.refresh_from_db()
    assert (case.public_hidden_at, case.public_hidden_reason) == (None, "")
    assert not CaseEvent.objects.filter(case=case, action="public_hide").exists()


@pytest.mark.parametrize("who", ["other_handler", "inspector", "dan_van", "citizen"])
def test_only_who_handles_the_body_s_cases_may_moderate_and_is_refused_before_the_input_is_read(world: World, who):
    case = public_case(title="Đèn đường hỏng")
    actor = getattr(world, who)
    # A bad reason and an empty text: the refusal is the permission's, not the validation's.
    refused("forbidden", case_public_hide, case=case, actor=actor, reason="boring")
    refused("forbidden", case_public_correct, case=case, actor=actor, public_title="", public_text="")
    case_public_hide(case=case, actor=world.handler, reason="offensive")
    refused("forbidden", case_public_show, case=case, actor=actor)
    case.refresh_from_db()
    assert (case.public_hidden_reason, case.public_title) == ("offensive", "Đèn đường hỏng")


def test_a_report_on_the_public_page_cannot_be_shown_again(world: World):
    refused(codes.PUBLIC_NOT_HIDDEN, case_public_show, case=public_case(), actor=world.handler)
    refused(codes.NOT_ON_PUBLIC_TRACK, case_public_show, case=submit(publish=False).case, actor=world.handler)


def test_a_report_taken_off_and_then_withdrawn_cannot_be_shown_again(world: World):
    case = public_case()
    case_public_hide(case=case, actor=world.handler, reason="duplicate")
    handling.case_withdraw(case=case, actor=world.handler, note="Đơn xin rút ngày 01/02/2026.")
    refused(codes.NOT_ON_PUBLIC_TRACK, case_public_show, case=case, actor=world.handler)


# Correcting the public text ----------------------------------------------------------------------------


def test_the_public_text_is_corrected_and_the_automatic_redaction_still_applies(world: World):
    case = public_case(title="Ngập kiệt 12", content="Cống kiệt 12 tắc, anh Bình ở số 5 cũng bị ngập nhà.")

    corrected = case_public_correct(
        case=case, actor=world.handler, public_title="  Ngập   kiệt 12 ",
        public_text="Cống kiệt 12 tắc, nhà bên cạnh cũng bị ngập. Liên hệ Nguyễn Văn An 0912345678.",
    )  # fmt: skip

    assert corrected.public_title == "Ngập kiệt 12"
    assert corrected.public_text == f"Cống kiệt 12 tắc, nhà bên cạnh cũng bị ngập. Liên hệ {REDACTED} {REDACTED}."
    assert corrected.content == "Cống kiệt 12 tắc, anh Bình ở số 5 cũng bị ngập nhà."  # the letter is untouched
    event = CaseEvent.objects.filter(case=case).latest("id")
    assert (event.action, event.visibility, event.note) == ("public_correct", "internal", "")
    audit = AuditEvent.objects.get(action="cases.public_correct", object_id=str(case.pk))
    assert audit.reason == "public title and text corrected"
    assert "anh Bình" not in str(audit.before) + str(audit.after)  # the audit keeps the state, not the words


def test_the_public_text_of_a_report_taken_off_may_be_corrected_before_it_is_shown_again(world: World):
    case = public_case(title="Đèn hỏng")
    case_public_hide(case=case, actor=world.handler, reason="personal_data")
    case_public_correct(case=case, actor=world.handler, public_title="Đèn hỏng", public_text="Đèn trước chợ hỏng.")
    case_public_show(case=case, actor=world.handler)
    assert selectors_feed.feed_get(tracking_code=case.tracking_code).public_text == "Đèn trước chợ hỏng."


def test_the_public_text_cannot_be_emptied_nor_corrected_off_the_public_track(world: World):
    case = public_case()
    refused(codes.REQUIRED, case_public_correct, case=case, actor=world.handler, public_title=" ", public_text="x")
    refused(codes.REQUIRED, case_public_correct, case=case, actor=world.handler, public_title="x", public_text="")
    refused(codes.HTML, case_public_correct, case=case, actor=world.handler, public_title="x",
            public_text="<script>x</script>")  # fmt: skip
    complaint = submit(track=Track.KHIEU_NAI).case
    refused(codes.NOT_ON_PUBLIC_TRACK, case_public_correct, case=complaint, actor=world.handler, public_title="x",
            public_text="y")  # fmt: skip


# One rule ----------------------------------------------------------------------------------------------


def test_the_rule_and_its_query_agree_on_every_case_shown_or_taken_off(world: World):
    shown = public_case(title="Hiện")
    taken_off = case_public_hide(case=public_case(title="Ẩn"), actor=world.handler, reason="offensive")
    withheld = submit(publish=False).case
    complaint = submit(publish=True, track=Track.KHIEU_NAI).case
    off_then_rejected = case_public_hide(case=public_case(), actor=world.handler, reason="duplicate")
    handling.case_reject(case=off_then_rejected, actor=world.handler, reason="duplicate")
    back = case_public_show(case=case_public_hide(case=public_case(title="Lại hiện"), actor=world.handler,
                                                  reason="other", note="Nhầm."), actor=world.handler)  # fmt: skip

    listed = set(Case.objects.filter(selectors_feed.public_q()).values_list("pk", flat=True))
    assert listed == {shown.pk, back.pk}
    for case in Case.objects.all():
        rule = publicity.is_public(track=case.track, status=case.status, publish_wanted=case.publish_wanted,
                                   hidden=case.public_hidden_at is not None)  # fmt: skip
        assert rule is (case.pk in listed), case.title
    on_track = set(Case.objects.filter(selectors_feed.on_public_track_q()).values_list("pk", flat=True))
    assert on_track == {shown.pk, taken_off.pk, back.pk}
    assert {withheld.pk, complaint.pk} & on_track == set()
