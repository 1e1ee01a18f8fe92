"""The sealed identity: only the head (or the clerk the head designates) opens it, with a reason, logged."""

import pytest

from danvan.cases.choices import Track
from danvan.cases.services import protection
from danvan.cases.tests.conftest import submit
from danvan.core.errors import DomainError, NotFound
from danvan.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_the_head_opens_the_identity_with_a_reason_and_it_is_logged(world):
    case = submit(track=Track.TO_CAO).case
    with pytest.raises(DomainError):
        protection.identity_open(case=case, actor=world.head, reason="xem")
    identity = protection.identity_open(case=case, actor=world.head, reason="Mời người tố cáo đến làm việc")
    assert identity["name"] == "Nguyễn Văn An" and identity["phone"] == "0912345678"
    event = AuditEvent.objects.get(action="cases.identity_open")
    assert event.actor == world.head and event.reason == "Mời người tố cáo đến làm việc"
    assert "Nguyễn" not in str(event.after) and list(protection.identity_accesses(case)) == [event]


@pytest.mark.parametrize("who", ["handler", "other_handler", "inspector", "dan_van", "citizen"])
def test_nobody_else_may_open_it_and_the_answer_is_not_found(world, who):
    case = submit(track=Track.TO_CAO).case
    with pytest.raises(NotFound):
        protection.identity_open(case=case, actor=getattr(world, who), reason="Tôi muốn biết ai tố cáo")
    assert not AuditEvent.objects.filter(action="cases.identity_open").exists()


def test_a_clerk_designated_by_the_head_may_open_it(world):
    case = submit(track=Track.TO_CAO).case
    protection.identity_clerk_designate(case=case, actor=world.head, clerk=world.handler, reason="Văn thư mật")
    case.refresh_from_db()
    assert protection.identity_open(case=case, actor=world.handler, reason="Gửi thông báo thụ lý")["name"]
