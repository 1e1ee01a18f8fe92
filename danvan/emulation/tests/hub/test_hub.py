"""The emulation hub: one staff menu entry, a card per part the officer may use, "not found" otherwise."""

from __future__ import annotations

import pytest
from django.urls import reverse

from danvan.org.choices import Role
from danvan.org.tests.factories import hue_city, officer, ward_body

pytestmark = pytest.mark.django_db
HUB = "/van-hanh/thi-dua/"


def _work_menu(client) -> set[str]:
    return {link.key for link in client.get("/").context["menu"]["work"]}


def test_the_hub_keeps_its_address():
    assert reverse("emulation:hub") == HUB


def test_a_head_sees_one_menu_entry_and_the_cards_of_what_a_head_does(client):
    ward = ward_body(hue_city())
    client.force_login(officer("ct", Role.HEAD, ward))
    assert {k for k in _work_menu(client) if k.startswith("emulation.")} == {"emulation.hub"}
    cards = [link.key for link in client.get(HUB).context["links"]]
    assert cards == ["emulation.dvk_models", "emulation.commitments_mine", "emulation.commitments_team",
                     "emulation.commitments_units", "emulation.training_courses", "emulation.training_coverage",
                     "emulation.evaluation", "emulation.evaluation_people", "emulation.commendation",
                     "emulation.discipline"]  # fmt: skip


def test_a_counter_clerk_sees_only_their_own_commitments_and_figures(client):
    ward = ward_body(hue_city())
    client.force_login(officer("tn", Role.COUNTER_CLERK, ward))
    assert [link.key for link in client.get(HUB).context["links"]] == ["emulation.commitments_mine",
                                                                       "emulation.evaluation_people"]  # fmt: skip
    assert "emulation.hub" in _work_menu(client)


def test_a_citizen_has_no_entry_and_the_hub_answers_not_found(client):
    client.force_login(officer("dan", Role.CITIZEN, ward_body(hue_city())))
    assert "emulation.hub" not in _work_menu(client)
    assert client.get(HUB).status_code == 404


def test_the_entry_is_current_on_a_parts_staff_page_not_on_the_public_gallery(client):
    ward = ward_body(hue_city())
    client.force_login(officer("ct", Role.HEAD, ward))
    current = [link.key for link in client.get("/van-hanh/thi-dua/dao-tao/").context["menu"]["work"] if link.current]
    assert current == ["emulation.hub"]
    public = client.get("/dan-van-kheo/").context["menu"]
    assert not [link.key for area in public.values() for link in area if link.current and link.key == "emulation.hub"]
