"""Operator screens: who may see them, what they show, and the calendar form."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from danvan.core.models import AuditEvent
from danvan.deadlines.models import CalendarOverride, CalendarYear

pytestmark = pytest.mark.django_db
D = dt.date

RULES = reverse("deadlines:rule_list")
CAL_2026 = reverse("deadlines:calendar_year", args=[2026])
CAL_2027 = reverse("deadlines:calendar_year", args=[2027])
ADD_2027 = reverse("deadlines:calendar_override_add", args=[2027])
REMOVE_2027 = reverse("deadlines:calendar_override_remove", args=[2027])
ANNOUNCE_2027 = reverse("deadlines:calendar_year_announce", args=[2027])
WITHDRAW_2027 = reverse("deadlines:calendar_year_withdraw", args=[2027])


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


class TestWhoMaySee:
    @pytest.mark.parametrize("url", [RULES, CAL_2026, reverse("deadlines:calendar")])
    def test_anonymous_is_sent_to_log_in(self, client, url):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("web:login"))

    @pytest.mark.parametrize("url", [RULES, CAL_2026])
    def test_a_signed_in_non_staff_user_is_told_not_found(self, citizen, url):
        assert _as(citizen).get(url).status_code == 404

    def test_a_django_model_permission_grants_a_citizen_nothing(self, citizen, django_user_model):
        # Authority comes only from roles (docs/security.md): neither a permission given to the person
        # nor one given to a group they are in opens the rules.
        from django.contrib.auth.models import Group, Permission

        view_rules = Permission.objects.get(codename="view_deadlinerule")
        citizen.user_permissions.add(view_rules)
        group = Group.objects.create(name="doc-quy-tac")
        group.permissions.add(view_rules)
        citizen.groups.add(group)
        citizen = django_user_model.objects.get(pk=citizen.pk)
        assert not citizen.has_perm("deadlines.view_deadlinerule")
        assert _as(citizen).get(RULES).status_code == 404

    def test_an_officer_role_lets_a_user_read_the_rules(self, operator, django_user_model):
        # The operator fixture holds a role and is staff; without the staff flag, the role alone answers.
        django_user_model.objects.filter(pk=operator.pk).update(is_staff=False)
        operator = django_user_model.objects.get(pk=operator.pk)
        assert operator.has_perm("deadlines.view_deadlinerule")
        assert _as(operator).get(RULES).status_code == 200

    @pytest.mark.parametrize("url", [ADD_2027, REMOVE_2027, ANNOUNCE_2027, WITHDRAW_2027])
    def test_anonymous_posts_change_nothing(self, client, url):
        response = client.post(url, {"on": "12/02/2027", "kind": "day_off", "note": "x", "reason": "x",
                                     "announcement": "x"})  # fmt: skip
        assert response.status_code == 302
        assert not CalendarOverride.objects.exists() and not CalendarYear.objects.exists()

    @pytest.mark.parametrize("url", [ADD_2027, ANNOUNCE_2027])
    def test_staff_without_the_permission_may_not_change_the_calendar(self, staff_reader, url):
        response = _as(staff_reader).post(url, {"on": "12/02/2027", "kind": "day_off", "note": "x",
                                                "announcement": "x"})  # fmt: skip
        assert response.status_code == 404
        assert not CalendarOverride.objects.exists() and not CalendarYear.objects.exists()

    def test_the_calendar_forms_need_a_csrf_token(self, operator):
        client = Client(enforce_csrf_checks=True)
        client.force_login(operator)
        assert client.post(ADD_2027, {"on": "12/02/2027", "kind": "day_off", "note": "x"}).status_code == 403
        assert not CalendarOverride.objects.exists()

    def test_reading_pages_refuse_posts(self, operator):
        assert _as(operator).post(RULES).status_code == 405


class TestRulesPage:
    def test_every_rule_is_listed_with_its_legal_basis_and_mark(self, staff_reader):
        response = _as(staff_reader).get(RULES)
        assert response.status_code == 200
        html = response.content.decode()
        assert "Điều 28 Luật Khiếu nại 2011" in html
        assert "Khoản 1 Điều 16 Nghị định 124/2020/NĐ-CP" in html
        assert "Thông tư 07/2013/TT-TTCP" in html  # the other reading
        assert "giai_quyet_lan_1" in html and "xu_ly_ban_dau" in html and "cong_nhan" in html
        assert '<span class="tag tag-warn"' in html  # [S]/[U] rows stand out
        assert '<th scope="col">' in html and '<th scope="row">' in html
        assert "style=" not in html and "<script" not in html

    def test_the_page_loads_in_a_fixed_number_of_queries(self, staff_reader, django_assert_max_num_queries):
        client = _as(staff_reader)
        with django_assert_max_num_queries(8):
            client.get(RULES)


class TestCalendarPage:
    def test_an_announced_year_shows_its_holidays_and_working_saturday(self, staff_reader):
        html = _as(staff_reader).get(CAL_2026).content.decode()
        assert "Giao thừa Tết Nguyên Đán" in html
        assert "22/08/2026" in html and "Ngày làm bù" in html
        assert "Ngày nghỉ (thay cho ngày 22/08/2026)" in html
        assert 'class="tag tag-warn"' not in html
        assert '<form method="post"' not in html  # a reader sees no form

    def test_an_estimated_year_is_flagged(self, staff_reader):
        response = _as(staff_reader).get(CAL_2027)
        assert response.context["view"].estimated
        assert 'class="tag tag-warn"' in response.content.decode()

    def test_without_a_year_the_current_one_is_shown(self, staff_reader, frozen_clock):
        assert _as(staff_reader).get(reverse("deadlines:calendar")).context["view"].year == 2026

    def test_years_outside_the_range_are_not_found(self, staff_reader):
        assert _as(staff_reader).get(reverse("deadlines:calendar_year", args=[1999])).status_code == 404

    def test_an_operator_sees_the_forms(self, operator):
        html = _as(operator).get(CAL_2027).content.decode()
        assert html.count('<form method="post"') >= 2
        assert 'name="csrfmiddlewaretoken"' in html


class TestCalendarEditing:
    def test_add_then_remove_an_override(self, operator):
        client = _as(operator)
        response = client.post(ADD_2027, {"on": "12/02/2027", "kind": "day_off", "note": "Thông báo 1/TB-BNV"})
        assert response.status_code == 302 and response["Location"] == CAL_2027
        assert CalendarOverride.objects.get(on=D(2027, 2, 12)).note == "Thông báo 1/TB-BNV"
        assert "Thông báo 1/TB-BNV" in client.get(CAL_2027).content.decode()
        response = client.post(REMOVE_2027, {"on": "12/02/2027", "reason": "nhập nhầm"})
        assert response.status_code == 302
        assert not CalendarOverride.objects.exists()
        actions = list(AuditEvent.objects.filter(action__startswith="deadlines.").values_list("action", "actor"))
        assert actions == [
            ("deadlines.calendar_override_remove", operator.pk),
            ("deadlines.calendar_override_set", operator.pk),
        ]

    def test_an_invalid_form_is_shown_again_with_its_errors(self, operator):
        response = _as(operator).post(ADD_2027, {"on": "31/02/2027", "kind": "day_off", "note": ""})
        assert response.status_code == 400
        assert response.context["override_form"].errors.keys() == {"on", "note"}
        assert not CalendarOverride.objects.exists()

    def test_a_service_refusal_is_shown_on_the_form(self, operator):
        response = _as(operator).post(REMOVE_2027, {"on": "12/02/2027", "reason": "x"})
        assert response.status_code == 400
        assert response.context["remove_form"].non_field_errors()

    def test_announce_and_withdraw_a_year(self, operator):
        client = _as(operator)
        assert client.post(ANNOUNCE_2027, {"announcement": "Thông báo 9/TB-BNV"}).status_code == 302
        response = client.get(CAL_2027)
        assert not response.context["view"].estimated
        assert "Thông báo 9/TB-BNV" in response.content.decode()
        assert client.post(WITHDRAW_2027, {"reason": "chưa có văn bản"}).status_code == 302
        assert client.get(CAL_2027).context["view"].estimated
