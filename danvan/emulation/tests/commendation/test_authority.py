"""Who gives which form: the authority table (data) applied to real cases — a commune chairman gives a Giấy
khen, not the province's Bằng khen; a rule whose end has passed allows nothing — and the pure rule itself."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.core.audit import AuditEvent
from danvan.core.errors import DomainError, PermissionDenied
from danvan.emulation import errors
from danvan.emulation.models import CommendationAuthority, CommendationProposal
from danvan.emulation.rules import commendation as rules
from danvan.emulation.services import commendation as services
from danvan.emulation.tests.commendation.factories import TODAY, city_front, decide, form
from danvan.emulation.tests.national import rule_keeper
from danvan.org.choices import Role
from danvan.org.models import OrganizationKind
from danvan.org.tests.factories import officer


def _code(exc: pytest.ExceptionInfo[DomainError]) -> str | None:
    assert not isinstance(exc.value, PermissionDenied)  # a refusal of the person never passes for the rule's
    return exc.value.code


def _front_proposal(w, form_code: str = "giay-khen", level: str = "xa") -> CommendationProposal:
    """The ward's Front committee proposes its own collective; two members from other units have spoken."""
    proposal = services.proposal_create(actor=w.ward_head, organization=w.ward_front, collective=w.ward_front,
                                        level=level, form=form(form_code), achievements="Vận động 450 hộ.")  # fmt: skip
    services.council_seat(actor=w.ward_head, proposal=proposal, member=w.scorer_city, organization=city_front())
    services.council_seat(actor=w.ward_head, proposal=proposal, member=w.scorer_other, organization=w.other_front)
    services.council_opinion(actor=w.scorer_city, proposal=proposal, opinion="agree", reason="Tốt.")
    services.council_opinion(actor=w.scorer_other, proposal=proposal, opinion="agree", reason="Tốt.")
    return proposal


def _commune_chair_decides(w, proposal: CommendationProposal, **change) -> CommendationProposal:
    return decide(w, proposal, **{"actor": w.ward_head, "deciding_organization": w.ward, "decision_number": "7/QĐ-UBND",
                                  "signer_title": "Chủ tịch UBND phường", "form": form("giay-khen"), "level": "xa",
                                  **change})  # fmt: skip


def _ubnd_giay_khen_xa() -> CommendationAuthority:
    return CommendationAuthority.objects.get(form__code="giay-khen", level="xa", kind__code="ubnd")


def test_the_commune_chairman_gives_a_giay_khen(w) -> None:
    decided = _commune_chair_decides(w, _front_proposal(w))
    assert (decided.status, decided.decided_form.code, decided.decided_level) == ("decided", "giay-khen", "xa")


def test_the_commune_chairman_does_not_give_the_provinces_bang_khen(w) -> None:
    proposal = _front_proposal(w, "bang-khen", "tinh")
    with pytest.raises(DomainError) as exc:
        _commune_chair_decides(w, proposal, form=form("bang-khen"), level="tinh")
    assert _code(exc) == errors.COMMENDATION_NO_AUTHORITY
    assert exc.value.details == {"form": "bang-khen", "level": "tinh", "kind": "ubnd", "on": "2026-02-05"}
    assert "Bằng khen" in str(exc.value) and w.ward.name in str(exc.value)
    assert CommendationProposal.objects.get(pk=proposal.pk).status == "proposed"


def test_a_rule_whose_end_has_passed_allows_nothing_and_its_last_day_still_does(w) -> None:
    row = _ubnd_giay_khen_xa()
    row.valid_to = TODAY - dt.timedelta(days=1)
    row.save()
    proposal = _front_proposal(w)
    with pytest.raises(DomainError) as exc:
        _commune_chair_decides(w, proposal)
    assert _code(exc) == errors.COMMENDATION_NO_AUTHORITY
    assert CommendationProposal.objects.get(pk=proposal.pk).status == "proposed"
    row.valid_to = TODAY
    row.save()
    assert _commune_chair_decides(w, proposal).status == "decided"


def test_a_rule_not_yet_in_force_on_the_decision_date_allows_nothing(w) -> None:
    row = _ubnd_giay_khen_xa()
    row.valid_from = TODAY + dt.timedelta(days=1)
    row.save()
    with pytest.raises(DomainError) as exc:
        _commune_chair_decides(w, _front_proposal(w))
    assert _code(exc) == errors.COMMENDATION_NO_AUTHORITY


def test_the_front_committee_has_no_bang_khen_in_the_seeded_table(w) -> None:
    proposal = decide(w, _front_proposal(w, "giay-khen", "xa"), deciding_organization=w.city, form=form("bang-khen"),
                      level="tinh")  # fmt: skip  # UBND thành phố Huế (province level): allowed
    assert proposal.status == "decided"
    from danvan.emulation.tests.commendation.factories import reviewed

    other = reviewed(w)
    with pytest.raises(DomainError) as exc:
        decide(w, other, deciding_organization=city_front())  # the city's Front: no row for a Bằng khen
    assert _code(exc) == errors.COMMENDATION_NO_AUTHORITY


@pytest.mark.django_db
def test_the_seeded_table_is_marked_unverified_with_its_source() -> None:
    rows = list(CommendationAuthority.objects.select_related("form", "kind"))
    assert {(r.form.code, r.level, r.kind.code) for r in rows} >= {
        ("giay-khen", "xa", "ubnd"), ("giay-khen", "tinh", "so"), ("bang-khen", "tinh", "ubnd")}  # fmt: skip
    assert all(not r.verified and r.source and r.valid_from == dt.date(2024, 1, 1) for r in rows)
    assert rows[0].source.startswith(("Luật Thi đua, khen thưởng 06/2022/QH15", "Quy định"))


# The pure rule ---------------------------------------------------------------------------------------------

RULE = rules.AuthorityRule("giay-khen", "xa", "ubnd", dt.date(2024, 1, 1), dt.date(2026, 12, 31))


@pytest.mark.parametrize(
    ("form_code", "level", "kind", "unit_level", "on", "allowed"),
    [
        ("giay-khen", "xa", "ubnd", "commune", dt.date(2026, 2, 5), True),
        ("giay-khen", "xa", "ubnd", "commune", dt.date(2026, 12, 31), True),  # its last day
        ("giay-khen", "xa", "ubnd", "commune", dt.date(2027, 1, 1), False),  # ended
        ("giay-khen", "xa", "ubnd", "commune", dt.date(2023, 12, 31), False),  # not yet
        ("giay-khen", "xa", "ubnd", "province", dt.date(2026, 2, 5), False),  # a province body at commune level
        ("giay-khen", "xa", "so", "commune", dt.date(2026, 2, 5), False),  # another kind
        ("bang-khen", "xa", "ubnd", "commune", dt.date(2026, 2, 5), False),  # another form
        ("giay-khen", "xa", "ubnd", "district", dt.date(2026, 2, 5), False),  # the abolished level
    ],
)
def test_authority_allows(form_code, level, kind, unit_level, on, allowed) -> None:
    assert rules.authority_allows([RULE], form_code=form_code, level=level, kind_code=kind, unit_level=unit_level,
                                  on=on) is allowed  # fmt: skip


def test_no_row_allows_nothing() -> None:
    assert not rules.authority_allows([], form_code="giay-khen", level="xa", kind_code="ubnd", unit_level="commune",
                                      on=dt.date(2026, 2, 5))  # fmt: skip


# Editing the table: a national rule table (core.reference_data), not a province's operators ------------------------------------------------------------


def test_only_who_holds_the_model_permission_edits_the_table(w) -> None:
    province_op = officer("vhtinh", Role.OPERATOR, w.city, subtree=True)
    commune_op = officer("vhxa", Role.OPERATOR, w.ward, subtree=True)
    keeper = rule_keeper()
    values = {"form": form("giay-khen"), "level": "xa", "kind": OrganizationKind.objects.get(code="hoi_lhpn"),
              "valid_from": dt.date(2026, 1, 1), "source": "[U] Điều lệ Hội LHPN — chưa đọc"}  # fmt: skip
    before = CommendationAuthority.objects.count()
    for actor in (w.ward_head, w.province_dv, commune_op, province_op):
        with pytest.raises(PermissionDenied) as refused:
            services.authority_add(actor=actor, **values)
        assert refused.value.code == "forbidden"
    assert CommendationAuthority.objects.count() == before
    row = services.authority_add(actor=keeper, **values)
    assert (row.level, row.kind.code, row.verified) == ("xa", "hoi_lhpn", False)
    with pytest.raises(PermissionDenied):
        services.authority_update(actor=province_op, row=row, valid_from=row.valid_from, valid_to=TODAY, source="x",
                                  verified=True)  # fmt: skip
    ended = services.authority_update(actor=keeper, row=row, valid_from=row.valid_from, valid_to=TODAY,
                                      source=row.source, verified=False)  # fmt: skip
    assert ended.valid_to == TODAY
    assert list(AuditEvent.objects.filter(action__startswith="emulation.commendation_authority").order_by("id")
                .values_list("action", flat=True)) == ["emulation.commendation_authority_added",
                                                       "emulation.commendation_authority_changed"]  # fmt: skip


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"valid_to": dt.date(2025, 12, 31)}, "ends before it starts"),
        ({"source": "  "}, "no source"),
        ({"level": "xa", "form_code": "bang-khen"}, "a Bằng khen is not given at commune level"),
        ({"form_code": "khien-trach"}, "a discipline form"),
    ],
)
def test_bad_rules_are_refused_by_code(w, change, why) -> None:
    province_op = rule_keeper()
    values = {"form": form(change.pop("form_code", "giay-khen")), "level": "xa", "valid_from": dt.date(2026, 1, 1),
              "kind": OrganizationKind.objects.get(code="hoi_lhpn"), "source": "[U] chưa đọc", **change}  # fmt: skip
    before = CommendationAuthority.objects.count()
    with pytest.raises(DomainError) as exc:
        services.authority_add(actor=province_op, **values)
    assert _code(exc) == errors.COMMENDATION_AUTHORITY_INVALID, why
    assert CommendationAuthority.objects.count() == before
