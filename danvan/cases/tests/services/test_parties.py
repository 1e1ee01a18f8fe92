import pytest

from danvan.cases.choices import Track
from danvan.cases.models import CaseParty
from danvan.cases.services.parties import case_parties_set
from danvan.cases.tests.conftest import submit
from danvan.core.errors import DomainError, PermissionDenied

pytestmark = pytest.mark.django_db


def people(n: int, representatives: int) -> list[dict]:
    return [{"name": f"Người {i}", "address": "Huế", "is_representative": i < representatives} for i in range(n)]


@pytest.mark.parametrize(("n", "reps", "ok"), [(3, 0, True), (3, 2, False), (5, 0, False), (5, 2, True), (10, 3, False),
                                               (11, 5, True), (11, 6, False)])  # fmt: skip
def test_representatives_fit_the_group_size(world, n, reps, ok):
    case = submit(track=Track.KHIEU_NAI).case
    if ok:
        case_parties_set(case=case, actor=world.handler, parties=people(n, reps))
        case.refresh_from_db()
        assert case.people_count == n and case.is_crowd == (n >= 5)
        assert CaseParty.objects.filter(case=case, is_representative=True).count() == reps
    else:
        with pytest.raises(DomainError):
            case_parties_set(case=case, actor=world.handler, parties=people(n, reps))
        assert not CaseParty.objects.filter(case=case).exists()


def test_a_to_cao_groups_names_are_sealed(world):
    case = submit(track=Track.TO_CAO).case
    case_parties_set(case=case, actor=world.handler, parties=people(6, 1))
    assert not CaseParty.objects.filter(case=case).exclude(name="").exists()
    assert all("Người" not in p.sealed for p in CaseParty.objects.filter(case=case))


def test_only_the_handling_body_lists_petitioners(world):
    case = submit().case
    with pytest.raises(PermissionDenied):
        case_parties_set(case=case, actor=world.other_handler, parties=people(2, 0))
