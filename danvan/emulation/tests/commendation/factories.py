"""The commendation tests' world: dvk's world (Huế, Phú Xuân's recognised model, the councils' officers)
plus a proposal for the model by the ward, reviewed by two members from other units and decided by the
city's Ban Dân vận."""

from __future__ import annotations

import datetime as dt
from typing import Any

from danvan.emulation.models import CommendationForm, CommendationProposal
from danvan.emulation.services import commendation as services
from danvan.emulation.tests.dvk.factories import DvkWorld, recognised
from danvan.org.models import Organization

TODAY = dt.date(2026, 2, 5)  # the frozen clock's day


def form(code: str) -> CommendationForm:
    return CommendationForm.objects.get(code=code)


def city_front() -> Organization:
    return Organization.objects.get(name="Ủy ban MTTQ thành phố Huế")


def proposed(w: DvkWorld, **overrides: Any) -> CommendationProposal:
    model = recognised(w)
    values: dict[str, Any] = {"actor": w.ward_head, "organization": w.ward, "model": model, "level": "tinh",
                              "form": form("bang-khen"), "achievements": "450 hộ tham gia; 12 tuyến kiệt sáng."}  # fmt: skip
    values.update(overrides)
    return services.proposal_create(**values)


def reviewed(w: DvkWorld, **overrides: Any) -> CommendationProposal:
    proposal = proposed(w, **overrides)
    services.council_seat(actor=w.province_dv, proposal=proposal, member=w.scorer_city, organization=city_front())
    services.council_seat(actor=w.province_dv, proposal=proposal, member=w.scorer_other, organization=w.other_front)
    services.council_opinion(actor=w.scorer_city, proposal=proposal, opinion="agree", reason="Hiệu quả rõ rệt.")
    services.council_opinion(actor=w.scorer_other, proposal=proposal, opinion="agree", reason="Đã nhân rộng.")
    return proposal


def decide(w: DvkWorld, proposal: CommendationProposal, **overrides: Any) -> CommendationProposal:
    values: dict[str, Any] = {"actor": w.province_dv, "proposal": proposal, "deciding_organization": w.city,
                              "decision_number": "215/QĐ-UBND", "decided_on": TODAY, "signer_name": "Nguyễn Văn Phương",
                              "signer_title": "Chủ tịch", "form": form("bang-khen"), "level": "tinh"}  # fmt: skip
    values.update(overrides)
    return services.proposal_decide(**values)
