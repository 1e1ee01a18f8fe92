"""Every change to the deadline data is checked, validated and audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from danvan.core.errors import DomainError, NotFound, PermissionDenied
from danvan.core.models import AuditEvent
from danvan.deadlines import errors as codes
from danvan.deadlines import services
from danvan.deadlines.models import CalendarOverride, CalendarYear, DeadlineRule
from danvan.deadlines.rules import RULE_PROBLEMS

pytestmark = pytest.mark.django_db
D = dt.date


def _events(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action).order_by("id"))


def _values(snapshot: Any) -> dict[str, Any]:
    assert isinstance(snapshot, dict)
    return snapshot


class TestCalendarOverrides:
    def test_set_creates_and_audits(self, operator):
        override = services.calendar_override_set(
            actor=operator, on=D(2027, 2, 12), kind="day_off", note="Thông báo 1/TB-BNV"
        )
        assert CalendarOverride.objects.get(on=D(2027, 2, 12)).kind == "day_off"
        [event] = _events("deadlines.calendar_override_set")
        assert (event.actor, event.object_id, event.before) == (operator, str(override.pk), None)
        assert event.after == {"on": "2027-02-12", "kind": "day_off", "note": "Thông báo 1/TB-BNV"}
        assert event.reason == "Thông báo 1/TB-BNV"

    def test_set_again_replaces_and_keeps_the_before(self, operator):
        services.calendar_override_set(actor=operator, on=D(2027, 2, 12), kind="day_off", note="a")
        services.calendar_override_set(actor=operator, on=D(2027, 2, 12), kind="working_day", note="b", reason="sửa")
        assert CalendarOverride.objects.count() == 1
        event = _events("deadlines.calendar_override_set")[-1]
        assert (_values(event.before)["kind"], _values(event.after)["kind"], event.reason) == (
            "day_off",
            "working_day",
            "sửa",
        )

    def test_setting_the_same_thing_twice_writes_one_event(self, operator):
        for _ in range(2):
            services.calendar_override_set(actor=operator, on=D(2027, 2, 12), kind="day_off", note="a")
        assert len(_events("deadlines.calendar_override_set")) == 1

    @pytest.mark.parametrize(
        ("kwargs", "code"),
        [
            ({"on": D(2027, 2, 12), "kind": "holiday", "note": "a"}, "bad_kind"),
            ({"on": D(2027, 2, 12), "kind": "day_off", "note": "  "}, "note_required"),
            ({"on": D(1999, 2, 12), "kind": "day_off", "note": "a"}, "bad_year"),
        ],
    )
    def test_bad_input_changes_nothing(self, operator, kwargs, code):
        with pytest.raises(DomainError) as error:
            services.calendar_override_set(actor=operator, **kwargs)
        assert error.value.code == code
        assert not CalendarOverride.objects.exists() and not _events("deadlines.calendar_override_set")

    def test_remove_needs_a_reason_and_is_audited(self, operator):
        services.calendar_override_set(actor=operator, on=D(2027, 2, 12), kind="day_off", note="a")
        with pytest.raises(DomainError) as error:
            services.calendar_override_remove(actor=operator, on=D(2027, 2, 12), reason=" ")
        assert error.value.code == codes.REASON_REQUIRED
        services.calendar_override_remove(actor=operator, on=D(2027, 2, 12), reason="nhập nhầm")
        assert not CalendarOverride.objects.exists()
        [event] = _events("deadlines.calendar_override_remove")
        assert (_values(event.before)["kind"], event.reason) == ("day_off", "nhập nhầm")
        with pytest.raises(NotFound):
            services.calendar_override_remove(actor=operator, on=D(2027, 2, 12), reason="lần nữa")

    def test_only_staff_with_the_permission_may_change_the_calendar(self, staff_reader, citizen):
        from django.contrib.auth.models import AnonymousUser

        for actor in (staff_reader, citizen, AnonymousUser()):
            with pytest.raises(PermissionDenied):
                services.calendar_override_set(actor=actor, on=D(2027, 2, 12), kind="day_off", note="a")
        assert not CalendarOverride.objects.exists()

    def test_the_system_may_change_it_and_is_audited_as_system(self):
        services.calendar_override_set(actor=None, on=D(2027, 2, 12), kind="day_off", note="a")
        assert _events("deadlines.calendar_override_set")[0].actor_label == "system"


class TestCalendarYears:
    def test_announce_and_withdraw(self, operator):
        services.calendar_year_announce(actor=operator, year=2027, announcement="Thông báo 6150/TB-BLĐTBXH")
        assert CalendarYear.objects.get(year=2027).announcement == "Thông báo 6150/TB-BLĐTBXH"
        services.calendar_year_withdraw(actor=operator, year=2027, reason="nhầm năm")
        assert not CalendarYear.objects.exists()
        assert len(_events("deadlines.calendar_year_announce")) == 1
        assert _values(_events("deadlines.calendar_year_withdraw")[0].before)["year"] == 2027

    def test_announce_needs_the_document(self, operator):
        with pytest.raises(DomainError) as error:
            services.calendar_year_announce(actor=operator, year=2027, announcement="")
        assert error.value.code == codes.ANNOUNCEMENT_REQUIRED

    def test_withdrawing_an_unknown_year(self, operator):
        with pytest.raises(NotFound):
            services.calendar_year_withdraw(actor=operator, year=2027, reason="x")

    def test_readers_may_not_announce(self, staff_reader):
        with pytest.raises(PermissionDenied):
            services.calendar_year_announce(actor=staff_reader, year=2027, announcement="x")


class TestRuleUpdate:
    def _rule(self) -> DeadlineRule:
        return DeadlineRule.objects.get(procedure="khieu_nai", step="thu_ly_lan_1", regime="R2026")

    def test_update_changes_only_what_is_given_and_audits_the_difference(self, operator):
        rule = self._rule()
        services.deadline_rule_update(
            actor=operator, rule=rule, changes={"confidence": "V", "source": "Công báo số 1"}, reason="đã đối chiếu"
        )
        rule.refresh_from_db()
        assert (rule.confidence, rule.source, rule.period) == ("V", "Công báo số 1", 7)
        [event] = _events("deadlines.rule_update")
        assert event.before == {"confidence": "S", "source": "M26 (chỉ một nguồn, cần đối chiếu Công báo)"}
        assert event.after == {"confidence": "V", "source": "Công báo số 1"}
        assert event.reason == "đã đối chiếu"

    def test_no_change_no_event(self, operator):
        services.deadline_rule_update(actor=operator, rule=self._rule(), changes={"period": 7}, reason="x")
        assert not _events("deadlines.rule_update")

    @pytest.mark.parametrize(
        "changes",
        [
            {"period": None},
            {"reading": "alternative", "alt_period": None, "alt_unit": None},
            {"max_extensions_complex": 2},
            {"warn_percent": 100},
            {"unit": "weeks"},
            {"legal_basis": ""},
        ],
    )
    def test_a_row_the_engine_could_not_use_is_refused(self, operator, changes):
        rule = self._rule()
        with pytest.raises(DomainError) as error:
            services.deadline_rule_update(actor=operator, rule=rule, changes=changes, reason="x")
        assert error.value.code == codes.INVALID_RULE
        rule.refresh_from_db()
        assert rule.period == 7 and rule.reading == "stricter"
        assert not _events("deadlines.rule_update")

    def test_the_key_cannot_be_edited(self, operator):
        with pytest.raises(DomainError) as error:
            services.deadline_rule_update(actor=operator, rule=self._rule(), changes={"regime": "R2014"}, reason="x")
        assert error.value.code == codes.FIELD_NOT_EDITABLE

    def test_a_reason_is_required(self, operator):
        with pytest.raises(DomainError) as error:
            services.deadline_rule_update(actor=operator, rule=self._rule(), changes={"period": 8}, reason="")
        assert error.value.code == codes.REASON_REQUIRED

    def test_readers_may_not_edit_rules(self, staff_reader):
        with pytest.raises(PermissionDenied):
            services.deadline_rule_update(actor=staff_reader, rule=self._rule(), changes={"period": 8}, reason="x")


def test_every_problem_code_has_a_message():
    assert set(services.RULE_PROBLEM_MESSAGES) == RULE_PROBLEMS
