"""Public feedback: what is public (one rule, as a function and as a query), what of it is shown, "I have
this problem too", "still not fixed" within its window, and the handler's photos after handling."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from PIL import Image

from danvan.cases import errors as codes
from danvan.cases import publicity, selectors_feed
from danvan.cases.choices import Status, Track
from danvan.cases.models import Attachment, Case, CaseEvent, CaseSupport
from danvan.cases.redaction import REDACTED
from danvan.cases.selectors import case_link_grant
from danvan.cases.services import feedback, handling
from danvan.cases.tests.factories import World, case_at, submit
from danvan.core import clock
from danvan.core.clock import VIETNAM
from danvan.core.errors import DomainError, NotFound
from danvan.core.models import AuditEvent
from danvan.notifications.models import Notification
from danvan.org.tests.factories import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


def public_case(**overrides: object) -> Case:
    return submit(publish=True, share_photos=True, **overrides).case


# What is public ------------------------------------------------------------------------------------------


def test_only_feedback_the_citizen_did_not_withhold_is_public_and_the_query_agrees_with_the_rule(world: World):
    shown = public_case(title="Đèn đường hỏng")
    withheld = submit(publish=False, title="Không công khai").case
    complaint = public_case(track=Track.KHIEU_NAI, title="Khiếu nại")
    denunciation = public_case(track=Track.TO_CAO, title="Tố cáo")
    unclassified = public_case(track=Track.UNCLASSIFIED, title="Chưa phân loại")
    rejected = public_case(title="Trùng lặp")
    handling.case_reject(case=rejected, actor=world.handler, reason="duplicate")

    assert list(selectors_feed.feed_list().values_list("title", flat=True)) == ["Đèn đường hỏng"]
    for case in Case.objects.all():
        expected = case.pk == shown.pk
        assert publicity.is_public(track=case.track, status=case.status, publish_wanted=case.publish_wanted,
                                   hidden=case.public_hidden_at is not None) is expected  # fmt: skip
    # A complaint or a denunciation never even records the wish; an unclassified petition keeps it.
    assert (withheld.publish_wanted, complaint.publish_wanted, denunciation.publish_wanted) == (False, False, False)
    assert unclassified.publish_wanted
    handling.case_classify(case=unclassified, actor=world.handler, track=Track.PAKN)
    assert set(selectors_feed.feed_list().values_list("title", flat=True)) == {"Đèn đường hỏng", "Chưa phân loại"}


def test_the_public_text_has_no_name_phone_email_address_or_id_number(world: World):
    case = public_case(
        title="Nguyễn Văn An báo ngập kiệt 12",
        content=(
            "Tôi là Nguyễn Văn An, nhà ở 12 Lê Lợi, điện thoại 0912 345 678, email an@example.vn. "
            "Anh hàng xóm số 0905111222, CCCD 046090001234 cũng bị ngập. Cống kiệt 12 tắc đã ba tuần."
        ),
        address="12 Lê Lợi",
    )
    assert case.public_title == f"{REDACTED} báo ngập kiệt 12"
    text = case.public_text
    for personal in ("Nguyễn Văn An", "12 Lê Lợi", "0912 345 678", "an@example.vn", "0905111222", "046090001234"):
        assert personal not in text, personal
    assert text.endswith("Cống kiệt 12 tắc đã ba tuần.")
    assert case.content.startswith("Tôi là Nguyễn Văn An")  # the handler still reads the letter as written


def test_only_the_photos_the_citizen_shared_are_public_and_never_a_pdf(world: World):
    shared = public_case(files=[("a.png", png())])
    kept = submit(publish=True, share_photos=False, files=[("b.png", png())]).case
    withheld = submit(publish=False, share_photos=True, files=[("c.png", png())]).case
    assert [a.is_public for a in shared.attachments.all()] == [True]
    assert [a.is_public for a in kept.attachments.all()] == [False]
    assert [a.is_public for a in withheld.attachments.all()] == [False]
    photo = shared.attachments.get()
    assert selectors_feed.feed_photo(tracking_code=shared.tracking_code, attachment_id=photo.pk) == photo
    with pytest.raises(NotFound):
        selectors_feed.feed_photo(tracking_code=kept.tracking_code, attachment_id=kept.attachments.get().pk)


# The feed's filters and the map ------------------------------------------------------------------------


def test_the_feed_filters_by_commune_and_topic_and_the_map_lists_only_reports_with_a_point(world: World):
    lamp = public_case(title="Đèn", topic_code="giao-thong-ha-tang", latitude=Decimal("16.4637"),
                       longitude=Decimal("107.5909"))  # fmt: skip
    public_case(title="Rác", topic_code="moi-truong")
    elsewhere = public_case(title="Kim Long", topic_code="moi-truong", place_text="phuong kim long, hue")
    titles = lambda **f: list(selectors_feed.feed_list(filters=selectors_feed.FeedFilters(**f)).values_list(  # noqa: E731
        "title", flat=True))  # fmt: skip
    assert titles(topic_code="moi-truong") == ["Kim Long", "Rác"]
    assert titles(place_unit_id=elsewhere.place_unit_id) == ["Kim Long"]
    assert titles(place_unit_id=lamp.place_unit_id, topic_code="moi-truong") == ["Rác"]
    assert selectors_feed.feed_markers() == [{
        "tracking_code": lamp.tracking_code, "public_title": "Đèn", "status": Status.RECEIVED,
        "latitude": Decimal("16.463700"), "longitude": Decimal("107.590900"),
    }]  # fmt: skip
    assert [u.pk for u in selectors_feed.feed_communes()] == sorted(
        [lamp.place_unit_id, elsewhere.place_unit_id],
        key=lambda pk: dict(selectors_feed.feed_communes().values_list("pk", "name"))[pk],
    )


# "I have this problem too" -------------------------------------------------------------------------------


def test_support_counts_once_per_person_or_device_and_only_on_a_public_report(world: World):
    case = public_case()
    device = feedback.supporter_key(user_id=None, device="device-one-abcdefgh")
    assert feedback.case_support(tracking_code=case.tracking_code, supporter=device) == (1, True)
    assert feedback.case_support(tracking_code=case.tracking_code.lower(), supporter=device) == (1, False)
    person = feedback.supporter_key(user_id=world.citizen.pk, device="device-one-abcdefgh")
    assert feedback.case_support(tracking_code=case.tracking_code, supporter=person) == (2, True)
    assert CaseSupport.objects.filter(case=case).count() == 2
    assert getattr(selectors_feed.feed_get(tracking_code=case.tracking_code), "support_count") == 2  # noqa: B009
    private = submit(publish=False).case
    with pytest.raises(NotFound):
        feedback.case_support(tracking_code=private.tracking_code, supporter=device)
    with pytest.raises(DomainError) as no_cookie:
        feedback.case_support(tracking_code=case.tracking_code, supporter="")
    assert no_cookie.value.code == codes.REQUIRED


def test_nearby_finds_open_recent_reports_of_the_same_topic_close_by_or_in_the_commune(world: World, frozen_clock):
    point = {"latitude": Decimal("16.463700"), "longitude": Decimal("107.590900")}
    near = public_case(
        title="Gần", topic_code="moi-truong", latitude=Decimal("16.465000"), longitude=Decimal("107.591500")
    )  # fmt: skip  (about 160 m)
    public_case(
        title="Xa",
        topic_code="moi-truong",
        place_text="phuong kim long, hue",
        latitude=Decimal("16.480000"),
        longitude=Decimal("107.560000"),
    )  # fmt: skip  (about 3.7 km)
    same_commune = public_case(title="Cùng phường", topic_code="moi-truong")
    public_case(title="Chủ đề khác", topic_code="dien-nuoc", latitude=Decimal("16.463800"),
                longitude=Decimal("107.590900"))  # fmt: skip
    closed = case_at(Status.CLOSED, handler=world.handler, head=world.head, publish=True, topic_code="moi-truong",
                     latitude=Decimal("16.463700"), longitude=Decimal("107.590900"))  # fmt: skip
    found = selectors_feed.feed_nearby(topic_code="moi-truong", place_unit_id=near.place_unit_id, **point)
    assert [c.title for c in found] == ["Gần", "Cùng phường"]
    assert closed not in found and same_commune.place_unit_id == near.place_unit_id
    # Without a point: the commune's, newest first; nothing without a place at all.
    assert [c.title for c in selectors_feed.feed_nearby(topic_code="moi-truong", place_unit_id=near.place_unit_id)] \
        == ["Cùng phường", "Gần"]  # fmt: skip
    assert selectors_feed.feed_nearby(topic_code="moi-truong") == []
    # Three months on, they are no longer "recent".
    frozen_clock.move_to(dt.datetime(2026, 5, 7, 9, 0, tzinfo=VIETNAM))
    assert selectors_feed.feed_nearby(topic_code="moi-truong", place_unit_id=near.place_unit_id, **point) == []


# "Still not fixed" --------------------------------------------------------------------------------------


def answered(world: World, **overrides: object) -> Case:
    return case_at(Status.ANSWERED, handler=world.handler, head=world.head, publish=True, **overrides)


def test_the_owner_reopens_within_the_window_and_the_case_goes_back_to_the_handler_s_queue(world: World):
    citizen = make_user(username="nguoidan")
    case = answered(world, actor=citizen)
    handling.case_assign(case=case, actor=world.head, handler=world.handler)
    assert case.notified_on == dt.date(2026, 2, 5)
    # 30 days (the rule pakn.mo_lai_chua_xu_ly) end on Saturday 7/3, so the last day is Monday 9/3.
    assert selectors_feed.case_reopen_until(case) == dt.date(2026, 3, 9)

    reopened = feedback.case_reopen_by_citizen(tracking_code=case.tracking_code, actor=citizen,
                                               note="Đèn sáng hai ngày rồi lại tắt.")  # fmt: skip

    assert (reopened.status, reopened.reopened_on) == (Status.REGISTERED, dt.date(2026, 2, 5))
    assert reopened.due_on is not None and reopened.due_step == "pakn.tra_loi"
    event = CaseEvent.objects.filter(case=case).latest("id")
    assert (event.action, event.from_status, event.to_status, event.visibility, event.note, event.data) == (
        "reopen",
        Status.ANSWERED,
        Status.REGISTERED,
        "public",
        "Đèn sáng hai ngày rồi lại tắt.",
        {"by_citizen": True},
    )
    audit = AuditEvent.objects.filter(action="cases.reopen", object_id=str(case.pk)).get()
    assert audit.actor == citizen
    told = Notification.objects.filter(about_id=case.pk, template="reopened", channel="in_app")
    assert [n.recipient for n in told] == [world.handler]
    assert case.tracking_code in told.get().subject


def test_the_holder_of_the_private_link_may_reopen_and_nobody_else(world: World):
    case = answered(world)
    stranger = make_user(username="nguoila")
    for actor, grant in ((stranger, ""), (AnonymousUser(), ""), (AnonymousUser(), "x" * 64), (world.citizen, "")):
        with pytest.raises(NotFound):
            feedback.case_reopen_by_citizen(
                tracking_code=case.tracking_code, actor=actor, grant=grant, note="Vẫn hỏng."
            )
    assert Case.objects.get(pk=case.pk).status == Status.ANSWERED
    feedback.case_reopen_by_citizen(tracking_code=case.tracking_code, actor=AnonymousUser(),
                                    grant=case_link_grant(case), note="Vẫn hỏng.")  # fmt: skip
    assert Case.objects.get(pk=case.pk).status == Status.REGISTERED


def test_after_the_window_the_citizen_is_told_it_has_passed(world: World, frozen_clock):
    case = answered(world)
    grant = case_link_grant(case)
    frozen_clock.move_to(dt.datetime(2026, 3, 9, 9, 0, tzinfo=VIETNAM))  # the last day (30 days, then the weekend)
    assert selectors_feed.case_may_reopen(case)
    frozen_clock.move_to(dt.datetime(2026, 3, 10, 9, 0, tzinfo=VIETNAM))  # the day after
    assert not selectors_feed.case_may_reopen(case)
    with pytest.raises(DomainError) as refused:
        feedback.case_reopen_by_citizen(tracking_code=case.tracking_code, actor=AnonymousUser(), grant=grant,
                                        note="Vẫn hỏng.")  # fmt: skip
    assert refused.value.code == codes.REOPEN_WINDOW_CLOSED


def test_a_complaint_cannot_be_reopened_as_not_fixed_and_an_empty_note_is_refused(world: World):
    complaint = case_at(Status.NOTIFIED, handler=world.handler, head=world.head, track=Track.KHIEU_NAI)
    with pytest.raises(DomainError) as refused:
        feedback.case_reopen_by_citizen(tracking_code=complaint.tracking_code, actor=AnonymousUser(),
                                        grant=case_link_grant(complaint), note="Vẫn chưa.")  # fmt: skip
    assert refused.value.code == codes.TRANSITION_NOT_ALLOWED
    case = answered(world)
    with pytest.raises(DomainError) as empty:
        feedback.case_reopen(case=case, actor=world.handler, note="  ")
    assert empty.value.code == codes.REQUIRED


def test_the_answer_with_photos_after_handling_shows_them_as_after(world: World):
    case = case_at(Status.REGISTERED, handler=world.handler, head=world.head, publish=True, share_photos=True,
                   files=[("truoc.png", png())])  # fmt: skip
    handling.case_answer(case=case, actor=world.handler, answer_text="Đã nạo vét cống.",
                         after_photos=[("sau.png", png())])  # fmt: skip
    rows = list(Attachment.objects.filter(case=case).order_by("id").values_list("kind", "is_public", "name"))
    assert rows == [("evidence", True, "truoc.png"), ("after", True, "sau.png")]
    with pytest.raises(DomainError):
        handling.case_answer(case=case_at(Status.REGISTERED, handler=world.handler, head=world.head), actor=world.handler,
                             answer_text="Xong.", after_photos=[("x.pdf", b"%PDF-1.4 not a pdf")])  # fmt: skip
    assert clock.today() == dt.date(2026, 2, 5)


def test_a_report_moved_to_the_denunciation_track_leaves_nothing_for_the_feed(world: World):
    case = public_case(files=[("a.png", png())], content="Cán bộ phường đòi tiền khi làm giấy tờ cho tôi.")
    assert case.public_text and case.attachments.get().is_public
    handling.case_classify(case=case, actor=world.handler, track=Track.TO_CAO)
    case.refresh_from_db()
    assert (case.publish_wanted, case.public_title, case.public_text) == (False, "", "")
    assert [a.is_public for a in case.attachments.all()] == [False]
    assert list(selectors_feed.feed_list()) == []
    # Back to feedback it stays private: the citizen's wish was for feedback, and it is forgotten.
    handling.case_classify(case=case, actor=world.handler, track=Track.PAKN)
    assert list(selectors_feed.feed_list()) == []


def test_the_handler_corrects_the_public_text_when_publishing_the_answer(world: World):
    case = answered(world, content="Ông Tư bán tạp hóa đầu kiệt để rác tràn ra đường nhiều ngày.")
    assert case.public_text == "Ông Tư bán tạp hóa đầu kiệt để rác tràn ra đường nhiều ngày."  # a name not caught
    handling.case_publish(case=case, actor=world.handler, public_answer="Đã nhắc nhở hộ kinh doanh.",
                          public_text="Một hộ kinh doanh đầu kiệt để rác tràn ra đường nhiều ngày.")  # fmt: skip
    case.refresh_from_db()
    assert case.public_text == "Một hộ kinh doanh đầu kiệt để rác tràn ra đường nhiều ngày."
    with pytest.raises(DomainError) as html:
        handling.case_publish(case=case, actor=world.handler, public_answer="Xong.", public_text="<b>x</b> y z")
    assert html.value.code == codes.HTML


def test_the_published_answer_and_report_may_not_name_the_petitioner(world: World):
    # The feed promises no name or contact: a handler pasting the letter's greeting is refused.
    case = answered(world)
    with pytest.raises(DomainError) as named:
        handling.case_publish(case=case, actor=world.handler,
                              public_answer="Kính gửi ông Nguyễn Văn An: đã thay bóng đèn.")  # fmt: skip
    assert named.value.code == codes.IDENTITY_LEAK
    with pytest.raises(DomainError) as in_report:
        handling.case_publish(case=case, actor=world.handler, public_answer="Đã thay bóng đèn.",
                              public_text=f"Gọi {case.contact_phone} để biết thêm.")  # fmt: skip
    assert in_report.value.code == codes.IDENTITY_LEAK
    case.refresh_from_db()
    assert (case.public_answer, case.published_at) == ("", None)


def test_the_publish_form_is_prefilled_without_the_petitioner_s_details(world: World):
    from danvan.cases.forms.staff import PublishForm

    case = answered(world)
    case.answer_text = "Kính gửi ông Nguyễn Văn An, đã nạo vét cống."
    form = PublishForm(case=case)
    assert "Nguyễn Văn An" not in form.fields["public_answer"].initial
    assert "đã nạo vét cống" in form.fields["public_answer"].initial


def test_a_citizen_signed_in_with_the_petition_s_contact_may_say_still_not_fixed(
    world: World, django_capture_on_commit_callbacks
):
    # The private page shows the case to them (danvan.citizens: a proved phone or email), so its
    # "still not fixed" form must work for them too.
    import re

    from django.core import mail

    from danvan.citizens.contacts import contact_parse
    from danvan.citizens.services import sign_in_code_check, sign_in_code_send

    case = answered(world)
    contact = contact_parse(case.contact_email)
    assert contact is not None
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        sign_in_code_send(contact=contact)
    code = re.search(r"#(\d{6})\s*$", mail.outbox[-1].body)
    assert code is not None
    user = sign_in_code_check(contact=contact, code=code.group(1))
    reopened = feedback.case_reopen_by_citizen(tracking_code=case.tracking_code, actor=user, note="Vẫn tắt.")
    assert reopened.status == Status.REGISTERED
    stranger = make_user(username="nguoila")
    with pytest.raises(NotFound):
        feedback.case_reopen_by_citizen(tracking_code=case.tracking_code, actor=stranger, note="Vẫn tắt.")


def test_a_written_place_names_a_commune_only_when_it_names_exactly_one(world: World):
    from danvan.org.models import AdministrativeUnit

    found = selectors_feed.place_unit_for("phuong phu xuan, hue")
    assert found is not None
    commune = AdministrativeUnit.objects.get(pk=found)
    assert (commune.level, commune.name) == ("commune", "Phường Phú Xuân")
    assert selectors_feed.place_unit_for("Huế") is None  # a province is no commune
    assert selectors_feed.place_unit_for("TP Phú Quốc, Kiên Giang") is None  # an old town: several communes now
    assert selectors_feed.place_unit_for("") is None and selectors_feed.place_unit_for("   ") is None
    assert selectors_feed.place_unit_for("nơi nào đó không có tên") is None
