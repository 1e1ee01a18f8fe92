"""Officers are told in the app when a case becomes theirs (issue 14, item 8): assigned, transferred to
their body, due soon, overdue. A few readable lines, the link to the case, nothing of the petitioner."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.cases.models import Case
from danvan.cases.services import handling
from danvan.cases.services.sweep import cases_sweep
from danvan.cases.tests.factories import make_world, submit
from danvan.core import clock
from danvan.notifications.models import Notification

pytestmark = pytest.mark.django_db
IN_APP = Notification.Channel.IN_APP


@pytest.fixture
def world():
    return make_world()


def _in_app(user) -> list[Notification]:
    return list(Notification.objects.filter(recipient=user, channel=IN_APP).order_by("id"))


def test_the_assigned_handler_is_told_in_the_app(world):
    case = submit(name="Nguyễn Văn An", phone="0912345678").case
    handling.case_assign(case=case, actor=world.head, handler=world.handler)
    case.refresh_from_db()
    [note] = _in_app(world.handler)
    assert note.subject == f"Hồ sơ {case.tracking_code} được giao cho đồng chí"
    assert note.body == (
        f"{world.head} đã giao cho đồng chí giải quyết hồ sơ {case.tracking_code} (Phản ánh, kiến nghị). "
        f"Hạn giải quyết theo luật: {case.due_on:%d/%m/%Y}."
    )
    assert (note.link, note.about_kind, note.about_id) == (f"/van-hanh/ho-so/{case.pk}/", "cases.case", case.pk)
    assert not Notification.objects.filter(template="assigned").exclude(channel=IN_APP).exists()
    assert _in_app(world.head) == []


def test_a_head_who_takes_a_case_himself_gets_no_message(world):
    case = submit().case
    handling.case_assign(case=case, actor=world.head, handler=world.head)
    assert _in_app(world.head) == []


def test_the_receiving_body_is_told_of_a_transfer(world):
    case = submit(name="Nguyễn Văn An").case
    handling.case_transfer(case=case, actor=world.handler, to=world.other, reason="Thuộc địa bàn phường Kim Long.")
    case.refresh_from_db()
    [note] = _in_app(world.other_handler)  # Kim Long has no head: its handler is told
    assert note.subject == f"Hồ sơ {case.tracking_code} đã được chuyển đến {world.other.name}"
    assert note.body == (
        f"{world.phuong.name} đã chuyển hồ sơ {case.tracking_code} (Phản ánh, kiến nghị) đến cơ quan của đồng chí. "
        f"Lý do: Thuộc địa bàn phường Kim Long. Hạn giải quyết theo luật: {case.due_on:%d/%m/%Y}. "
        "Đề nghị giao hồ sơ cho cán bộ xử lý."
    )
    assert note.link == f"/van-hanh/ho-so/{case.pk}/" and "Nguyễn Văn An" not in note.body
    # Nobody of the sending body, nor the province's subtree officers, is told.
    assert _in_app(world.handler) == [] and _in_app(world.inspector) == []


def test_a_transfer_tells_the_heads_of_the_receiving_body_when_it_has_some(world):
    from danvan.org.choices import Role
    from danvan.org.tests.factories import officer

    head = officer("chutich2", Role.HEAD, world.other)
    case = submit().case
    handling.case_transfer(case=case, actor=world.handler, to=world.other, reason="Sai địa bàn")
    assert [n.template for n in _in_app(head)] == ["transferred_in"] and _in_app(world.other_handler) == []


def test_an_overdue_case_tells_the_heads_in_a_few_readable_lines(world):
    world.head.email = "chutich@phuxuan.example.vn"
    world.head.save(update_fields=["email"])
    case = submit(name="Nguyễn Văn An").case
    due = clock.today() - dt.timedelta(days=2)
    Case.objects.filter(pk=case.pk).update(due_on=due)
    cases_sweep(today=clock.today())
    [note] = _in_app(world.head)
    assert note.subject == f"Hồ sơ {case.tracking_code} đã quá hạn"
    assert note.body == (
        f"Hồ sơ {case.tracking_code} (Phản ánh, kiến nghị) do {world.phuong.name} giải quyết đã quá hạn giải quyết "
        f"theo quy định. Hạn giải quyết theo luật: {due:%d/%m/%Y}. Đề nghị đồng chí chỉ đạo giải quyết ngay."
    )
    assert note.link == f"/van-hanh/ho-so/{case.pk}/"
    letter = Notification.objects.get(template="escalation_overdue", channel=Notification.Channel.EMAIL,
                                      address="chutich@phuxuan.example.vn")  # fmt: skip
    assert "Kính gửi" in letter.body  # the email keeps the full letter
