"""The national rule tables ([U]: one row set for the whole country) are edited by whoever holds the table's
model permission (``core.reference_data.may_edit_reference_data``), never through a role over a unit: a
province's dân vận officer or operator with its subtree, and a ward's operator, are refused (404 on the pages,
``forbidden`` in the services, before any input is read); a superuser may; a superuser who is not staff, or
is inactive, may not. A Django permission given to a person grants nothing (docs/security.md, "Authority comes
only from roles"), so no role carrying these permissions, a staff user with it given directly is refused too."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from danvan.core.errors import PermissionDenied
from danvan.emulation import permissions as ep
from danvan.emulation.models import (
    CommendationAuthority,
    CommendationForm,
    CommitmentYear,
    DvkScorecard,
    EvaluationMethodology,
    TrainingRequirement,
)
from danvan.emulation.selectors import commendation as commendation_selectors
from danvan.emulation.selectors import commitments as commitment_selectors
from danvan.emulation.selectors import dvk as dvk_selectors
from danvan.emulation.selectors import evaluation as evaluation_selectors
from danvan.emulation.selectors import training as training_selectors
from danvan.emulation.services import commendation as commendation_services
from danvan.emulation.services import commitments as commitment_services
from danvan.emulation.services import dvk as dvk_services
from danvan.emulation.services import evaluation as evaluation_services
from danvan.emulation.services import training as training_services
from danvan.emulation.tests.national import rule_keeper
from danvan.org.choices import Role
from danvan.org.models import User
from danvan.org.tests.factories import hue_city, make_user, officer, ward_body

pytestmark = pytest.mark.django_db

YEAR_DATES = {"registration_opens_on": dt.date(2030, 1, 1), "registration_closes_on": dt.date(2030, 3, 31),
              "midyear_opens_on": dt.date(2030, 6, 1), "midyear_closes_on": dt.date(2030, 7, 15),
              "yearend_opens_on": dt.date(2030, 11, 1), "yearend_closes_on": dt.date(2030, 12, 20)}  # fmt: skip


def _methodology() -> EvaluationMethodology:
    return EvaluationMethodology.objects.order_by("version").first()  # type: ignore[return-value]


def _authority() -> CommendationAuthority:
    return CommendationAuthority.objects.order_by("pk").first()  # type: ignore[return-value]


# Per table: its model permission, the selector the pages and the menu ask, the edit page, and a service call
# with input that would be refused (so a pass of the permission check could not store anything).
TABLES: dict[str, tuple[str, Callable[[Any], bool], Callable[[], str], Callable[[Any], Any]]] = {
    "methodology": (
        "emulation.change_evaluationmethodology", evaluation_selectors.may_manage_methodology,
        lambda: reverse("emulation:evaluation_methodology_edit", args=[_methodology().pk]),
        lambda u: evaluation_services.methodology_edit(user=u, methodology=_methodology(),
                                                       indicators={"cases_on_time": {"weight": -1}}),
    ),
    "scorecard": (
        "emulation.change_dvkscorecard", dvk_selectors.dvk_may_keep_scorecards,
        lambda: reverse("emulation:dvk_scorecards"),
        lambda u: dvk_services.dvk_scorecard_new_version(actor=u, scorecard=DvkScorecard.objects.get(version=1)),
    ),
    "commitment_year": (
        "emulation.change_commitmentyear", commitment_selectors.may_set_years,
        lambda: reverse("emulation:commitment_years"),
        lambda u: commitment_services.commitment_year_create(user=u, year=1999, max_per_person=9, source="",
                                                             **YEAR_DATES),
    ),
    "training_requirement": (
        "emulation.change_trainingrequirement", training_selectors.edits_requirements,
        lambda: reverse("emulation:training_requirement_edit", args=[TrainingRequirement.objects.first().pk]),
        lambda u: training_services.requirement_add(user=u, role=Role.HEAD, topic=None, source="",
                                                    valid_from=dt.date(2026, 1, 1)),
    ),
    "commendation_form": (
        "emulation.change_commendationform", commendation_selectors.may_manage_forms,
        lambda: reverse("emulation:commendation_forms"),
        lambda u: commendation_services.form_add(actor=u, code="", name="", family="x", levels=[], source=""),
    ),
    "commendation_authority": (
        "emulation.change_commendationauthority", commendation_selectors.may_manage_authorities,
        lambda: reverse("emulation:commendation_authority_edit", args=[_authority().pk]),
        lambda u: commendation_services.authority_update(actor=u, row=_authority(), valid_from=dt.date(2030, 1, 1),
                                                         valid_to=dt.date(2020, 1, 1), source="", verified=True),
    ),
}  # fmt: skip


def _snapshot() -> tuple[Any, ...]:
    return (EvaluationMethodology.objects.count(), DvkScorecard.objects.count(), CommitmentYear.objects.count(),
            TrainingRequirement.objects.count(), CommendationForm.objects.count(),
            list(CommendationAuthority.objects.order_by("pk").values_list("valid_from", "valid_to", "source")))  # fmt: skip


def _with_permission_given_directly(username: str, permission: str) -> User:
    app_label, codename = permission.split(".")
    user = make_user(username=username, is_staff=True)
    user.user_permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return User.objects.get(pk=user.pk)  # a fresh object: no permission cache


def _refused() -> dict[str, Callable[[str], User]]:
    city = hue_city()
    ward = ward_body(city)
    return {
        "the province's dân vận officer with its subtree": lambda _p: officer("dvtinh", Role.DAN_VAN_OFFICER, city,
                                                                               subtree=True),
        "the province's operator with its subtree": lambda _p: officer("vhtinh", Role.OPERATOR, city, subtree=True),
        "a ward's operator": lambda _p: officer("vhphuong", Role.OPERATOR, ward, subtree=True),
        "a staff user given the model permission directly": lambda p: _with_permission_given_directly("quyen", p),
        "a superuser who is not staff": lambda _p: make_user(username="sieu", is_superuser=True, is_staff=False),
        "an inactive superuser": lambda _p: make_user(username="nghi", is_superuser=True, is_staff=True,
                                                      is_active=False),
    }  # fmt: skip


REFUSED = ["the province's dân vận officer with its subtree", "the province's operator with its subtree",
           "a ward's operator", "a staff user given the model permission directly", "a superuser who is not staff",
           "an inactive superuser"]  # fmt: skip


def test_the_tables_name_their_models_permissions() -> None:
    assert {name: row[0] for name, row in TABLES.items()} == {
        "methodology": ep.MANAGE_METHODOLOGY, "scorecard": ep.DVK_KEEP_SCORECARDS,
        "commitment_year": ep.COMMITMENT_YEAR_EDIT, "training_requirement": ep.TRAINING_EDIT_REQUIREMENTS,
        "commendation_form": ep.COMMENDATION_MANAGE_FORMS, "commendation_authority": ep.COMMENDATION_MANAGE_AUTHORITIES,
    }  # fmt: skip
    for permission, *_rest in TABLES.values():
        app_label, codename = permission.split(".")
        assert Permission.objects.filter(content_type__app_label=app_label, codename=codename).exists(), permission


@pytest.mark.parametrize("table", sorted(TABLES))
@pytest.mark.parametrize("who", REFUSED)
def test_no_role_over_a_unit_edits_a_national_table(client, table, who) -> None:
    permission, may, page, call = TABLES[table]
    user = _refused()[who](permission)
    assert may(user) is False
    before = _snapshot()
    with pytest.raises(PermissionDenied) as refused:
        call(user)
    assert refused.value.code == "forbidden"
    assert _snapshot() == before
    client.force_login(user)
    answer = client.get(page())
    # An inactive account is not signed in (sent to log in); anyone else signed in gets "not found".
    assert answer.status_code == (302 if not user.is_active else 404)


@pytest.mark.parametrize("table", sorted(TABLES))
def test_a_superuser_edits_every_national_table(client, table) -> None:
    _permission, may, page, _call = TABLES[table]
    hue_city()
    keeper = rule_keeper()
    assert may(keeper) is True
    client.force_login(keeper)
    assert client.get(page()).status_code == 200


def test_the_menu_shows_the_tables_cards_to_the_rule_keeper_only(client) -> None:
    cards = {"emulation.commitment_years", "emulation.commendation_forms"}
    city = hue_city()
    for user in (officer("dvtinh", Role.DAN_VAN_OFFICER, city, subtree=True),
                 officer("vhtinh", Role.OPERATOR, city, subtree=True)):  # fmt: skip
        client.force_login(user)
        hub = client.get(reverse("emulation:hub"))
        keys = {link.key for link in hub.context["links"]} if hub.status_code == 200 else set()
        assert not keys & cards
    client.force_login(rule_keeper())
    assert cards <= {link.key for link in client.get(reverse("emulation:hub")).context["links"]}
