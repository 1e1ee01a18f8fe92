"""The step-up second factor: which actions need it (asked of the registry), codes checked, wrong codes
counted and audited, a device reset only within the operator's scope."""

from __future__ import annotations

import datetime as dt

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from danvan.core.errors import DomainError, PermissionDenied
from danvan.core.models import AuditEvent
from danvan.org import errors as codes
from danvan.org import permissions
from danvan.org import second_factor as step_up
from danvan.org.choices import Role
from danvan.org.tests.factories import grant, make_user, organization, province

pytestmark = pytest.mark.django_db


def test_the_actions_that_need_it_are_those_the_registry_marks_sensitive():
    flagged = {name for name, rule in permissions.registered_actions().items() if rule.grant_needs_approval}
    assert flagged and step_up.step_up_actions() == flagged
    assert step_up.needs_second_factor("cases.open_identity")
    assert not step_up.needs_second_factor("org.view_organization")


def test_enrolment_is_confirmed_by_a_current_code_and_audited_without_the_secret(frozen_clock):
    head = make_user(username="chutich")
    device = step_up.device_pending(user=head)
    assert step_up.device_pending(user=head).pk == device.pk  # reloading keeps the same secret
    with pytest.raises(DomainError) as wrong:
        step_up.device_confirm(user=head, code="000000" if step_up.current_code(device) != "000000" else "111111")
    assert wrong.value.code == codes.SECOND_FACTOR_WRONG and step_up.confirmed_device(head) is None
    frozen_clock.shift(dt.timedelta(seconds=30))  # past the throttle delay of the first failure
    step_up.device_confirm(user=head, code=step_up.current_code(device))
    assert step_up.confirmed_device(head) == device
    events = AuditEvent.objects.filter(object_id=str(head.pk)).order_by("pk")
    assert [e.action for e in events] == ["org.second_factor_failure", "org.second_factor_enrol"]
    for event in events:
        assert device.key not in f"{event.before}{event.after}{event.reason}{event.object_repr}"


def test_a_wrong_code_is_refused_audited_and_counted_until_the_device_waits(frozen_clock):
    head = make_user(username="chutich")
    device = TOTPDevice.objects.create(user=head, name="t", confirmed=True)
    right = step_up.current_code(device)
    wrong = "000000" if right != "000000" else "111111"
    with pytest.raises(DomainError) as refused:
        step_up.verify(user=head, code=wrong)
    assert refused.value.code == codes.SECOND_FACTOR_WRONG
    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    failure = AuditEvent.objects.get(action="org.second_factor_failure")
    assert failure.actor == head and (failure.after or {}).get("failures") == 1
    # Throttled: even the right code is refused until the delay (10 s after the first failure) passes.
    with pytest.raises(DomainError) as refused:
        step_up.verify(user=head, code=right)
    assert refused.value.code == codes.SECOND_FACTOR_THROTTLED
    assert AuditEvent.objects.filter(action="org.second_factor_failure").count() == 2
    frozen_clock.shift(dt.timedelta(seconds=60))
    at = step_up.verify(user=head, code=step_up.current_code(device))
    assert step_up.is_recent(head, at)
    assert AuditEvent.objects.filter(action="org.second_factor_verify", actor=head).count() == 1
    device.refresh_from_db()
    assert device.throttling_failure_count == 0


def test_a_code_is_accepted_once(frozen_clock):
    head = make_user(username="chutich")
    device = TOTPDevice.objects.create(user=head, name="t", confirmed=True)
    code = step_up.current_code(device)
    step_up.verify(user=head, code=code)
    with pytest.raises(DomainError) as refused:
        step_up.verify(user=head, code=code)
    assert refused.value.code == codes.SECOND_FACTOR_WRONG


def test_an_operator_resets_a_device_only_within_his_scope():
    """helper A's rule: an operator manages a head only if he could grant the head role himself (he holds
    it over the head's body); the same roles over another province reach nobody here."""
    hue = organization("UBND thành phố Huế", unit=province(46))
    hanoi = organization("UBND thành phố Hà Nội", unit=province(1))
    head, operator_hue, operator_hanoi = make_user(username="chutich"), make_user(username="vh-hue"), make_user(
        username="vh-hanoi")  # fmt: skip
    grant(head, Role.HEAD, hue)
    for operator, body in ((operator_hue, hue), (operator_hanoi, hanoi)):
        grant(operator, Role.OPERATOR, body, subtree=True)
        grant(operator, Role.HEAD, body, subtree=True)
    TOTPDevice.objects.create(user=head, name="t", confirmed=True)
    with pytest.raises(PermissionDenied):
        step_up.device_reset(actor=operator_hanoi, user=head)
    assert step_up.confirmed_device(head) is not None
    assert not AuditEvent.objects.filter(action="org.second_factor_reset").exists()
    assert step_up.device_reset(actor=operator_hue, user=head) == 1
    assert step_up.confirmed_device(head) is None
    event = AuditEvent.objects.get(action="org.second_factor_reset")
    assert event.actor == operator_hue and event.object_id == str(head.pk)
