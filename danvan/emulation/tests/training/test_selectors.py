"""Training's reads: coverage per body and subtree for a year (who counts, who is trained, "no share" when
nobody must be), who sees it, the public verification's minimal answer, and the evaluation's figures."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.core.errors import NotFound
from danvan.emulation.rules.training import Coverage
from danvan.emulation.selectors import training as selectors
from danvan.emulation.tests.training.factories import certified, course_with_sessions, training_world
from danvan.org.choices import Role
from danvan.org.tests.factories import grant, officer

pytestmark = pytest.mark.django_db


@pytest.fixture
def w():
    return training_world()


def test_coverage_counts_the_officers_to_train_and_those_certified_this_year(w, frozen_clock):
    course = course_with_sessions(w)  # citizen reception: the reception officer's and the handler's topic
    certified(w, course, w.reception)
    report = selectors.coverage_report(user=w.dan_van, root=w.city, year=2026)
    # Phú Xuân: clerk (one-stop), reception officer, handler; Kim Long: a clerk. The heads are not required.
    assert report.total == Coverage(required=4, trained=1)
    assert [b.pk for b in report.rows] == [w.ward.pk, w.other.pk]
    assert report.row(w.ward).own == Coverage(3, 1) and report.row(w.city).subtree == Coverage(4, 1)
    assert report.row(w.city).own == Coverage(0, 0) and report.row(w.city).own.percent is None
    missing = selectors.not_trained(user=w.dan_van, body=w.ward, year=2026)
    assert [(o.name, sorted(o.roles)) for o in missing] == [("Trần Thị Xử Lý", ["handler"]),
                                                          ("Đỗ Thị Tiếp Nhận", ["counter_clerk"])]  # fmt: skip


def test_a_certificate_in_another_topic_or_another_year_does_not_count(w, frozen_clock):
    course = course_with_sessions(w)
    certified(w, course, w.clerk)  # reception training, but a clerk must be trained in one-stop service
    assert selectors.coverage_report(user=w.head, root=w.ward, year=2026).total == Coverage(3, 0)
    frozen_clock.move_to(dt.datetime(2027, 1, 10, 9, 0))
    assert selectors.coverage_report(user=w.head, root=w.ward, year=2027).total == Coverage(3, 0)


def test_an_officer_with_two_roles_must_be_trained_in_both_topics(w, frozen_clock):
    grant(w.reception, Role.COUNTER_CLERK, w.ward)
    certified(w, course_with_sessions(w), w.reception)
    figures = selectors.coverage_report(user=w.head, root=w.ward, year=2026).row(w.ward).own
    assert figures == Coverage(3, 0)
    certified(w, course_with_sessions(w, topic=w.one_stop_topic), w.reception)
    assert selectors.coverage_report(user=w.head, root=w.ward, year=2026).row(w.ward).own == Coverage(3, 1)


def test_the_ward_s_head_sees_his_ward_only_and_a_clerk_nothing(w, frozen_clock):
    assert list(selectors.coverage_bodies_for(w.head)) == [w.ward]
    with pytest.raises(NotFound):  # the city is above him
        selectors.coverage_report(user=w.head, root=w.city, year=2026)
    with pytest.raises(NotFound):
        selectors.coverage_body_get_for(user=w.head, pk=w.other.pk)
    with pytest.raises(NotFound):
        selectors.not_trained(user=w.other_head, body=w.ward, year=2026)
    assert not selectors.coverage_bodies_for(w.clerk).exists()
    handler_of_city = officer("xlcity", Role.HANDLER, w.city, subtree=True)
    assert not selectors.coverage_bodies_for(handler_of_city).exists()


def test_the_verification_shows_initials_and_the_course_nothing_else(w, frozen_clock):
    certificate = certified(w, course_with_sessions(w), w.reception)
    found = selectors.certificate_verify(certificate.number.lower().replace("-", "- ", 1))
    assert found is not None
    assert (found.holder_initials, found.course_title, found.issued_on) == ("A. V. T.", "Kỹ năng tiếp công dân",
                                                                          dt.date(2026, 2, 5))  # fmt: skip
    assert "Ấu" not in repr(found) and "tiepdan" not in repr(found)
    assert selectors.certificate_verify("DT-2026-XXXXXXXX") is None and selectors.certificate_verify("  ") is None


def test_a_certificate_is_shown_to_its_holder_and_organisers_only(w, frozen_clock):
    certificate = certified(w, course_with_sessions(w), w.reception)
    for who in (w.reception, w.head, w.dan_van):
        assert selectors.certificate_get_for(user=who, pk=certificate.pk) == certificate
    for who in (w.clerk, w.other_head):
        with pytest.raises(NotFound):
            selectors.certificate_get_for(user=who, pk=certificate.pk)


def test_the_yearly_figures_give_plain_numbers_per_body_and_omit_bodies_without_officers(w, frozen_clock):
    certified(w, course_with_sessions(w), w.handler)
    figures = selectors.training_yearly_figures(organization_ids=[w.city.pk, w.ward.pk, w.other.pk], year=2026)
    assert {pk: (f.must_be_trained, f.trained) for pk, f in figures.items()} == {w.ward.pk: (3, 1), w.other.pk: (1, 0)}
    assert selectors.training_yearly_figures(organization_ids=[w.ward.pk], year=2025) == {
        w.ward.pk: selectors.YearlyTrainingFigures(3, 0)
    }


def test_a_requirement_not_in_force_that_year_counts_nobody(w, frozen_clock):
    from danvan.emulation.models import TrainingRequirement

    TrainingRequirement.objects.update(valid_from=dt.date(2027, 1, 1))
    assert selectors.training_yearly_figures(organization_ids=[w.ward.pk], year=2026) == {}


def test_a_grant_without_its_subtree_reaches_its_own_body_only(w, frozen_clock):
    city_head = officer("chutichtp", Role.HEAD, w.city)  # no subtree
    assert list(selectors.coverage_bodies_for(city_head)) == [w.city]
    assert list(selectors.bodies_managed_by(city_head)) == [w.city]
    with pytest.raises(NotFound):
        selectors.coverage_body_get_for(user=city_head, pk=w.ward.pk)
    course = course_with_sessions(w)
    with pytest.raises(NotFound):
        selectors.course_get_for(user=city_head, pk=course.pk)
    assert selectors.course_get_for(user=w.dan_van, pk=course.pk) == course  # the city's, with its subtree
    assert not selectors.officers_enrollable(user=city_head, course=course).filter(pk=w.clerk.pk).exists()
