"""The REST endpoints: status public, code asked for (202 alike for a match and a miss), a vote with its
receipt, the refusal codes, and the receipt check."""

from __future__ import annotations

import pytest
from django.test import Client

from danvan.democracy.models import Household
from danvan.democracy.tests.voting.conftest import gateway, last_code, open_round

pytestmark = pytest.mark.django_db
BASE = "/api/v1/democracy/voting/rounds"


def test_a_partner_app_gets_a_code_votes_and_checks_the_receipt(dworld, frozen_clock,
                                                               django_capture_on_commit_callbacks):  # fmt: skip
    r = open_round(dworld)
    h = Household.objects.filter(village=dworld.village2).order_by("code").first()
    c = Client()
    status = c.get(f"{BASE}/{r.pk}").json()
    assert (status["status"], status["is_open"], status["households_total"], status["yes"]) == ("open", True, 6, None)
    gateway().clear()
    with django_capture_on_commit_callbacks(execute=True):
        miss = c.post(f"{BASE}/{r.pk}/code", {"household": h.code, "phone": "0999000111"},
                      content_type="application/json")  # fmt: skip
        hit = c.post(f"{BASE}/{r.pk}/code", {"household": h.code, "phone": h.phone}, content_type="application/json")
    assert miss.status_code == hit.status_code == 202 and miss.json() == hit.json()
    code = last_code(h.phone)
    bad = c.post(f"{BASE}/{r.pk}/vote", {"household": "H999", "code": code, "choice": "yes"},
                 content_type="application/json")  # fmt: skip
    assert bad.status_code == 400 and bad.json()["code"] == "bad_code"  # an unknown household alike
    voted = c.post(f"{BASE}/{r.pk}/vote", {"household": h.code, "code": code, "choice": "yes"},
                   content_type="application/json")  # fmt: skip
    assert voted.status_code == 201
    receipt = voted.json()["receipt"]
    again = c.post(f"{BASE}/{r.pk}/vote", {"household": h.code, "code": code, "choice": "no"},
                   content_type="application/json")  # fmt: skip
    assert again.json()["code"] == "bad_code"
    check = c.post(f"{BASE}/{r.pk}/receipt", {"receipt": receipt}, content_type="application/json").json()
    assert check == {"receipt_hash": voted.json()["receipt_hash"], "counted": True, "ballots": 1}
    assert c.get(f"{BASE}/999999").status_code == 404
