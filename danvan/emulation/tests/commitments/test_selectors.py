"""The figures per unit (for the yearly evaluation too), and who sees a commitment."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings

from danvan.core.clock import VIETNAM
from danvan.core.errors import NotFound
from danvan.emulation.selectors import commitments as selectors
from danvan.emulation.services import commitments as services
from danvan.emulation.tests.commitments.factories import register, world
from danvan.org.choices import Role
from danvan.org.tests.factories import officer

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(frozen_clock):
    return world()


def test_the_yearly_figures_count_cadres_commitments_and_completed_ones(w, frozen_clock, django_assert_num_queries):
    officer("vanhanh", Role.OPERATOR, w.ward)  # a technical role: not a cadre
    officer("dan", Role.CITIZEN, w.ward)
    a, b = register(w.cadre, w.ward, "A"), register(w.cadre, w.ward, "B")
    register(w.clerk, w.ward, "C")
    frozen_clock.move_to(dt.datetime(2026, 11, 10, 2, 0, tzinfo=dt.UTC))
    for c, rating in ((a, "completed"), (b, "not_completed")):
        review = services.review_submit(user=w.cadre, commitment=c, period="yearend", text="x", self_rating="partly")
        services.review_assess(user=w.head, review=review, assessment=rating)
    # a completed review later changed (a new version, not yet assessed) no longer counts as completed
    review_a = services.review_submit(user=w.cadre, commitment=a, period="yearend", text="y", self_rating="partly",
                                      change_reason="Bổ sung")  # fmt: skip
    assert review_a.version == 2
    with django_assert_num_queries(4):
        figures = selectors.commitments_yearly_figures(organization_ids=[w.ward.pk, w.other.pk], year=2026)
    assert figures[w.ward.pk] == {"cadres_expected": 3, "cadres_with_commitment": 2, "commitments_registered": 3,
                                  "commitments_assessed_completed": 0}  # fmt: skip
    services.review_assess(user=w.head, review=review_a, assessment="completed")
    figures = selectors.commitments_yearly_figures(organization_ids=[w.ward.pk, w.other.pk], year=2026)
    assert figures[w.ward.pk]["commitments_assessed_completed"] == 1
    assert figures[w.other.pk] == {"cadres_expected": 2, "cadres_with_commitment": 0, "commitments_registered": 0,
                                   "commitments_assessed_completed": 0}  # fmt: skip
    assert selectors.commitments_yearly_figures(organization_ids=[w.ward.pk], year=2025)[w.ward.pk][
        "commitments_registered"] == 0  # fmt: skip


@pytest.mark.parametrize(
    ("who", "sees"),
    [("cadre", True), ("head", True), ("city_head", True), ("dan_van", True), ("clerk", False),
     ("other_head", False), ("other_cadre", False)],
)  # fmt: skip
def test_a_commitment_is_found_only_by_its_person_head_and_evaluators(w, who, sees):
    commitment = register(w.cadre, w.ward)
    if sees:
        assert selectors.commitment_get_for(user=getattr(w, who), pk=commitment.pk) == commitment
    else:
        with pytest.raises(NotFound):
            selectors.commitment_get_for(user=getattr(w, who), pk=commitment.pk)


@pytest.mark.parametrize("subtree", [True, False])
def test_a_dan_van_officer_of_the_same_body_reads_no_colleague_s_review(w, subtree):
    """A dân vận officer of the ward is a colleague there, not its evaluator: not the cadre's commitment,
    not the head's, not their evidence — with or without the subtree on the ward."""
    colleague = officer("dvphuong", Role.DAN_VAN_OFFICER, w.ward, subtree=subtree)
    for commitment in (register(w.cadre, w.ward), register(w.head, w.ward, "Đối thoại với dân")):
        with pytest.raises(NotFound):
            selectors.commitment_get_for(user=colleague, pk=commitment.pk)
        with pytest.raises(NotFound):
            selectors.evidence_get_for(user=colleague, commitment_pk=commitment.pk, pk=1)
    # his own commitment he reads as its person
    own = register(colleague, w.ward, "Nắm tình hình dân cư")
    assert selectors.commitment_get_for(user=colleague, pk=own.pk) == own


def test_an_officer_above_without_the_subtree_reads_no_review(w):
    above = officer("dvtp", Role.DAN_VAN_OFFICER, w.city)
    with pytest.raises(NotFound):
        selectors.commitment_get_for(user=above, pk=register(w.cadre, w.ward).pk)


def test_a_dan_van_officer_of_a_ward_only_sees_its_subtree(w):
    register(w.other_cadre, w.other)
    local = officer("dvphuong", Role.DAN_VAN_OFFICER, w.ward, subtree=True)
    assert [r.organization for r in selectors.units_for(user=local, year=selectors.commitment_year_get(2026))] == [
        w.ward
    ]
    assert not selectors.commitments_to_assess(user=local, year=2026).exists()


def test_the_command_reminds_once(w):
    first, second = StringIO(), StringIO()
    call_command("emulation_commitments_remind", stdout=first)
    call_command("emulation_commitments_remind", stdout=second)
    assert first.getvalue().strip() == "Đã nhắc 7 người; 0 người đã được nhắc trước đó."
    assert second.getvalue().strip() == "Đã nhắc 0 người; 7 người đã được nhắc trước đó."


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_the_schedule_option_queues_the_sweep_once(db):
    from django_tasks_db.models import DBTaskResult

    first, second = StringIO(), StringIO()
    call_command("emulation_commitments_remind", "--schedule", stdout=first)
    call_command("emulation_commitments_remind", "--schedule", stdout=second)
    assert first.getvalue().startswith("Đã xếp lịch nhắc cam kết lúc ")
    assert second.getvalue().strip() == "Đã có lượt nhắc cam kết đang chờ."
    waiting = DBTaskResult.objects.get(task_path="danvan.emulation.tasks_commitments.commitments_remind")
    assert waiting.run_after.astimezone(VIETNAM).time() == dt.time(7, 20)
