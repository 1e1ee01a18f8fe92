"""Intake and places: the map point names the commune, an ambiguous place is asked about, and a
petition with no commune goes to an intake queue whose owner is told.

Before issue 14 a petition with no resolvable place matched only catch-all routing rules: with none
(as in the demo, whose rules are per commune and per province) it was stored with no handling body,
which only a superuser sees.
"""

from decimal import Decimal

import pytest

from danvan.cases import errors as codes
from danvan.cases.models import Case, IntakeQueue, RoutingRule
from danvan.cases.services.intake import InvalidPetition
from danvan.cases.tests.factories import submit
from danvan.notifications.models import Notification
from danvan.org import places
from danvan.org.choices import Role
from danvan.org.tests.factories import commune, hue_city, officer, organization, province, ward_body

pytestmark = pytest.mark.django_db

VY_DA, PHU_XUAN, XA_PHU_VANG, THUAN_AN = 19777, 19753, 19942, 19900


@pytest.fixture
def hue(db):
    """Huế's UBND, two wards with their routing rules (no catch-all rule), and the points loaded."""
    places.unit_places_load()
    tinh = hue_city()
    for code in (PHU_XUAN, VY_DA):
        RoutingRule.objects.create(organization=ward_body(tinh, code=code), unit=commune(code))
    return tinh


@pytest.fixture
def queue(hue):
    """Huế's reception board owns the petitions of Huế that name no commune."""
    board = organization("Ban Tiếp công dân thành phố Huế", kind="ban_tiep_cong_dan", parent=hue)
    owner = officer("tiepdan", Role.HANDLER, board, email="tiepdan@hue.gov.vn")
    return IntakeQueue.objects.create(province=province(46), organization=board, owner=owner)


def test_a_map_point_alone_names_the_commune_it_lies_in(hue):
    case = submit(place_text="", latitude=Decimal("16.477900"), longitude=Decimal("107.611000")).case
    assert case.place_unit == commune(VY_DA)
    assert case.handling_organization.name == "UBND Phường Vỹ Dạ"
    assert (case.latitude, case.longitude) == (Decimal("16.477900"), Decimal("107.611000"))


def test_a_commune_written_wins_over_the_map_point(hue):
    case = submit(place_text="phuong phu xuan, hue", latitude=Decimal("16.4779"), longitude=Decimal("107.611")).case
    assert case.place_unit == commune(PHU_XUAN)


def test_a_street_address_the_resolver_cannot_place_is_kept_when_the_point_names_the_commune(hue):
    case = submit(place_text="gần cầu Trường Tiền", latitude=Decimal("16.4779"), longitude=Decimal("107.611")).case
    assert case.place_unit == commune(VY_DA) and case.place_text == "gần cầu Trường Tiền"


def test_an_ambiguous_place_is_asked_about_with_the_resolvers_candidates(hue):
    with pytest.raises(InvalidPetition) as refused:
        submit(place_text="Phú Vang, Huế", confirm_place=True)
    assert refused.value.code == codes.INVALID_PETITION
    details = refused.value.details
    assert details["place_text"] == "Địa điểm này khớp với nhiều xã, phường: hãy chọn nơi bạn muốn nói ở dưới."
    choices = details["place_candidates"]
    assert choices[0] == (commune(XA_PHU_VANG).pk, "Xã Phú Vang, Thành phố Huế")
    assert (commune(THUAN_AN).pk, "Phường Thuận An, Thành phố Huế — từ Huyện Phú Vang (cũ)") in choices
    assert Case.objects.count() == 0


def test_the_commune_chosen_among_the_candidates_is_stored(hue):
    case = submit(place_text="Phú Vang, Huế", place_unit_id=commune(THUAN_AN).pk).case
    assert case.place_unit == commune(THUAN_AN) and case.place_text == "Phú Vang, Huế"


def test_without_confirmation_the_api_keeps_its_answer_the_province(hue):
    case = submit(place_text="Phú Vang, Huế").case
    assert case.place_unit is None


def test_a_petition_naming_no_commune_goes_to_the_provinces_intake_queue_and_its_owner_is_told(queue):
    case = submit(place_text="Phú Vang, Huế").case  # the province is known, the commune is not
    assert case.place_unit is None
    assert case.handling_organization == queue.organization
    told = Notification.objects.filter(template="unplaced_intake")
    assert list(
        told.order_by("pk").values_list("channel", "recipient__username", "address", "about_kind", "about_id", "link")
    ) == [
        ("in_app", "tiepdan", "", "cases.case", case.pk, f"/van-hanh/ho-so/{case.pk}/"),
        ("email", None, "tiepdan@hue.gov.vn", "cases.case", case.pk, f"/van-hanh/ho-so/{case.pk}/"),
    ]
    in_app = told.get(channel="in_app")
    assert in_app.subject == f"Hồ sơ {case.tracking_code} chưa xác định được xã, phường: cần chuyển đúng nơi"
    assert "Nguyễn Văn An" not in in_app.body and "an@example.vn" not in in_app.body


def test_a_petition_with_no_place_at_all_goes_to_the_queue_for_anywhere(queue, hue):
    anywhere = IntakeQueue.objects.create(province=None, organization=hue, owner=officer("vanthu", Role.HANDLER, hue))
    case = submit(place_text="").case
    assert case.handling_organization == anywhere.organization
    assert Notification.objects.get(template="unplaced_intake", channel="in_app").recipient.username == "vanthu"


def test_a_placed_petition_goes_by_its_rule_and_nobody_is_told_of_an_unplaced_one(queue):
    case = submit(place_text="phuong vy da, hue").case
    assert case.handling_organization.name == "UBND Phường Vỹ Dạ"
    assert not Notification.objects.filter(template="unplaced_intake").exists()


def test_with_no_queue_set_up_an_unplaced_petition_is_routed_as_before(hue):
    case = submit(place_text="").case
    assert case.handling_organization is None  # what the intake queue exists to prevent: see docs/places.md


def test_a_queue_whose_owner_cannot_see_the_bodys_cases_is_refused_by_its_check(hue):
    from django.core.exceptions import ValidationError

    stranger = officer("nguoila", Role.HANDLER, ward_body(hue, code=VY_DA))
    queue = IntakeQueue(province=province(46), organization=hue, owner=stranger)
    with pytest.raises(ValidationError) as refused:
        queue.full_clean()
    assert refused.value.message_dict == {
        "owner": ["Người phụ trách không có vai trò nào cho phép xem hồ sơ của cơ quan này."]
    }


def test_an_owner_who_may_not_read_denunciations_is_refused_too(hue):
    # Denunciations with no commune land in the queue as well: a Ban Dân vận officer sees the body's
    # feedback and complaints but is not cleared to read a tố cáo (cases.permissions.VIEW_TO_CAO).
    from django.core.exceptions import ValidationError

    viewer = officer("danvan2", Role.DAN_VAN_OFFICER, hue)
    from danvan.cases import permissions as case_permissions
    from danvan.org import permissions

    assert type(hue).objects.filter(permissions.scope_filter(viewer, case_permissions.VIEW), pk=hue.pk).exists()
    queue = IntakeQueue(province=province(46), organization=hue, owner=viewer)
    with pytest.raises(ValidationError) as refused:
        queue.full_clean()
    assert refused.value.message_dict == {
        "owner": ["Người phụ trách không có vai trò nào cho phép xem hồ sơ của cơ quan này."]
    }
