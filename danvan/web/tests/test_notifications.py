import pytest
from django.urls import reverse

from danvan.cases.models import Notification
from danvan.cases.services import handling
from danvan.cases.tests.conftest import World, make_world, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db: None) -> World:
    return make_world()


def test_a_citizen_sees_the_milestones_of_their_case_and_marks_them_read(
    client, world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        case = submit(actor=world.citizen).case
        handling.case_register(case=case, actor=world.handler)
        handling.case_answer(case=case, actor=world.handler, answer_text="Đã nạo vét cống ngày 10/02.")
    client.force_login(world.citizen)
    html = client.get(reverse("web:notification_list")).content.decode()
    assert case.tracking_code in html
    assert Notification.objects.filter(recipient=world.citizen, read_at__isnull=True).exists()
    client.post(reverse("web:notification_mark_read"))
    assert not Notification.objects.filter(recipient=world.citizen, read_at__isnull=True).exists()


def test_nobody_sees_another_persons_notifications(client, world):
    case = submit(actor=world.citizen).case
    client.force_login(world.handler)
    assert case.tracking_code not in client.get(reverse("web:notification_list")).content.decode()
    client.logout()
    assert client.get(reverse("web:notification_list")).status_code == 302
