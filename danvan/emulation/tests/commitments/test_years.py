"""A year's settings (the limit per person, the registration and review windows): created and changed by
whoever holds the model permission (a national rule table, not a province's officer), before the year's registration opens; each
refusal with its code, refusals per role and unit before any input is read; the pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.urls import reverse

from danvan.core.errors import DomainError, PermissionDenied
from danvan.core.models import AuditEvent
from danvan.emulation import errors as codes
from danvan.emulation.models import CommitmentYear
from danvan.emulation.rules import commitments as rules
from danvan.emulation.services import commitments as services
from danvan.emulation.tests.commitments.factories import world
from danvan.emulation.tests.national import rule_keeper
from danvan.org.choices import Role
from danvan.org.tests.factories import officer

pytestmark = pytest.mark.django_db


def dates(year: int, **changes: dt.date) -> dict[str, dt.date]:
    return {"registration_opens_on": dt.date(year, 1, 1), "registration_closes_on": dt.date(year, 3, 31),
            "midyear_opens_on": dt.date(year, 6, 1), "midyear_closes_on": dt.date(year, 7, 15),
            "yearend_opens_on": dt.date(year, 11, 1), "yearend_closes_on": dt.date(year, 12, 20)} | changes  # fmt: skip


@pytest.fixture
def w():
    return world()


@pytest.fixture
def keeper():
    return rule_keeper()


def test_the_rule_keeper_creates_next_year_s_settings_audited(w, keeper, frozen_clock):
    row = services.commitment_year_create(user=keeper, year=2028, max_per_person=1, source=" QĐ 12/UBND ",
                                          **dates(2028))  # fmt: skip
    row.refresh_from_db()
    assert (row.year, row.max_per_person, row.source, row.registration_opens_on, row.yearend_closes_on) == (
        2028, 1, "QĐ 12/UBND", dt.date(2028, 1, 1), dt.date(2028, 12, 20))  # fmt: skip
    event = AuditEvent.objects.get(action="emulation.commitment_year_created")
    assert (event.after or {})["max_per_person"] == 1 and (event.after or {})["midyear_opens_on"] == "2028-06-01"


@pytest.mark.parametrize(("changes", "limit", "code"), [
    ({"registration_closes_on": dt.date(2027, 6, 1)}, 2, codes.COMMITMENT_YEAR_WINDOWS),  # overlaps mid-year
    ({"midyear_opens_on": dt.date(2027, 7, 20)}, 2, codes.COMMITMENT_YEAR_WINDOWS),  # opens after it closes
    ({"yearend_opens_on": dt.date(2027, 7, 15)}, 2, codes.COMMITMENT_YEAR_WINDOWS),  # same day mid-year closes
    ({"registration_opens_on": dt.date(2026, 12, 1)}, 2, codes.COMMITMENT_YEAR_WINDOWS),  # outside the year
    ({"registration_opens_on": dt.date(2026, 2, 5)}, 2, codes.COMMITMENT_YEAR_FROZEN),  # would open today
    ({"yearend_closes_on": dt.date(2028, 2, 1)}, 2, codes.COMMITMENT_YEAR_WINDOWS),  # after 31/01 of the next year
    ({}, 3, codes.COMMITMENT_YEAR_LIMIT),
    ({}, 0, codes.COMMITMENT_YEAR_LIMIT),
])  # fmt: skip
def test_a_wrong_setting_is_refused_with_its_code_and_nothing_changes(w, keeper, frozen_clock, changes, limit, code):
    row = CommitmentYear.objects.get(year=2027)
    before = (row.registration_opens_on, row.max_per_person, row.updated_at)
    with pytest.raises(DomainError) as refused:
        services.commitment_year_update(user=keeper, row=row, max_per_person=limit, source="QĐ",
                                        **dates(2027, **changes))  # fmt: skip
    assert refused.value.code == code
    row.refresh_from_db()
    assert (row.registration_opens_on, row.max_per_person, row.updated_at) == before


def test_the_31_january_close_of_the_year_end_review_is_allowed(w, keeper, frozen_clock):
    row = CommitmentYear.objects.get(year=2027)
    services.commitment_year_update(user=keeper, row=row, max_per_person=2, source="QĐ 5",
                                    **dates(2027, yearend_closes_on=dt.date(2028, 1, 31)))  # fmt: skip
    row.refresh_from_db()
    assert row.yearend_closes_on == dt.date(2028, 1, 31) and row.source == "QĐ 5"
    assert (AuditEvent.objects.get(action="emulation.commitment_year_changed").before or {})["source"] != "QĐ 5"


def test_a_year_whose_registration_opened_is_frozen(w, keeper, frozen_clock):  # today 05/02/2026
    row = CommitmentYear.objects.get(year=2026)
    with pytest.raises(DomainError) as refused:
        services.commitment_year_update(user=keeper, row=row, max_per_person=1, source="x", **dates(2026,
                                        registration_opens_on=dt.date(2026, 3, 1)))  # fmt: skip
    assert refused.value.code == codes.COMMITMENT_YEAR_FROZEN
    assert CommitmentYear.objects.get(year=2026).max_per_person == 2
    frozen_clock.move_to(dt.datetime(2027, 1, 1, 1, 0, tzinfo=dt.UTC))  # 08:00 in Huế: 2027 opened today
    with pytest.raises(DomainError) as refused:
        services.commitment_year_update(user=keeper, row=CommitmentYear.objects.get(year=2027), max_per_person=1,
                                        source="x", **dates(2027))  # fmt: skip
    assert refused.value.code == codes.COMMITMENT_YEAR_FROZEN


def test_a_year_cannot_be_created_twice_nor_with_an_empty_source(w, keeper, frozen_clock):
    with pytest.raises(DomainError) as refused:
        services.commitment_year_create(user=keeper, year=2027, max_per_person=2, source="x", **dates(2027))
    assert refused.value.code == codes.COMMITMENT_YEAR_EXISTS
    with pytest.raises(DomainError) as refused:
        services.commitment_year_create(user=keeper, year=2028, max_per_person=2, source="  ", **dates(2028))
    assert refused.value.code == codes.COMMITMENT_YEAR_SOURCE
    assert not CommitmentYear.objects.filter(year=2028).exists()


def test_no_officer_of_a_unit_sets_the_years(w, frozen_clock):
    ward_dan_van = officer("dvphuong", Role.DAN_VAN_OFFICER, w.ward, subtree=True)  # a ward's, with its subtree
    city_no_subtree = officer("dvtp", Role.DAN_VAN_OFFICER, w.city)  # the province body, without the subtree
    province_operator = officer("vanhanh", Role.OPERATOR, w.city, subtree=True)
    refused = [w.head, w.city_head, w.cadre, ward_dan_van, city_no_subtree, province_operator, w.dan_van]
    for who in refused:
        with pytest.raises(PermissionDenied) as denied:  # refused before the (invalid) input is read
            services.commitment_year_create(user=who, year=1999, max_per_person=9, source="", **dates(2028))
        assert denied.value.code == "forbidden"
        with pytest.raises(PermissionDenied):
            services.commitment_year_update(user=who, row=CommitmentYear.objects.get(year=2027), max_per_person=9,
                                            source="", **dates(2028))  # fmt: skip
    assert not CommitmentYear.objects.filter(year__in=[1999, 2028]).exists()


def test_the_rule_orders_the_windows_and_bounds_the_limit():
    w27 = rules.Windows(2027, **dates(2027))
    assert rules.year_settings_problems(w27, limit=2) == []
    assert rules.year_settings_problems(w27, limit=3) == ["limit"]
    late = rules.Windows(2027, **dates(2027, midyear_opens_on=dt.date(2027, 3, 31)))  # the day registration closes
    assert rules.year_settings_problems(late, limit=1) == ["windows"]
    assert rules.year_settings_frozen(w27, dt.date(2027, 1, 1)) and not rules.year_settings_frozen(
        w27, dt.date(2026, 12, 31)
    )


# Pages ----------------------------------------------------------------------------------------------------

YEARS = "/van-hanh/thi-dua/cam-ket/nam/"


def test_the_pages_keep_their_addresses():
    assert reverse("emulation:commitment_years") == YEARS
    assert reverse("emulation:commitment_year_edit", args=[2027]) == f"{YEARS}2027/"


def test_the_page_creates_next_year_and_edits_it_until_registration_opens(client, w, keeper, frozen_clock):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(keeper)
    page = client.get(YEARS)
    assert page.status_code == 200
    assert page.context["form"].initial["year"] == 2028  # after the seeded 2027
    assert page.context["form"].initial["registration_opens_on"] == dt.date(2028, 1, 1)
    data = {"year": 2028, "max_per_person": 2, "source": "QĐ 12/UBND"} | {
        k: v.isoformat() for k, v in dates(2028).items()
    }
    assert client.post(YEARS, data).status_code == 302
    assert CommitmentYear.objects.get(year=2028).source == "QĐ 12/UBND"
    bad = (
        data
        | {"year": 2029, "max_per_person": 3}
        | {k: v.replace(year=2029).isoformat() for k, v in dates(2028).items()}
    )
    refused = client.post(YEARS, bad)
    assert refused.status_code == 400 and "between 1 and 2" in refused.content.decode()
    assert not CommitmentYear.objects.filter(year=2029).exists()
    edit = {"max_per_person": 1, "source": "QĐ 13"} | {k: v.isoformat() for k, v in dates(2028).items()}
    assert client.post(f"{YEARS}2028/", edit).status_code == 302
    assert CommitmentYear.objects.get(year=2028).max_per_person == 1
    frozen = client.get(f"{YEARS}2026/")
    assert frozen.status_code == 200 and "can no longer be changed" in frozen.content.decode()
    assert client.post(f"{YEARS}2026/", edit).status_code == 400
    assert client.get(f"{YEARS}2031/").status_code == 404


def test_the_pages_are_not_found_for_everyone_else(client, w):
    ward_dan_van = officer("dvphuong", Role.DAN_VAN_OFFICER, w.ward, subtree=True)
    province_operator = officer("vanhanh", Role.OPERATOR, w.city, subtree=True)
    for who in (w.head, w.city_head, w.cadre, ward_dan_van, w.dan_van, province_operator):
        client.force_login(who)
        assert client.get(YEARS).status_code == 404
        assert client.post(YEARS, {"year": "x"}).status_code == 404
        assert client.post(f"{YEARS}2027/", {}).status_code == 404
