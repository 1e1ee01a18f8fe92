"""The usual world is what its docstring says: the tests of every part rely on these counts and scopes."""

from danvan.democracy import permissions
from danvan.democracy.tests.factories import DemocracyWorld
from danvan.org.permissions import user_may


def test_the_world_has_its_households_and_scopes(dworld: DemocracyWorld) -> None:
    assert dworld.village.households.count() == 9
    assert dworld.village2.households.count() == 6
    assert dworld.village.organization.parent_id == dworld.phuong.pk
    # The chair reaches every village of the ward (subtree); a village head only their own.
    assert user_may(dworld.chair, permissions.RUN_DECISIONS, dworld.village2)
    assert user_may(dworld.village_head, permissions.RUN_DECISIONS, dworld.village)
    assert not user_may(dworld.village_head, permissions.RUN_DECISIONS, dworld.village2)
    assert not user_may(dworld.other_chair, permissions.RUN_DECISIONS, dworld.village)
