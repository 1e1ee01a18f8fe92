"""Merging a duplicate (issue 14, item 8): closed as a duplicate of another case, linked both ways, the
petitioner told in plain words; refused with its own code wherever it is not possible."""

from __future__ import annotations

import pytest
from django.urls import reverse

from danvan.cases import errors as codes
from danvan.cases.choices import Status, Track
from danvan.cases.models import Case
from danvan.cases.services import handling
from danvan.cases.services.duplicates import case_merge_duplicate
from danvan.cases.tests.factories import make_world, submit
from danvan.core.errors import DomainError, PermissionDenied
from danvan.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return make_world()


def test_a_duplicate_is_closed_linked_both_ways_and_its_petitioner_told(world):
    original = submit(title="Ngập nước kiệt 12").case
    repeat = submit(title="Kiệt 12 lại ngập", email="binh@example.vn", phone="0905123456").case
    case_merge_duplicate(case=repeat, actor=world.handler, original=original.tracking_code.lower())
    repeat.refresh_from_db()
    assert (repeat.status, repeat.duplicate_of) == (Status.CLOSED, original) and repeat.closed_at is not None
    assert list(original.duplicates.all()) == [repeat]
    said = repeat.events.get(action="merge_duplicate")
    assert (said.visibility, said.from_status, said.to_status) == ("public", "received", "closed")
    assert (
        said.note == f"Đơn có cùng nội dung với hồ sơ {original.tracking_code} nên được giải quyết chung với hồ sơ đó."
    )
    other_side = original.events.get(action="duplicate_merged")
    assert other_side.visibility == "internal" and other_side.data == {
        "duplicate": repeat.pk,
        "code": repeat.tracking_code,
    }
    email = Notification.objects.get(about_id=repeat.pk, template="merged", channel=Notification.Channel.EMAIL)
    assert email.subject == (
        f"Đơn của Ông/Bà được giải quyết chung với hồ sơ {original.tracking_code} – mã hồ sơ {repeat.tracking_code}"
    )
    assert "Ông/Bà không cần gửi lại đơn." in email.body and "để được xem xét lại" in email.body
    sms = Notification.objects.get(about_id=repeat.pk, template="merged", channel=Notification.Channel.SMS)
    assert sms.body.startswith(
        f"Dân Vận Số: đơn {repeat.tracking_code} trùng nội dung với hồ sơ {original.tracking_code}"
    )


def test_a_complaint_merged_is_not_told_the_other_complaint_s_code(world):
    # Another complainant's case is not this one's to know: the note and the messages name no code.
    original = submit(track=Track.KHIEU_NAI, title="Khiếu nại thu hồi đất").case
    repeat = submit(track=Track.KHIEU_NAI, title="Khiếu nại lần nữa", email="binh@example.vn",
                    phone="0905123456").case  # fmt: skip
    case_merge_duplicate(case=repeat, actor=world.handler, original=original.tracking_code)
    said = repeat.events.get(action="merge_duplicate")
    assert said.visibility == "public" and original.tracking_code not in said.note
    for row in Notification.objects.filter(about_id=repeat.pk, template="merged"):
        assert original.tracking_code not in f"{row.subject} {row.body}", row.channel
    email = Notification.objects.get(about_id=repeat.pk, template="merged", channel=Notification.Channel.EMAIL)
    assert email.subject == (
        f"Đơn của Ông/Bà được giải quyết chung với một hồ sơ đã tiếp nhận – mã hồ sơ {repeat.tracking_code}"
    )


def _refused(world, case, original, *, actor=None) -> str:
    with pytest.raises(DomainError) as refused:
        case_merge_duplicate(case=case, actor=actor or world.handler, original=original)
    case.refresh_from_db()
    assert case.status != Status.CLOSED and case.duplicate_of is None
    return refused.value.code


def test_refusals_each_say_why(world):
    first, second, third = (submit().case for _ in range(3))
    assert _refused(world, first, first.tracking_code) == codes.DUPLICATE_SELF
    assert _refused(world, first, "PA-0000-ZZZZZZ") == codes.DUPLICATE_UNKNOWN
    complaint = submit(track=Track.KHIEU_NAI).case
    assert _refused(world, first, complaint.tracking_code) == codes.DUPLICATE_TRACK
    case_merge_duplicate(case=second, actor=world.handler, original=first.tracking_code)
    assert _refused(world, third, second.tracking_code) == codes.DUPLICATE_CHAIN
    assert _refused(world, first, third.tracking_code) == codes.DUPLICATE_HAS_DUPLICATES


def test_a_case_of_another_body_is_unknown_to_the_handler(world):
    mine = submit().case
    theirs = submit().case
    handling.case_transfer(case=theirs, actor=world.handler, to=world.other, reason="Thuộc phường Kim Long")
    assert _refused(world, mine, theirs.tracking_code) == codes.DUPLICATE_UNKNOWN


def test_an_accepted_complaint_is_no_longer_merged(world):
    original, repeat = submit(track=Track.KHIEU_NAI).case, submit(track=Track.KHIEU_NAI).case
    handling.case_accept(case=repeat, actor=world.handler)
    assert _refused(world, repeat, original.tracking_code) == codes.TRANSITION_NOT_ALLOWED


def test_the_dan_van_officer_is_refused_as_forbidden(world):
    original, repeat = submit().case, submit().case
    with pytest.raises(PermissionDenied) as refused:
        case_merge_duplicate(case=repeat, actor=world.dan_van, original=original.tracking_code)
    assert refused.value.code == "forbidden"
    assert Case.objects.get(pk=repeat.pk).status == Status.RECEIVED


def test_the_case_page_offers_the_step_and_shows_the_links(client, world):
    original, repeat = submit().case, submit().case
    client.force_login(world.handler)
    url = reverse("cases:case_act", args=[repeat.pk, "merge_duplicate"])
    response = client.post(url, {"merge_duplicate-original": original.tracking_code, "merge_duplicate-note": ""})
    assert response.status_code == 302
    page = client.get(reverse("cases:case_detail", args=[repeat.pk])).content.decode()
    assert f'href="/van-hanh/ho-so/{original.pk}/">{original.tracking_code}</a>' in page
    page = client.get(reverse("cases:case_detail", args=[original.pk])).content.decode()
    assert f'href="/van-hanh/ho-so/{repeat.pk}/">{repeat.tracking_code}</a>' in page
