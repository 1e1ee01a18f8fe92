"""What the unit and body pages read: the overviews of one unit and one body, through the gate."""

import pytest

from danvan.core.errors import NotFound
from danvan.org import selectors
from danvan.org.choices import Role, UnitEra, UnitLevel
from danvan.org.models import AdministrativeUnit
from danvan.org.tests.factories import commune, grant, make_user, province

pytestmark = pytest.mark.django_db


def legacy(level: str, code: int) -> AdministrativeUnit:
    return AdministrativeUnit.objects.get(era=UnitEra.LEGACY, level=level, code=code)


def names(units) -> list[str]:
    return [u.name for u in units]


def test_a_current_commune_shows_the_old_wards_it_took_over_and_the_bodies_the_user_may_see(tree):
    handler = make_user()
    grant(handler, Role.HANDLER, tree.ubnd_phuong)
    overview = selectors.unit_overview(user=handler, pk=commune(19753).pk)
    assert overview["unit"].name == "Phường Phú Xuân"
    assert names(overview["predecessors"]) == ["Phường Đông Ba", "Phường Gia Hội", "Phường Phú Hậu",
                                               "Phường Tây Lộc", "Phường Thuận Hòa", "Phường Thuận Lộc"]  # fmt: skip
    assert names(overview["organizations"]) == ["UBND Phường Phú Xuân"]  # not Tổ dân phố 1: another body
    assert "children" not in overview and "successors" not in overview


def test_a_current_province_also_lists_its_communes_by_name(tree):
    overview = selectors.unit_overview(user=make_user(), pk=province(46).pk)
    assert overview["children"].count() == 40
    assert names(overview["children"][:3]) == ["Xã A Lưới 1", "Xã A Lưới 2", "Xã A Lưới 3"]
    assert names(overview["predecessors"]) == ["Thành phố Huế"]
    assert list(overview["organizations"]) == []  # a citizen sees no body


def test_an_old_ward_shows_who_took_it_over_and_an_old_district_also_what_it_was_made_of():
    ward = selectors.unit_overview(user=make_user(), pk=legacy(UnitLevel.COMMUNE, 27088).pk)
    assert names(ward["successors"]) == ["Phường An Khánh"]
    assert "children" not in ward and "organizations" not in ward
    district = selectors.unit_overview(user=make_user(), pk=ward["unit"].parent_id)
    assert district["unit"].name == "Thành phố Thủ Đức"
    assert len(district["successors"]) == 12 and district["children"].count() == 34


def test_a_unit_that_does_not_exist_is_not_found():
    with pytest.raises(NotFound):
        selectors.unit_overview(user=make_user(), pk=999_999_999)


def test_a_body_shows_its_children_and_only_the_ancestors_the_user_may_see(tree):
    local = make_user()
    grant(local, Role.HANDLER, tree.to_dan_pho)
    grant(local, Role.HANDLER, tree.ubnd)
    overview = selectors.organization_overview(user=local, pk=tree.to_dan_pho.pk)
    assert overview["org"] == tree.to_dan_pho
    assert list(overview["ancestors"]) == [tree.ubnd]  # not UBND Phường Phú Xuân: not theirs
    assert list(overview["children"]) == []
    assert [r.user for r in overview["roles"]] == [local]
    root = make_user()
    grant(root, Role.OPERATOR, tree.ubnd, subtree=True)
    overview = selectors.organization_overview(user=root, pk=tree.to_dan_pho.pk)
    assert list(overview["ancestors"]) == [tree.ubnd, tree.ubnd_phuong]
    assert [(c.name, c.child_count) for c in selectors.organization_overview(user=root, pk=tree.ubnd.pk)["children"]] \
        == [("UBND Phường Phú Xuân", 1), ("Sở Xây dựng Huế", 0)]  # fmt: skip


def test_a_body_the_user_may_not_see_is_not_found_like_a_missing_one(tree):
    outsider = make_user()
    grant(outsider, Role.HANDLER, tree.mttq)
    for pk in (tree.ubnd.pk, 999_999_999):
        with pytest.raises(NotFound):
            selectors.organization_overview(user=outsider, pk=pk)
