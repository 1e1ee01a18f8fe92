"""A year read before it ends: only what fell due by the cut-off (the day the figures are read; a past year's
31 December) is in a denominator; the window is decided once for run, confirmation and dashboard; the year so
far never shows upheld complaints about staff."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.urls import reverse

from danvan.core.clock import VIETNAM
from danvan.core.errors import DomainError
from danvan.emulation import errors as codes
from danvan.emulation.models import CommitmentYear, EvaluationMethodology, UnitEvaluation
from danvan.emulation.rules.evaluation import EvaluationStatus, cut_off
from danvan.emulation.rules.evaluation_seed import DEFAULT_CODE
from danvan.emulation.selectors import evaluation as selectors
from danvan.emulation.selectors import evaluation_indicators as ind
from danvan.emulation.services import evaluation as services
from danvan.emulation.tests.evaluation.factories import figures
from danvan.emulation.tests.national import rule_keeper

pytestmark = pytest.mark.django_db


def on(frozen_clock, year: int, month: int, day: int) -> None:
    frozen_clock.move_to(dt.datetime(year, month, day, 9, 0, tzinfo=VIETNAM))


def test_the_cut_off_is_today_in_the_year_and_its_last_day_after():
    assert cut_off(2026, dt.date(2026, 12, 2)) == dt.date(2026, 12, 2)
    assert cut_off(2025, dt.date(2026, 2, 5)) == dt.date(2025, 12, 31)


def test_a_dialogue_commitment_due_later_in_the_year_is_not_yet_owed(frozen_clock):
    from danvan.reception.choices import CommitmentStatus
    from danvan.reception.tests.compliance.helpers import commitment
    from danvan.reception.tests.factories import make_reception_world

    w = make_reception_world()
    commitment(w.phuong, w.chair, dt.date(2026, 3, 1), status=CommitmentStatus.KEPT)
    commitment(w.phuong, w.chair, dt.date(2026, 12, 20))  # open, due in 18 days
    on(frozen_clock, 2026, 12, 2)
    kept = ind.measure(["dialogue_commitments_kept"], [w.phuong.pk], 2026, as_of=dt.date(2026, 12, 2))
    figure = kept["dialogue_commitments_kept"][w.phuong.pk].figure
    assert figure is not None and (figure.numerator, figure.denominator, figure.value) == (1, 1, 100.0)
    # On the 21st it fell due unkept: 1 of 2.
    later = ind.measure(["dialogue_commitments_kept"], [w.phuong.pk], 2026, as_of=dt.date(2026, 12, 21))
    figure = later["dialogue_commitments_kept"][w.phuong.pk].figure
    assert figure is not None and (figure.numerator, figure.denominator) == (1, 2)


def test_the_month_in_progress_owes_no_sessions_yet(frozen_clock):
    from danvan.reception.choices import SessionStatus
    from danvan.reception.tests.factories import at, make_reception_world, session

    # The commune chair owes one session a week to 30 June 2026 (26 Mondays), then two a month (R2026).
    w = make_reception_world()
    for day in (dt.date(2026, 11, 2), dt.date(2026, 11, 9), dt.date(2026, 12, 1)):
        session(w.point, w.chair, at(day.year, day.month, day.day), status=SessionStatus.HELD)
    on(frozen_clock, 2026, 12, 2)
    got = ind.measure(["reception_sessions"], [w.phuong.pk], 2026, as_of=dt.date(2026, 12, 2))
    figure = got["reception_sessions"][w.phuong.pk].figure
    # January to November: 26 + 5 × 2 = 36 owed; December (2 more, the 1st's session) is not over: neither.
    assert figure is not None and (figure.numerator, figure.denominator, figure.value) == (2, 36, 5.6)
    # The year over: all 38 are owed, the 3 sessions held count.
    on(frozen_clock, 2027, 1, 4)
    got = ind.measure(["reception_sessions"], [w.phuong.pk], 2026)
    figure = got["reception_sessions"][w.phuong.pk].figure
    assert figure is not None and (figure.numerator, figure.denominator) == (3, 38)


def test_commitments_completed_waits_for_the_year_end_review_to_close(hue, frozen_clock, monkeypatch):
    from danvan.emulation.selectors import commitments

    CommitmentYear.objects.update_or_create(year=2026, defaults={
        "registration_opens_on": dt.date(2026, 1, 1), "registration_closes_on": dt.date(2026, 3, 31),
        "midyear_opens_on": dt.date(2026, 6, 15), "midyear_closes_on": dt.date(2026, 7, 15),
        "yearend_opens_on": dt.date(2026, 12, 1), "yearend_closes_on": dt.date(2026, 12, 20), "source": "QĐ",
    })  # fmt: skip
    monkeypatch.setattr(commitments, "commitments_yearly_figures", lambda *, organization_ids, year: {
        hue.ward.pk: {"commitments_registered": 4, "commitments_assessed_completed": 1}})  # fmt: skip
    on(frozen_clock, 2026, 12, 5)
    got = ind.measure(["commitments_completed"], [hue.ward.pk], 2026, as_of=dt.date(2026, 12, 5))
    assert got["commitments_completed"][hue.ward.pk] == ind.Measured(None, ind.NOT_DUE_YET)
    on(frozen_clock, 2026, 12, 21)
    got = ind.measure(["commitments_completed"], [hue.ward.pk], 2026, as_of=dt.date(2026, 12, 21))
    figure = got["commitments_completed"][hue.ward.pk].figure
    assert figure is not None and (figure.numerator, figure.denominator, figure.value) == (1, 4, 25.0)
    # A past year whose review closes in January is measured once it has closed, though its cut-off is 31/12.
    CommitmentYear.objects.filter(year=2026).update(yearend_closes_on=dt.date(2027, 1, 10))
    on(frozen_clock, 2027, 1, 5)
    assert ind.measure(["commitments_completed"], [hue.ward.pk], 2026)["commitments_completed"][hue.ward.pk].why == (
        ind.NOT_DUE_YET
    )
    on(frozen_clock, 2027, 1, 11)
    assert (
        ind.measure(["commitments_completed"], [hue.ward.pk], 2026)["commitments_completed"][hue.ward.pk].figure
        == figure
    )


def test_a_run_stores_the_cut_off_it_measured_as_of(hue, frozen_clock):
    with figures({hue.ward.pk: 96.0}):
        services.evaluation_run(user=hue.dan_van, organizations=[hue.ward], year=2025)  # on 5 February 2026
    assert UnitEvaluation.objects.get(year=2025).measured_on == dt.date(2025, 12, 31)


def test_run_confirm_and_dashboard_agree_on_the_window_after_a_new_version(client, hue, frozen_clock):
    operator = rule_keeper()  # the methodology is a national rule table (core.reference_data)
    v1 = EvaluationMethodology.objects.get(code=DEFAULT_CODE, version=1)
    on(frozen_clock, 2026, 12, 5)  # v1 opens 2026 on 1 December: the units are run
    with figures({hue.ward.pk: 96.0}):
        services.evaluation_run(user=hue.dan_van, organizations=[hue.ward], year=2026)
    proposed = UnitEvaluation.objects.get(year=2026)
    assert proposed.methodology == v1
    v2 = services.methodology_edit(user=operator, methodology=v1, opens=(12, 20), valid_from=dt.date(2026, 1, 1))
    services.methodology_confirm(user=operator, methodology=v2)
    on(frozen_clock, 2026, 12, 6)
    assert selectors.window(2026) == selectors.Window(2026, dt.date(2026, 12, 20), False)
    with pytest.raises(DomainError) as refused:  # confirming under v1's window no longer
        services.evaluation_confirm(user=hue.dan_van, evaluation=proposed, grade="tot", reason="x")
    assert refused.value.code == codes.NOT_OPEN and "20/12/2026" in refused.value.message
    with pytest.raises(DomainError) as refused:
        services.evaluation_run(user=hue.dan_van, organizations=[hue.ward], year=2026)
    assert refused.value.code == codes.NOT_OPEN
    client.force_login(hue.dan_van)
    page = client.get(reverse("emulation:evaluation_dashboard"), {"year": 2026})
    assert page.context["provisional"] and page.context["year"] == 2026
    assert UnitEvaluation.objects.get(pk=proposed.pk).status == EvaluationStatus.PROPOSED
    on(frozen_clock, 2026, 12, 20)  # all three open together
    assert selectors.window(2026).open
    confirmed = services.evaluation_confirm(user=hue.dan_van, evaluation=proposed, grade="tot", reason="x")
    assert confirmed.status == EvaluationStatus.CONFIRMED
    client.force_login(hue.dan_van)  # a new day's session
    assert not client.get(reverse("emulation:evaluation_dashboard"), {"year": 2026}).context["provisional"]


def test_the_year_so_far_never_shows_upheld_complaints_about_staff(client, hue, frozen_clock):
    with figures({hue.ward.pk: 1.0}, key="staff_complaints_upheld"), figures({hue.ward.pk: 88.0}):
        client.force_login(hue.dan_van)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        page = client.get(reverse("emulation:evaluation_dashboard"), {"year": 2026})
        rows = {row.organization.pk: lines for row, lines in page.context["ytd"]}
        upheld = next(x for x in rows[hue.ward.pk] if x["key"] == "staff_complaints_upheld")
        assert upheld["figure"] is None and upheld["why"] == ind.YEARLY_ONLY
        assert next(x for x in rows[hue.ward.pk] if x["key"] == "cases_on_time")["figure"]["value"] == 88.0
        html = page.content.decode().split('id="year-to-date"')[1]
        assert '<span class="ev-value ev-not-measured ev-yearly-only">shown in the yearly evaluation</span>' in html
        # The yearly evaluation, once open, measures it.
        on(frozen_clock, 2026, 12, 1)
        services.evaluation_run(user=hue.dan_van, organizations=[hue.ward], year=2026)
    line = next(x for x in UnitEvaluation.objects.get(year=2026).lines if x["key"] == "staff_complaints_upheld")
    assert line["figure"] is not None and line["figure"]["value"] == 1.0, line
