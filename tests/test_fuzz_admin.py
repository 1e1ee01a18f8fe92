"""Hypothesis against the operators' administration site (/quan-tri/, issue 12, item 10): for every
ModelAdmin registered on ``admin.site``, as the scoped operator of one province and as a superuser, the
changelist's query strings (search, filters, ordering, page, ``_to_field``, date hierarchy), the add and
change forms (fields read from the page, as ``test_fuzz_forms`` does, one or two made nasty), the
changelist's POST (the actions with random selections, and ``list_editable``) and the autocomplete
endpoint. No request may cause a 5xx; a refused POST stores nothing (the model's rows and the audit
log unchanged); the operator of Huế never sees, nor changes, anything of Đà Nẵng. Bounded and
deterministic (``derandomize``), like the other fuzz tests.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.contrib import admin
from django.db.models import Model
from django.test import Client, RequestFactory
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from hypothesis import event, given
from hypothesis import strategies as st

from danvan.cases.models import RoutingRule
from danvan.cases.tests.factories import routed_to
from danvan.core.models import AuditEvent
from danvan.org import permissions, services
from danvan.org.choices import Role
from danvan.org.models import Organization, Position, RoleAssignment, RoleGrantRequest, User
from danvan.org.tests.factories import grant, hue_city, make_user, organization, province, ward_body
from danvan.partners import services as partner_services
from danvan.partners.choices import Scope
from danvan.partners.models import ApiKey
from danvan.surveys.models import Campaign, SurveyTemplate
from tests.fuzz_strategies import SAFE_VALUE, form_data, fuzz, page_forms

pytestmark = pytest.mark.django_db
_address = itertools.count(1)

# Values a changelist understands (a page, an ordering, a year, a boolean) next to the nasty ones.
QUERY_VALUE = st.one_of(SAFE_VALUE, st.sampled_from(["1", "2", "-2.1", "1.-3", "99", "2026", "12", "31", "0",
                                                     "True", "False", "id", "pk", "password", "organization"]))  # fmt: skip


@dataclass
class Page:
    who: str  # "operator" or "superuser"
    model: type[Model]
    url: str
    fields: dict[str, list[Any]]


@dataclass
class AdminWorld:
    clients: dict[str, Client]
    changelists: list[tuple[str, type[Model], str, list[str]]]  # who, model, url, query names
    autocompletes: list[tuple[str, str, str, type[Model]]]  # app_label, model_name, field_name, the remote model
    foreign: dict[type[Model], set[int]]  # Đà Nẵng's objects: never shown to, nor changed by, Huế's operator
    users: dict[str, User]
    _pages: dict[str, list[Page]] = field(default_factory=dict)

    def lists(self) -> list[Page]:
        """The changelists' POST forms (actions, list_editable), read from each changelist once."""
        if "lists" not in self._pages:
            self._pages["lists"] = [
                Page(who, model, path, {**fields, "_save": ["Lưu"]})
                for who, model, url, _names in self.changelists
                for path, fields in self._read(who, url).items() if fields
            ]  # fmt: skip
        return self._pages["lists"]

    def forms(self) -> list[Page]:
        """The add form of every admin, and the change form of the first object each person may open."""
        if "forms" not in self._pages:
            pages = []
            for who, model, _url, _names in self.changelists:
                info = (model._meta.app_label, model._meta.model_name)
                request = RequestFactory().get("/quan-tri/")
                request.user = self.users[who]
                first = admin.site._registry[model].get_queryset(request).order_by("pk").first()
                urls = [reverse("admin:{}_{}_add".format(*info))]
                urls += [reverse("admin:{}_{}_change".format(*info), args=[first.pk])] if first else []
                pages += [Page(who, model, path, fields) for url in urls
                          for path, fields in self._read(who, url).items() if fields]  # fmt: skip
            self._pages["forms"] = pages
        return self._pages["forms"]

    def _read(self, who: str, url: str) -> dict[str, dict[str, list[Any]]]:
        response = self.clients[who].get(url)
        return page_forms(url, response.content.decode()) if response.status_code == 200 else {}


def _foreign_rows(w: AdminWorld) -> list[Any]:
    rows: list[Any] = [list(model._default_manager.filter(pk__in=ids).order_by("pk").values())
                       for model, ids in w.foreign.items()]  # fmt: skip
    rows.append(sorted(TOTPDevice.objects.filter(user_id__in=w.foreign[User]).values_list("pk", flat=True)))
    return rows


def _query_names(model_admin: admin.ModelAdmin) -> list[str]:
    names = ["q", "o", "p", "_to_field", "all", "e", "_popup", "_changelist_filters"]
    for entry in model_admin.list_filter:
        if isinstance(entry, str):
            names += [f"{entry}__{lookup}" for lookup in ("exact", "isnull", "gte", "lt", "id__exact", "in")]
    if model_admin.date_hierarchy:
        names += [f"{model_admin.date_hierarchy}__{part}" for part in ("year", "month", "day")]
    return names


def _client(user: User) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


@pytest.fixture
def aw(db: None) -> Iterator[AdminWorld]:
    hue = hue_city()
    phuong = ward_body(hue)
    danang = organization("UBND thành phố Đà Nẵng", unit=province(48))
    son_tra = organization("UBND Phường Sơn Trà", parent=danang)
    op_hue, op_danang, head_hue, head_danang, handler_danang = (
        make_user(username=n, full_name=f"Cán bộ {n}")
        for n in ("op_hue", "op_danang", "head_hue", "head_danang", "xuly_danang")
    )
    superuser = make_user(username="quantri", is_superuser=True, is_staff=True)
    grant(op_hue, Role.OPERATOR, hue, subtree=True)
    grant(op_danang, Role.OPERATOR, danang, subtree=True)
    grant(head_hue, Role.HEAD, phuong)
    grant(head_danang, Role.HEAD, danang)
    foreign_grant = grant(handler_danang, Role.HANDLER, son_tra)
    sensitive = sorted(permissions.sensitive_roles())[0]
    requests = [services.role_grant_request(actor=superuser, user=who, role=sensitive, organization=where,
                                            reason="Cần xem danh tính người tố cáo.")
                for who, where in ((head_hue, phuong), (head_danang, danang))]  # fmt: skip
    keys = [partner_services.api_key_issue(actor=superuser, organization=where, name=f"Đối tác {where.pk}",
                                           scopes=[Scope.SUBMIT]).api_key
            for where in (phuong, son_tra)]  # fmt: skip
    positions = [Position.objects.create(person=who, organization=where, title="Chủ tịch")
                 for who, where in ((head_hue, phuong), (head_danang, danang))]  # fmt: skip
    rules = [routed_to(where) for where in (phuong, son_tra)]
    template = SurveyTemplate.objects.get(code="sipas-2017")
    campaigns = [Campaign.objects.create(code=f"sipas-{where.pk}", title=f"SIPAS {where.pk}", template=template,
                                         starts_on=dt.date(2026, 1, 1), ends_on=dt.date(2026, 12, 31), owner=where)
                 for where in (hue, danang)]  # fmt: skip
    for person in (head_hue, head_danang):
        TOTPDevice.objects.create(user=person, name="điện thoại", confirmed=True)
    for user in (op_hue, superuser):
        user.refresh_from_db()

    foreign: dict[type[Model], set[int]] = {
        Organization: {danang.pk, son_tra.pk},
        User: {op_danang.pk, head_danang.pk, handler_danang.pk},
        RoleAssignment: set(RoleAssignment.objects.filter(organization__in=[danang, son_tra]).values_list("pk", flat=True)),
        RoleGrantRequest: {requests[1].pk},
        ApiKey: {keys[1].pk},
        Position: {positions[1].pk},
        RoutingRule: {rules[1].pk},
        Campaign: {campaigns[1].pk},
    }  # fmt: skip
    assert foreign_grant.pk in foreign[RoleAssignment]
    clients = {"operator": _client(op_hue), "superuser": _client(superuser)}
    changelists: list[tuple[str, type[Model], str, list[str]]] = []
    autocompletes: list[tuple[str, str, str, type[Model]]] = []
    for model, model_admin in sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label):
        info = (model._meta.app_label, str(model._meta.model_name))
        for field_name in model_admin.autocomplete_fields:
            remote: Any = model._meta.get_field(field_name).related_model
            autocompletes.append((*info, field_name, remote))
        for who in clients:
            changelists.append((who, model, reverse("admin:{}_{}_changelist".format(*info)), _query_names(model_admin)))
    yield AdminWorld(clients, changelists, autocompletes, foreign, {"operator": op_hue, "superuser": superuser})


def _assert_no_leak(w: AdminWorld, who: str, model: type[Model], ids: set[Any], problem: Any) -> None:
    if who == "operator":
        leaked = {str(pk) for pk in w.foreign.get(model, set())} & {str(pk) for pk in ids}
        assert not leaked, (problem, leaked)


def test_the_fuzz_reaches_every_admin_and_no_change_page_of_another_province(aw: AdminWorld) -> None:
    """The world is not empty: every registered admin is fuzzed, the operator opens his share of them and
    forms were read; he reaches no change page of Đà Nẵng's objects."""
    assert {m for _who, m, *_ in aw.changelists} == set(admin.site._registry)
    assert {p.model for p in aw.forms() if p.who == "operator"} >= {
        Organization, RoleAssignment, RoleGrantRequest, User, ApiKey, Position, RoutingRule, Campaign}  # fmt: skip
    assert {p.model for p in aw.lists() if p.who == "operator"} >= {RoleGrantRequest, User, ApiKey}  # the actions
    assert len(aw.forms()) >= 20 and aw.autocompletes
    for model, ids in aw.foreign.items():
        for pk in ids:
            url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[pk])
            response = aw.clients["operator"].get(url)
            assert response.status_code in {302, 403, 404}, (url, response.status_code)


@fuzz(200)
@given(data=st.data())
def test_changelist_query_strings_never_fail_nor_leak(aw: AdminWorld, data: Any) -> None:
    who, model, url, names = data.draw(st.sampled_from(aw.changelists))
    query = data.draw(st.dictionaries(st.sampled_from(names), QUERY_VALUE, max_size=4))
    response = aw.clients[who].get(url, query)
    event(f"{who} GET {response.status_code}")
    problem = (who, url, query, response.status_code)
    assert response.status_code < 500, (*problem, response.content[:400])
    if response.status_code == 200 and response.context and "cl" in response.context:
        _assert_no_leak(aw, who, model, {obj.pk for obj in response.context["cl"].result_list}, problem)


def _post(w: AdminWorld, page: Page, data: dict[str, Any]) -> None:
    client = w.clients[page.who]
    client.defaults["REMOTE_ADDR"] = f"10.7.{next(_address) % 250}.1"
    before = (page.model._default_manager.count(), AuditEvent.objects.count())
    foreign_before = _foreign_rows(w)
    response = client.post(page.url, data)
    event(f"{page.who} POST {response.status_code}")  # --hypothesis-show-statistics: how many posts were saved
    problem = (page.who, page.url, data, response.status_code)
    assert response.status_code < 500, (*problem, response.content[:400])
    if response.status_code != 302:  # the admin answers a refused form with the form again (200) or a 4xx
        assert (page.model._default_manager.count(), AuditEvent.objects.count()) == before, problem
    if page.who == "operator":
        assert _foreign_rows(w) == foreign_before, problem


@fuzz(300)
@given(data=st.data())
def test_add_and_change_forms_never_fail_and_a_refusal_stores_nothing(aw: AdminWorld, data: Any) -> None:
    page = data.draw(st.sampled_from(aw.forms()))
    _post(aw, page, data.draw(form_data(page.fields)))


@fuzz(150)
@given(data=st.data())
def test_actions_with_random_selections_never_fail_nor_touch_another_province(aw: AdminWorld, data: Any) -> None:
    page = data.draw(st.sampled_from(aw.lists()))
    offered = [v for v in page.fields.get("_selected_action", []) if isinstance(v, str)]
    foreign = [str(pk) for pk in aw.foreign.get(page.model, set())]
    selection = st.lists(st.one_of(st.sampled_from([*offered, *foreign, "0"]), SAFE_VALUE), max_size=4)
    actions = [v for v in page.fields.get("action", []) if v]
    if actions and data.draw(st.booleans()):
        post: dict[str, Any] = {
            "action": data.draw(st.one_of(st.sampled_from(actions), SAFE_VALUE)),
            "_selected_action": data.draw(selection), "index": data.draw(st.sampled_from(["0", "1", "x"])),
            "select_across": data.draw(st.sampled_from(["0", "1"])),
        }  # fmt: skip
        if data.draw(st.booleans()):
            post["post"] = "yes"  # the confirmation of a deletion
    else:  # list_editable, or whatever else the changelist form offers
        post = data.draw(form_data(page.fields))
    _post(aw, page, post)


@fuzz(150)
@given(data=st.data())
def test_autocomplete_never_fails_nor_leaks(aw: AdminWorld, data: Any) -> None:
    app_label, model_name, field_name, remote = data.draw(st.sampled_from(aw.autocompletes))
    query = {"app_label": app_label, "model_name": model_name, "field_name": field_name,
             "term": data.draw(st.one_of(st.sampled_from(["", "a", "Đà", "Nẵng", "Huế", "UBND", "head"]), SAFE_VALUE))}  # fmt: skip
    for name in data.draw(st.lists(st.sampled_from([*query, "page"]), max_size=2)):
        query[name] = data.draw(QUERY_VALUE)
    who = data.draw(st.sampled_from(["operator", "superuser"]))
    response = aw.clients[who].get("/quan-tri/autocomplete/", query)
    event(f"{who} GET {response.status_code}")
    problem = (who, query, response.status_code)
    assert response.status_code < 500, (*problem, response.content[:400])
    if response.status_code == 200:
        _assert_no_leak(aw, who, remote, {item["id"] for item in response.json()["results"]}, problem)
