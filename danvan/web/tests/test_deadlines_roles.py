"""The deadlines screens answer from org roles (through org.backends.RoleBackend): every officer
reads the rules, only operators change the national calendar."""

import pytest

from danvan.core.models import AuditEvent
from danvan.org.choices import Role
from danvan.org.tests.factories import grant, make_user, organization

pytestmark = pytest.mark.django_db

RULES, CAL_2027, ADD_2027 = "/han-xu-ly/", "/han-xu-ly/lich/2027/", "/han-xu-ly/lich/2027/ngay/them/"
OVERRIDE = {"on": "12/02/2027", "kind": "day_off", "note": "Thông báo lịch nghỉ Tết 2027"}


def test_a_handler_reads_the_rules_and_the_calendar_but_cannot_change_it(client):
    handler = make_user()
    grant(handler, Role.HANDLER, organization("UBND Phường Phú Xuân"))
    client.force_login(handler)
    assert client.get(RULES).status_code == 200
    assert client.get(CAL_2027).status_code == 200
    assert client.post(ADD_2027, OVERRIDE).status_code == 404
    assert not AuditEvent.objects.filter(action__startswith="deadlines.").exists()


def test_an_operator_changes_the_calendar_and_the_change_is_audited(client):
    operator = make_user()
    grant(operator, Role.OPERATOR, organization("UBND thành phố Huế"), subtree=True)
    client.force_login(operator)
    assert client.post(ADD_2027, OVERRIDE).status_code == 302
    event = AuditEvent.objects.get(action="deadlines.calendar_override_set")
    assert event.actor == operator


def test_a_citizen_and_anonymous_see_nothing(client):
    assert client.get(RULES).status_code == 302  # to the login page
    client.force_login(make_user())
    assert client.get(RULES).status_code == 404


def test_the_staff_menu_links_to_the_deadlines_for_officers_only(client):
    handler = make_user()
    grant(handler, Role.HANDLER, organization("UBND Phường Phú Xuân"))
    client.force_login(handler)
    assert 'href="/han-xu-ly/"' in client.get("/").content.decode()
    client.force_login(make_user())
    assert 'href="/han-xu-ly/"' not in client.get("/").content.decode()
