from danvan.org.permissions import user_may
from danvan.reception import permissions
from danvan.reception.tests.factories import ReceptionWorld, visit


def test_the_world_scopes_each_officer_to_a_body(rworld: ReceptionWorld) -> None:
    line = visit(rworld.phuong, rworld.officer)
    assert user_may(rworld.officer, permissions.VIEW_VISITORS, line)
    assert not user_may(rworld.other_officer, permissions.VIEW_VISITORS, line)
    assert user_may(rworld.inspector, permissions.VIEW_VISITORS, line)  # the province's subtree
    assert not user_may(rworld.dan_van, permissions.VIEW_VISITORS, line)  # the register, not identities
    assert user_may(rworld.dan_van, permissions.VIEW_REGISTER, line)
