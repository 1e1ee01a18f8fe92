import pytest

from danvan.cases import errors as codes
from danvan.cases.choices import Track
from danvan.cases.models import CaseParty
from danvan.cases.services.parties import case_parties_set
from danvan.cases.tests.factories import submit
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
        with pytest.raises(DomainError) as refused:
            case_parties_set(case=case, actor=world.handler, parties=people(n, reps))
        assert refused.value.code == codes.REPRESENTATIVES
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


@pytest.mark.parametrize(
    "phone", ["not-a-phone", "<b>0912</b>", "0912345678\r\nX: 1", "12", "0912 345 678 999 111 222"]
)
def test_a_petitioners_phone_goes_through_the_one_contact_rule_and_nothing_is_stored(world, phone):
    """The same rule as the citizen's form, REST and Open311 (core.contacts), naming the line refused."""
    from danvan.core import contacts

    case = submit(track=Track.KHIEU_NAI).case
    group = [{"name": "Người 0", "address": "Huế", "phone": "0912 345 678"},
             {"name": "Người 1", "address": "Huế", "phone": phone}]  # fmt: skip
    with pytest.raises(DomainError) as refused:
        case_parties_set(case=case, actor=world.handler, parties=group)
    assert refused.value.code == codes.INVALID_PARTY
    assert refused.value.details == {"people": f"Người 1: {contacts.phone_problem(phone)}"}
    assert not CaseParty.objects.filter(case=case).exists()


def test_a_petitioners_phone_in_any_common_form_is_kept_as_written(world):
    case = submit(track=Track.KHIEU_NAI).case
    case_parties_set(case=case, actor=world.handler, parties=[{"name": "An", "phone": " +84  912 345 678 "}])
    assert CaseParty.objects.get(case=case).phone == "+84 912 345 678"


@pytest.mark.parametrize(("field", "size"), [("name", 201), ("address", 301)])
def test_a_petitioners_name_or_address_longer_than_its_column_is_refused(world, field, size):
    """PostgreSQL would refuse the row (a 500); SQLite would keep it whole: the service refuses first."""
    case = submit(track=Track.KHIEU_NAI).case
    with pytest.raises(DomainError) as refused:
        case_parties_set(case=case, actor=world.handler, parties=[{"name": "An", field: "x" * size}])
    assert refused.value.code == codes.INVALID_PARTY
    assert not CaseParty.objects.filter(case=case).exists()
