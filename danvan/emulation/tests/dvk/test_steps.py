"""The dvk steps added for issue 17's follow-up: a model is commended only through a commendation proposal
(the direct step is gone), exemplars are corrected before their decision and withdrawn after it, and the
scorecard gets new versions that are edited as drafts and frozen once in force."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.conf import settings
from django.urls import reverse

from danvan.core.audit import AuditEvent
from danvan.core.errors import DomainError, PermissionDenied
from danvan.emulation import errors
from danvan.emulation.models import CommendationProposal, DvkExemplar, DvkModel, DvkScorecard
from danvan.emulation.rules import dvk as rules
from danvan.emulation.selectors import dvk as selectors
from danvan.emulation.services import commendation as commendation_services
from danvan.emulation.services import dvk as services
from danvan.emulation.tests.commendation.factories import decide, form, proposed, reviewed
from danvan.emulation.tests.dvk.factories import evaluated, implementing, recognised, scores
from danvan.emulation.tests.national import rule_keeper
from danvan.org.choices import Role
from danvan.org.tests.factories import grant, make_user

TODAY = dt.date(2026, 2, 5)  # the frozen clock's day


def _code(exc: pytest.ExceptionInfo[DomainError]) -> str:
    return exc.value.code


# ------------------------------------------------------------------ commended through the proposal only


def test_the_direct_commend_step_is_gone_from_services_pages_and_api(client, w) -> None:
    model = recognised(w)
    assert not hasattr(services, "dvk_model_commend")
    client.force_login(w.province_dv)
    page = client.post(f"/van-hanh/thi-dua/mo-hinh/{model.pk}/buoc/commend/",
                       {"form": "Bằng khen", "decision_number": "45/QĐ", "level": "tinh", "commended_on": "2026-02-05"})  # fmt: skip
    assert page.status_code == 404
    api = client.post(f"/api/v1/emulation/dvk/models/{model.pk}/steps/commend",
                      {"form": "Bằng khen", "decision_number": "45/QĐ", "level": "tinh", "on": "2026-02-05"},
                      content_type="application/json")  # fmt: skip
    assert api.status_code == 422 and api.json()["code"] == "invalid" and "step" in api.json()["details"]
    model.refresh_from_db()
    assert (model.stage, model.commendation_decision_number) == ("recognised", "")


def test_the_decision_of_a_proposal_moves_the_model_to_commended(w) -> None:
    proposal = reviewed(w)
    decide(w, proposal, decision_number="215/QĐ-UBND")
    model = DvkModel.objects.get(pk=proposal.model.pk)
    assert (model.stage, model.commendation_form, model.commendation_decision_number, model.commendation_level,
            model.commended_on) == ("commended", "Bằng khen", "215/QĐ-UBND", "tinh", TODAY)  # fmt: skip
    event = AuditEvent.objects.get(action="emulation.dvk_commended")
    assert (event.after or {})["proposal"] == proposal.pk and event.before == {"stage": "recognised"}


def test_only_a_decided_proposal_commends_a_model(w) -> None:
    proposal = proposed(w)
    with pytest.raises(DomainError) as exc:
        services.dvk_model_commend_by_decision(actor=w.province_dv, proposal=proposal)
    assert _code(exc) == errors.DVK_BAD_COMMENDATION
    assert DvkModel.objects.get(pk=proposal.model.pk).stage == "recognised"


def test_a_model_commended_by_the_former_direct_step_keeps_working(client, w) -> None:
    model = recognised(w)
    # As stored by the removed step: commended with a number, no proposal behind it.
    DvkModel.objects.filter(pk=model.pk).update(stage="commended", commendation_form="Bằng khen",
                                                commendation_decision_number="45/QĐ-UBND", commendation_level="tinh",
                                                commended_on=TODAY)  # fmt: skip
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(w.province_dv)
    page = client.get(reverse("emulation:dvk_detail", args=[model.pk]))
    assert page.status_code == 200 and "Bằng khen — decision 45/QĐ-UBND" in page.content.decode()
    assert "propose-commendation" not in page.content.decode()  # commended already
    proposal = reviewed_for(w, model)
    decided = decide(w, proposal, decision_number="45/QĐ-UBND")  # recorded, not commended twice
    assert decided.status == "decided"
    assert not AuditEvent.objects.filter(action="emulation.dvk_commended").exists()


def reviewed_for(w, model: DvkModel) -> CommendationProposal:
    proposal = commendation_services.proposal_create(actor=w.ward_head, organization=w.ward, model=model, level="tinh",
                                                     form=form("bang-khen"), achievements="450 hộ tham gia.")  # fmt: skip
    from danvan.emulation.tests.commendation.factories import city_front

    commendation_services.council_seat(actor=w.province_dv, proposal=proposal, member=w.scorer_city,
                                       organization=city_front())  # fmt: skip
    commendation_services.council_seat(actor=w.province_dv, proposal=proposal, member=w.scorer_other,
                                       organization=w.other_front)  # fmt: skip
    for member in (w.scorer_city, w.scorer_other):
        commendation_services.council_opinion(actor=member, proposal=proposal, opinion="agree", reason="Rõ.")
    return proposal


def test_the_model_page_links_to_the_proposal_form_prefilled_for_who_may_propose(client, w) -> None:
    model = recognised(w)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(w.ward_head)
    page = client.get(reverse("emulation:dvk_detail", args=[model.pk]))
    link = f'href="/van-hanh/thi-dua/khen-thuong/de-nghi/?mo_hinh={model.pk}"'
    assert link in page.content.decode() and "Propose a commendation" in page.content.decode()
    assert "Record the commendation" not in page.content.decode() and "steps" in page.context
    assert "commend" not in page.context["steps"]
    form_page = client.get(f"/van-hanh/thi-dua/khen-thuong/de-nghi/?mo_hinh={model.pk}")
    assert form_page.status_code == 200
    initial = form_page.context["form"].initial
    assert (initial["subject_kind"], initial["model"], initial["organization"]) == ("model", model.pk, w.ward.pk)
    assert f'<option value="{model.pk}" selected>' in form_page.content.decode()
    # A village head reads the model but does not propose commendations: no link.
    village = make_user(username="truongthon")
    grant(village, Role.VILLAGE_HEAD, w.ward)
    client.force_login(village)
    page = client.get(reverse("emulation:dvk_detail", args=[model.pk]))
    assert page.status_code == 200 and "propose-commendation" not in page.content.decode()


def test_the_proposal_form_ignores_a_model_one_may_not_see(client, w) -> None:
    model = recognised(w)
    client.force_login(w.other_head)
    form_page = client.get(f"/van-hanh/thi-dua/khen-thuong/de-nghi/?mo_hinh={model.pk}")
    assert form_page.status_code == 200 and "model" not in form_page.context["form"].initial
    client.force_login(w.ward_head)
    for junk in ("²", "1e3", "99999999999999999999999", "-1", ""):  # "²".isdigit() is True, int("²") fails
        page = client.get("/van-hanh/thi-dua/khen-thuong/de-nghi/", {"mo_hinh": junk})
        assert page.status_code == 200 and "model" not in page.context["form"].initial, junk


# ------------------------------------------------------------------ exemplars: corrected, withdrawn


def _exemplar(w, **overrides) -> DvkExemplar:
    values = {"actor": w.ward_head, "organization": w.ward, "name": "Bà Lan", "kind": "person", "field": "kinh_te",
              "achievement": "Vận động 50 hộ"}  # fmt: skip
    values.update(overrides)
    return services.dvk_exemplar_propose(**values)


def test_a_proposed_exemplar_is_corrected_by_its_unit_until_decided(w) -> None:
    exemplar = _exemplar(w)
    changed = services.dvk_exemplar_change(actor=w.ward_head, exemplar=exemplar, name="Bà Trần Thị Lan",
                                           kind="person", field="van_hoa_xa_hoi", achievement="Vận động 60 hộ")  # fmt: skip
    assert (changed.name, changed.field, changed.achievement) == ("Bà Trần Thị Lan", "van_hoa_xa_hoi", "Vận động 60 hộ")
    event = AuditEvent.objects.get(action="emulation.dvk_exemplar_changed")
    assert ((event.before or {})["name"], (event.after or {})["name"]) == ("Bà Lan", "Bà Trần Thị Lan")
    with pytest.raises(DomainError) as exc:
        services.dvk_exemplar_change(actor=w.ward_head, exemplar=exemplar, name="", kind="person",
                                     field="kinh_te", achievement="x")  # fmt: skip
    assert _code(exc) == errors.DVK_BAD_EXEMPLAR
    with pytest.raises(PermissionDenied):
        services.dvk_exemplar_change(actor=w.other_head, exemplar=exemplar, name="X", kind="person",
                                     field="kinh_te", achievement="x")  # fmt: skip
    services.dvk_exemplar_decide(actor=w.province_dv, exemplar=exemplar, recognised=True, level="tinh",
                                 decision_number="9/QĐ")  # fmt: skip
    with pytest.raises(DomainError) as exc:
        services.dvk_exemplar_change(actor=w.ward_head, exemplar=exemplar, name="X", kind="person",
                                     field="kinh_te", achievement="x")  # fmt: skip
    assert _code(exc) == errors.DVK_BAD_MOVE
    assert DvkExemplar.objects.get().name == "Bà Trần Thị Lan"


def test_a_recognised_exemplar_is_withdrawn_with_its_reason_and_leaves_the_gallery(client, w) -> None:
    exemplar = _exemplar(w)
    with pytest.raises(DomainError) as exc:  # not recognised yet
        services.dvk_exemplar_withdraw(actor=w.province_dv, exemplar=exemplar, reason="Sai phạm")
    assert _code(exc) == errors.DVK_BAD_MOVE
    services.dvk_exemplar_decide(actor=w.province_dv, exemplar=exemplar, recognised=True, level="tinh",
                                 decision_number="9/QĐ")  # fmt: skip
    assert [e.pk for e in selectors.dvk_public_exemplars()] == [exemplar.pk]
    with pytest.raises(DomainError) as exc:  # its own unit never withdraws
        services.dvk_exemplar_withdraw(actor=w.ward_head, exemplar=exemplar, reason="Sai phạm")
    assert _code(exc) == errors.DVK_OWN_UNIT_DECIDER
    with pytest.raises(DomainError) as exc:
        services.dvk_exemplar_withdraw(actor=w.province_dv, exemplar=exemplar, reason="  ")
    assert _code(exc) == errors.DVK_REASON_REQUIRED
    with pytest.raises(PermissionDenied):
        services.dvk_exemplar_withdraw(actor=w.other_head, exemplar=exemplar, reason="Sai phạm")
    assert DvkExemplar.objects.get().status == "recognised"
    done = services.dvk_exemplar_withdraw(actor=w.province_dv, exemplar=exemplar, reason="Thành tích không đúng")
    assert (done.status, done.withdrawn_on, done.withdrawal_reason, done.withdrawn_by) == (
        "withdrawn", TODAY, "Thành tích không đúng", w.province_dv)  # fmt: skip
    assert selectors.dvk_public_exemplars() == []
    assert client.get(reverse("emulation:dvk_gallery")).context["exemplars"] == []
    figures = selectors.dvk_yearly_figures(organization_ids=[w.ward.pk], year=2026)
    assert figures[w.ward.pk].exemplars == 0
    event = AuditEvent.objects.get(action="emulation.dvk_exemplar_withdrawn")
    assert (event.before, event.after) == ({"status": "recognised"}, {"status": "withdrawn"})
    with pytest.raises(DomainError) as exc:  # once
        services.dvk_exemplar_withdraw(actor=w.province_dv, exemplar=exemplar, reason="Lần nữa")
    assert _code(exc) == errors.DVK_BAD_MOVE


def test_a_recognition_above_ones_level_is_not_withdrawn(w) -> None:
    exemplar = _exemplar(w)
    central = make_user(username="trunguong", is_superuser=True)
    services.dvk_exemplar_decide(actor=central, exemplar=exemplar, recognised=True, level="tw", decision_number="1/QĐ")
    with pytest.raises(DomainError) as exc:
        services.dvk_exemplar_withdraw(actor=w.province_dv, exemplar=exemplar, reason="Sai phạm")
    assert _code(exc) == errors.DVK_LEVEL_ABOVE_AUTHORITY
    assert DvkExemplar.objects.get().status == "recognised"


def test_the_exemplars_pages_correct_and_withdraw(client, w) -> None:
    exemplar = _exemplar(w)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(w.ward_head)
    listing = client.get(reverse("emulation:dvk_exemplars"))
    assert reverse("emulation:dvk_exemplar_edit", args=[exemplar.pk]) in listing.content.decode()
    edit = reverse("emulation:dvk_exemplar_edit", args=[exemplar.pk])
    assert client.get(edit).status_code == 200
    bad = client.post(edit, {"name": "Bà Lan", "kind": "person", "field": "kinh_te", "achievement": ""})
    assert bad.status_code == 400
    ok = client.post(edit, {"name": "Bà Lan Anh", "kind": "person", "field": "kinh_te", "achievement": "60 hộ"})
    assert ok.status_code == 302 and DvkExemplar.objects.get().name == "Bà Lan Anh"
    client.force_login(w.other_head)
    assert client.get(edit).status_code == 404
    client.force_login(w.province_dv)
    client.post(reverse("emulation:dvk_exemplar_decide", args=[exemplar.pk]),
                {"recognised": "1", "level": "tinh", "decision_number": "9/QĐ"})  # fmt: skip
    withdraw = reverse("emulation:dvk_exemplar_withdraw", args=[exemplar.pk])
    assert f'action="{withdraw}"' in client.get(reverse("emulation:dvk_exemplars")).content.decode()
    client.post(withdraw, {"reason": ""})
    assert DvkExemplar.objects.get().status == "recognised"
    assert client.post(withdraw, {"reason": "Thành tích không đúng"}).status_code == 302
    assert DvkExemplar.objects.get().status == "withdrawn"
    listing = client.get(reverse("emulation:dvk_exemplars")).content.decode()
    assert "Recognition withdrawn on 05/02/2026:" in listing and "Thành tích không đúng" in listing
    client.force_login(w.stranger)
    assert client.post(withdraw, {"reason": "x"}).status_code == 404


@pytest.fixture
def keeper():
    return rule_keeper()


# ------------------------------------------------------------------ the scorecard's versions


CRITERIA = [
    services.CriterionInput("dat-tieu-chi", "Đạt tiêu chí", Decimal(40)),
    services.CriterionInput("nguoi-tham-gia", "Người tham gia", Decimal(35)),
    services.CriterionInput("lan-toa", "Lan tỏa", Decimal(25)),
]


def _v1() -> DvkScorecard:
    return DvkScorecard.objects.get(version=1)


def test_the_scorecard_rules() -> None:
    ok = [("a", "A", Decimal(60)), ("b", "B", Decimal(40))]
    assert rules.scorecard_problems(ok, Decimal(70), 2) == []
    P = rules.ScorecardProblem
    assert rules.scorecard_problems([], Decimal(70), 2) == [P.NO_CRITERIA]
    assert rules.scorecard_problems([("a", "A", Decimal(60)), ("A ", "B", Decimal(40))], Decimal(70), 2) == [P.CODES]
    assert rules.scorecard_problems([("a", "A", Decimal(60)), ("", "B", Decimal(40))], Decimal(70), 2) == [P.CODES]
    assert rules.scorecard_problems([("a", "A", Decimal(60)), ("b", "B", Decimal("39.99"))], Decimal(70), 2) == [
        P.WEIGHTS
    ]
    assert rules.scorecard_problems([("a", "A", Decimal(110)), ("b", "B", Decimal(-10))], Decimal(70), 2) == [P.WEIGHTS]
    assert rules.scorecard_problems(ok, Decimal("100.01"), 0) == [P.PASS_MARK, P.MIN_EVALUATORS]
    assert rules.scorecard_problems(ok, Decimal(0), 1) == rules.scorecard_problems(ok, Decimal(100), 1) == []
    assert rules.may_take_effect_on(TODAY, TODAY) and not rules.may_take_effect_on(TODAY - dt.timedelta(days=1), TODAY)
    later = TODAY + dt.timedelta(days=200)
    assert not rules.may_take_effect_on(TODAY + dt.timedelta(days=20), TODAY, later)  # before the latest in force
    assert rules.may_take_effect_on(later, TODAY, later)


def test_a_version_never_takes_effect_before_the_one_already_put_in_force(w, keeper, frozen_clock) -> None:
    # v2 in force from 1 September; a v3 from 1 March would be current from March, then v2 again from
    # September: refused, nothing changed.
    v2 = services.dvk_scorecard_new_version(actor=keeper, scorecard=_v1())
    services.dvk_scorecard_put_in_force(actor=keeper, scorecard=v2, valid_from=dt.date(2026, 9, 1))
    v3 = services.dvk_scorecard_new_version(actor=keeper, scorecard=v2)
    with pytest.raises(DomainError) as exc:
        services.dvk_scorecard_put_in_force(actor=keeper, scorecard=v3, valid_from=dt.date(2026, 3, 1))
    assert _code(exc) == errors.DVK_BAD_TIMELINE
    v3.refresh_from_db()
    assert (v3.draft, v3.version) == (True, 3)
    services.dvk_scorecard_put_in_force(actor=keeper, scorecard=v3, valid_from=dt.date(2026, 9, 1))


def test_a_new_version_is_drafted_edited_put_in_force_and_frozen(w, keeper, frozen_clock) -> None:
    v1 = _v1()
    draft = services.dvk_scorecard_new_version(actor=keeper, scorecard=v1)
    assert (draft.version, draft.draft, draft.pass_score, draft.min_evaluators) == (2, True, v1.pass_score, 2)
    assert sorted(draft.criteria.values_list("code", "weight")) == sorted(v1.criteria.values_list("code", "weight"))
    assert services.dvk_scorecard_new_version(actor=keeper, scorecard=v1).pk == draft.pk  # one draft at a time
    assert selectors.dvk_scorecard_current() == v1  # a draft is never used
    refusals: list[tuple[dict[str, Any], str]] = [
        ({"criteria": CRITERIA[:2]}, errors.DVK_SCORECARD_WEIGHTS),
        ({"criteria": [*CRITERIA[:2], services.CriterionInput("dat-tieu-chi", "Lặp", Decimal(25))]},
         errors.DVK_SCORECARD_CODES),
        ({"criteria": []}, errors.DVK_SCORECARD_CODES),
        ({"pass_score": Decimal(101)}, errors.DVK_SCORECARD_PASS_MARK),
        ({"min_evaluators": 0}, errors.DVK_SCORECARD_MIN_EVALUATORS),
    ]  # fmt: skip
    for override, code in refusals:
        values: dict[str, Any] = {
            "name": "Bảng điểm 2026",
            "pass_score": Decimal(75),
            "min_evaluators": 3,
            "criteria": CRITERIA,
        }
        values.update(override)
        with pytest.raises(DomainError) as exc:
            services.dvk_scorecard_save(actor=keeper, scorecard=draft, **values)
        assert _code(exc) == code, override
    assert draft.criteria.count() == 5  # nothing half-stored
    services.dvk_scorecard_save(actor=keeper, scorecard=draft, name="Bảng điểm 2026", pass_score=Decimal(75),
                                min_evaluators=3, criteria=CRITERIA)  # fmt: skip
    draft.refresh_from_db()
    assert (draft.pass_score, draft.min_evaluators) == (Decimal(75), 3)
    assert list(draft.criteria.values_list("code", "weight")) == [(c.code, c.weight) for c in CRITERIA]
    with pytest.raises(DomainError) as exc:  # never backdated
        services.dvk_scorecard_put_in_force(actor=keeper, scorecard=draft, valid_from=TODAY - dt.timedelta(days=1))
    assert _code(exc) == errors.DVK_BAD_TIMELINE
    services.dvk_scorecard_put_in_force(actor=keeper, scorecard=draft, valid_from=dt.date(2026, 2, 10))
    draft.refresh_from_db()
    assert (draft.draft, draft.valid_from) == (False, dt.date(2026, 2, 10))
    assert selectors.dvk_scorecard_current() == v1  # in force from the 10th
    with pytest.raises(DomainError) as exc:
        services.dvk_scorecard_save(actor=keeper, scorecard=draft, name="X", pass_score=Decimal(50),
                                    min_evaluators=1, criteria=CRITERIA)  # fmt: skip
    assert _code(exc) == errors.DVK_SCORECARD_FROZEN
    with pytest.raises(DomainError) as exc:
        services.dvk_scorecard_put_in_force(actor=keeper, scorecard=draft, valid_from=dt.date(2026, 3, 1))
    assert _code(exc) == errors.DVK_SCORECARD_FROZEN
    actions = list(
        AuditEvent.objects.filter(action__startswith="emulation.dvk_scorecard").values_list("action", flat=True)
    )
    assert sorted(actions) == ["emulation.dvk_scorecard_changed", "emulation.dvk_scorecard_drafted",
                               "emulation.dvk_scorecard_in_force"]  # fmt: skip


def test_models_keep_the_scorecard_they_were_evaluated_on(w, keeper, frozen_clock) -> None:
    before = evaluated(w)  # seated on v1 today
    draft = services.dvk_scorecard_new_version(actor=keeper, scorecard=_v1())
    services.dvk_scorecard_save(actor=keeper, scorecard=draft, name="Bảng điểm 2026", pass_score=Decimal(75),
                                min_evaluators=2, criteria=CRITERIA)  # fmt: skip
    services.dvk_scorecard_put_in_force(actor=keeper, scorecard=draft, valid_from=TODAY)
    assert selectors.dvk_scorecard_current() == draft
    before.refresh_from_db()
    assert before.scorecard == _v1() and before.score == Decimal("80.00")
    later = implementing(w, name="Mô hình sau")
    from danvan.emulation.tests.commendation.factories import city_front

    services.dvk_council_seat(actor=keeper, model=later, evaluator=w.scorer_city, organization=city_front())
    later.refresh_from_db()
    assert later.scorecard == draft
    with pytest.raises(DomainError) as exc:  # the old sheet no longer fits the new criteria
        services.dvk_score_submit(actor=w.scorer_city, model=later, scores=scores(8))
    assert _code(exc) == errors.DVK_SCORES_INCOMPLETE


def test_no_officer_of_a_unit_keeps_the_scorecard(client, w) -> None:
    province_op = make_user(username="vhtinh")
    grant(province_op, Role.OPERATOR, w.city, subtree=True)
    for actor in (w.ward_head, w.stranger, w.province_dv, province_op):  # a national table: no unit's role
        with pytest.raises(PermissionDenied) as refused:
            services.dvk_scorecard_new_version(actor=actor, scorecard=_v1())
        assert refused.value.code == "forbidden"
    assert DvkScorecard.objects.count() == 1
    for user in (w.ward_head, w.stranger, w.province_dv, province_op):
        client.force_login(user)
        assert client.get(reverse("emulation:dvk_scorecards")).status_code == 404
        assert client.get(reverse("emulation:dvk_scorecard", args=[_v1().pk])).status_code == 404
        assert client.post(reverse("emulation:dvk_scorecard_new_version", args=[_v1().pk])).status_code == 404
    assert DvkScorecard.objects.count() == 1


def _post_criteria(criteria, **head) -> dict[str, str]:
    data = {"name": "Bảng điểm 2026", "pass_score": "75", "min_evaluators": "2", "source": "",
            "tieu-chi-TOTAL_FORMS": str(len(criteria)), "tieu-chi-INITIAL_FORMS": "0",
            "tieu-chi-MIN_NUM_FORMS": "0", "tieu-chi-MAX_NUM_FORMS": "30"}  # fmt: skip
    data.update(head)
    for i, (code, name, weight) in enumerate(criteria):
        data |= {f"tieu-chi-{i}-code": code, f"tieu-chi-{i}-name": name, f"tieu-chi-{i}-weight": weight}
    return data


def test_the_scorecard_pages(client, w, keeper) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(keeper)
    assert reverse("emulation:dvk_scorecards") in client.get(reverse("emulation:dvk_list")).content.decode()
    listing = client.get(reverse("emulation:dvk_scorecards"))
    assert listing.status_code == 200 and "In force" in listing.content.decode()
    made = client.post(reverse("emulation:dvk_scorecard_new_version", args=[_v1().pk]))
    draft = DvkScorecard.objects.get(version=2)
    assert made.status_code == 302 and made["Location"] == reverse("emulation:dvk_scorecard", args=[draft.pk])
    page = client.get(made["Location"])
    assert page.status_code == 200 and page.context["criteria"].initial[0]["code"] == "dat-tieu-chi"
    url = made["Location"]
    bad = client.post(url, _post_criteria([("a", "A", "60"), ("b", "B", "30")]))
    assert bad.status_code == 400 and "add up to 100" in bad.content.decode()
    dup = client.post(url, _post_criteria([("a", "A", "60"), ("a", "B", "40")]))
    assert dup.status_code == 400 and "no two criteria the same code" in dup.content.decode()
    low = client.post(url, _post_criteria([("a", "A", "60"), ("b", "B", "40")], min_evaluators="0"))
    assert low.status_code == 400 and "at least one evaluator" in low.content.decode()
    assert draft.criteria.count() == 5
    ok = client.post(url, _post_criteria([("a", "A", "60"), ("b", "B", "40")], pass_score="72.5"))
    assert ok.status_code == 302
    draft.refresh_from_db()
    assert (draft.pass_score, list(draft.criteria.values_list("code", "weight"))) == (
        Decimal("72.5"), [("a", Decimal(60)), ("b", Decimal(40))])  # fmt: skip
    in_force = reverse("emulation:dvk_scorecard_in_force", args=[draft.pk])
    past = client.post(in_force, {"valid_from": "2026-02-04"})
    assert past.status_code == 400 and "today or a later day" in past.content.decode()
    assert client.post(in_force, {"valid_from": "2026-02-05"}).status_code == 302
    frozen = client.get(url)
    assert frozen.status_code == 200 and "scorecard-form" not in frozen.content.decode()
    assert "In force from 05/02/2026" in frozen.content.decode()
    refused = client.post(url, _post_criteria([("a", "A", "50"), ("b", "B", "50")]))
    assert refused.status_code == 400 and "can no longer be changed" in refused.content.decode()
    assert selectors.dvk_scorecard_current() == draft
