"""A tố cáo is never shown to a partner, through any of its doors (``cases.selectors.cases_visible_to_partners``):
the REST look-up by code, Open311's list, its request by code and its token. A feedback item sent the same
way is shown by each, so each refusal is for the track and not for something else."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import signing
from django.test import Client

from danvan.cases.models import Case
from danvan.cases.selectors import case_get_for_partner, cases_visible_to_partners
from danvan.cases.tests.api.world import PartnerWorld
from danvan.cases.tests.api.world import pw as pw  # the REST partner world (not Open311's own)
from danvan.core.errors import NotFound
from danvan.open311.views import TOKEN_SALT
from danvan.partners.models import ApiKey
from danvan.partners.selectors import api_key_case_ids

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]

DENUNCIATION = {"kind": "to_cao", "content": "Tố cáo cán bộ địa chính phường nhận tiền để cấp sổ đỏ sai quy định."}


def _shown(client: Client, pw: PartnerWorld, case: Case) -> dict[str, bool]:
    key = {"X-API-Key": pw.key}
    token = signing.dumps(case.pk, salt=TOKEN_SALT)
    own = {"api_key": pw.key}  # Open311 takes the key as a parameter
    listed = client.get("/open311/v2/requests.json", own).json()
    return {
        "rest look-up": client.get(f"/api/v1/cases/track/{case.tracking_code}", headers=key).status_code == 200,
        "open311 list": any(r.get("service_request_id") == case.tracking_code for r in listed),
        "open311 request": client.get(f"/open311/v2/requests/{case.tracking_code}.json", own).status_code == 200,
        "open311 token": client.get(f"/open311/v2/tokens/{token}.json").status_code == 200,
    }


def test_a_denunciation_is_absent_from_every_partner_interface(client: Client, pw: PartnerWorld) -> None:
    feedback = pw.new_case(client)
    denunciation = pw.new_case(client, **DENUNCIATION)
    assert _shown(client, pw, feedback) == dict.fromkeys(_shown(client, pw, feedback), True)
    assert _shown(client, pw, denunciation) == dict.fromkeys(_shown(client, pw, denunciation), False)


def test_the_partner_selectors_leave_out_a_denunciation_and_another_partner_s_case(
    client: Client, pw: PartnerWorld
) -> None:
    feedback = pw.new_case(client)
    denunciation = pw.new_case(client, **DENUNCIATION)
    assert list(cases_visible_to_partners().order_by("pk")) == [feedback]
    own = api_key_case_ids(api_key=ApiKey.objects.get(name="IOC"))
    assert case_get_for_partner(tracking_code=f" {feedback.tracking_code.lower()} ", case_ids=own) == feedback
    with pytest.raises(NotFound):
        case_get_for_partner(tracking_code=denunciation.tracking_code, case_ids=own)
    nobody: Any = own.none()
    with pytest.raises(NotFound):
        case_get_for_partner(tracking_code=feedback.tracking_code, case_ids=nobody)
