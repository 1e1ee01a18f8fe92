"""The shared factories make what they say: the usual world, and cases moved along each track."""

import datetime as dt

import pytest

from danvan.cases.choices import Status, Track
from danvan.cases.tests.factories import case_at, citizen_with_case
from danvan.org import permissions
from danvan.org.choices import Role

pytestmark = pytest.mark.django_db


def test_the_world_is_huế_with_two_wards_and_their_officers(world):
    assert [world.ubnd_tinh.name, world.phuong.name, world.other.name] == [
        "UBND thành phố Huế", "UBND Phường Phú Xuân", "UBND Phường Kim Long"]  # fmt: skip
    assert world.phuong.parent == world.other.parent == world.ubnd_tinh
    assert permissions.roles_of(world.head) == {Role.HEAD}
    assert permissions.roles_of(world.citizen) == set()


PATHS = {
    Track.PAKN: [Status.RECEIVED, Status.REGISTERED, Status.ANSWERED, Status.CLOSED],
    Track.KHIEU_NAI: [Status.RECEIVED, Status.ACCEPTED, Status.VERIFYING, Status.DECIDED, Status.NOTIFIED,
                      Status.FINAL, Status.CLOSED],
    Track.TO_CAO: [Status.RECEIVED, Status.ACCEPTED, Status.VERIFYING, Status.CONCLUDED, Status.NOTIFIED, Status.CLOSED],
}  # fmt: skip


@pytest.mark.parametrize(("track", "path"), PATHS.items())
def test_a_case_is_moved_along_its_track_to_the_status_asked_for(world, frozen_clock, track, path):
    for status in path:
        case = case_at(status, handler=world.handler, head=world.head, track=track)
        assert (case.track, case.status, case.handling_organization) == (track, status, world.phuong)
        assert case.received_on == dt.date(2026, 2, 5)
        assert case.events.count() == path.index(status) + 1  # one timeline event per step


def test_the_legal_clock_runs_from_the_step_taken_at_the_test_s_time(world, frozen_clock):
    # Luật Khiếu nại 2011, Điều 28: 30 days from 05/02/2026 → Saturday 07/03 → Monday 09/03/2026.
    case = case_at(Status.ACCEPTED, handler=world.handler, head=world.head, track=Track.KHIEU_NAI)
    assert (case.due_on, case.due_step) == (dt.date(2026, 3, 9), "khieu_nai.giai_quyet_lan_1")


def test_a_status_off_the_usual_path_is_refused(world):
    with pytest.raises(ValueError, match="suspended"):
        case_at(Status.SUSPENDED, handler=world.handler, head=world.head, track=Track.KHIEU_NAI)


def test_a_citizen_with_a_case_submitted_it_signed_in(world):
    citizen, case = citizen_with_case("dan1", track=Track.KHIEU_NAI)
    assert case.submitter == citizen and case.status == Status.RECEIVED
