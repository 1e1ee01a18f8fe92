"""The surveys commands and the operators' admin."""

import datetime as dt

import pytest
from django.core.management import call_command

from danvan.core import events
from danvan.org.choices import Role
from danvan.org.tests.factories import commune, grant, make_user, organization
from danvan.surveys.models import IndexSnapshot, Methodology, SurveyTemplate
from danvan.surveys.services import invitations, responses

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


def test_seeded_templates_follow_the_spec():
    sipas = SurveyTemplate.objects.get(code="sipas-2017")
    assert sipas.factors.count() == 5 and sipas.criteria.count() == 22
    assert all(c.aspects == ["assessment", "satisfaction", "expectation"] for c in sipas.criteria.all())
    rating = SurveyTemplate.objects.get(code="case-rating")
    assert rating.criteria.filter(factor__isnull=True).count() == 1  # the overall question
    assert rating.methodology.satisfied_values == [4, 5] and rating.methodology.mark == "U"


def test_surveys_refresh_recomputes_every_scope(capsys):
    body = organization("UBND Phường Phú Xuân", unit=commune(19753))
    events.publish("cases.case_answered", events.payload("cases.case_answered", case_id=1, organization_id=body.pk,
                   unit_id=commune(19753).pk, track="pakn", topic="", handler_id=None))  # fmt: skip
    codes = SurveyTemplate.objects.get(code="case-rating").criteria.values_list("code", flat=True)
    responses.rating_submit(token=invitations.rating_token(1), answers={(c, "satisfaction"): 4 for c in codes})
    IndexSnapshot.objects.all().delete()
    call_command("surveys_refresh", "--from-year", "2026", "--to-year", "2026")
    assert "Đã tính lại" in capsys.readouterr().out
    kinds = set(IndexSnapshot.objects.values_list("scope_kind", "period_kind"))
    assert ("organization", "month") in kinds and ("unit", "year") in kinds and ("service", "quarter") in kinds
    assert IndexSnapshot.objects.get(scope_kind="service", period_kind="year").scope_key == "pakn"


def test_surveys_schedule_queues_one_refresh(settings, capsys):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from django_tasks_db.models import DBTaskResult

    call_command("surveys_schedule")
    call_command("surveys_schedule")
    assert DBTaskResult.objects.filter(task_path="danvan.surveys.tasks.snapshots_refresh_recent").count() == 1
    assert "đang chờ" in capsys.readouterr().out


def test_a_methodology_in_use_is_frozen_in_the_admin(client):
    operator = make_user(username="vanhanh")
    grant(operator, Role.OPERATOR, organization("Sở Nội vụ"))
    client.force_login(operator)
    methodology = Methodology.objects.get(code="sipas")
    page = client.get(f"/quan-tri/surveys/methodology/{methodology.pk}/change/")
    assert page.status_code == 200 and b'name="min_sample"' in page.content
    IndexSnapshot.objects.create(methodology=methodology, template=SurveyTemplate.objects.get(code="case-rating"),
                                 scope_kind="service", scope_key="pakn", period_kind="year",
                                 period_start=dt.date(2026, 1, 1), respondents=1, too_few=True)  # fmt: skip
    page = client.get(f"/quan-tri/surveys/methodology/{methodology.pk}/change/")
    assert b'name="min_sample"' not in page.content and b"_saveasnew" in page.content


def test_responses_and_invitations_have_no_admin(client):
    superuser = make_user(username="root", is_superuser=True, is_staff=True)
    client.force_login(superuser)
    assert client.get("/quan-tri/surveys/response/").status_code == 404
    assert client.get("/quan-tri/surveys/invitation/").status_code == 404
