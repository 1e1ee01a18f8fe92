import pytest
from django.urls import reverse

from danvan.cases.services import handling
from danvan.cases.tests.factories import World, make_world, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db: None) -> World:
    return make_world()


def test_the_handler_prints_the_notice_of_non_acceptance(client, world):
    case = submit(track="khieu_nai").case
    url = reverse("cases:case_notice_not_accepted", args=[case.pk])
    client.force_login(world.handler)
    assert client.get(url).status_code == 404  # not rejected yet
    handling.case_reject(case=case, actor=world.handler, reason="5")
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200 and "THÔNG BÁO" in html and "Điều 11 khoản 5" in html
    assert response["Cache-Control"] == "no-store"


def test_another_body_cannot_print_it(client, world):
    case = submit(track="khieu_nai").case
    handling.case_reject(case=case, actor=world.handler, reason="5")
    client.force_login(world.other_handler)
    assert client.get(reverse("cases:case_notice_not_accepted", args=[case.pk])).status_code == 404
