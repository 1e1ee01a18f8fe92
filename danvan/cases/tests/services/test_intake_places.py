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


# The place read from the content, when the place field names no commune -------------------------------------

KIM_LONG_LETTER = (
    "Kính gửi UBND. Đoạn đường kiệt 5 tại phường Kim Long, thành phố Huế bị ngập nước nhiều ngày, nước tràn vào "
    "nhà dân, đề nghị nạo vét cống."
)


def _from_content(case: Case):
    return case.events.filter(action="place_from_content")


def test_an_empty_place_field_takes_the_commune_the_content_names_and_says_so(hue):
    from django.utils import translation

    from danvan.org.tests.factories import KIM_LONG

    RoutingRule.objects.create(organization=ward_body(hue, code=KIM_LONG), unit=commune(KIM_LONG))
    with translation.override("en"):
        case = submit(place_text="", content=KIM_LONG_LETTER).case
    assert case.place_unit == commune(KIM_LONG) and case.place_text == ""
    assert case.handling_organization.name == "UBND Phường Kim Long"
    event = _from_content(case).get()
    assert event.visibility == "internal" and event.actor is None
    assert event.note == (
        "The place field named no commune: Phường Kim Long, Thành phố Huế was read from the petition's content."
    )
    assert event.data == {"unit": commune(KIM_LONG).pk, "place_text": ""}


def test_content_naming_two_communes_or_a_name_of_several_provinces_places_nothing(hue):
    two = submit(place_text="", content="Rác ở phường Kim Long, thành phố Huế và phường Vỹ Dạ, thành phố Huế "
                 "không được thu gom, đề nghị xử lý.").case  # fmt: skip
    several = submit(place_text="", content="Đề nghị UBND xã Thanh Sơn sửa con đường liên thôn bị sạt lở.").case
    for case in (two, several):
        assert case.place_unit is None and not _from_content(case).exists()
        assert case.handling_organization is None  # nothing invented: unplaced, as before


def test_a_commune_written_in_the_place_field_wins_and_the_content_is_not_read(hue):
    case = submit(place_text="phuong phu xuan, hue", content=KIM_LONG_LETTER).case
    assert case.place_unit == commune(PHU_XUAN) and not _from_content(case).exists()


def test_the_content_narrows_the_place_field_and_never_contradicts_it(hue):
    from danvan.org.tests.factories import KIM_LONG

    # the field names only the province: a commune of that province is taken, one elsewhere is not
    assert submit(place_text="Thành phố Huế", content=KIM_LONG_LETTER).case.place_unit == commune(KIM_LONG)
    elsewhere = submit(place_text="Thành phố Huế", content="Đường tại phường Ba Đình, thành phố Hà Nội bị hỏng.").case
    assert elsewhere.place_unit is None and not _from_content(elsewhere).exists()
    # "Phú Vang, Huế" may mean several communes: the content picks one of them, not another ward of Huế
    among = submit(place_text="Phú Vang, Huế", content="Bờ biển tại phường Thuận An, thành phố Huế bị sạt lở.").case
    assert among.place_unit == commune(THUAN_AN) and _from_content(among).exists()
    other = submit(place_text="Phú Vang, Huế", content=KIM_LONG_LETTER).case
    assert other.place_unit is None and not _from_content(other).exists()


def test_a_place_field_that_cannot_be_read_is_asked_about_even_when_the_content_names_a_place(hue):
    """The citizen answers the question about what they typed: a ward the letter mentions (where an earlier
    letter went, say) is not put in its place silently."""
    with pytest.raises(InvalidPetition) as refused:
        submit(place_text="gần cầu Trường Tiền", content=KIM_LONG_LETTER)
    assert refused.value.details["place_text"] == (
        "Không tìm thấy địa danh này. Vui lòng ghi rõ tên xã hoặc phường và tỉnh, thành phố."
    )
    assert Case.objects.count() == 0


def test_a_to_cao_is_never_placed_from_its_content(hue):
    """The denouncer lives in Vỹ Dạ and writes so in words the redaction keeps (a ward alone): the content of a
    tố cáo is not read for its place at all; a person places it from the intake queue."""
    content = ("Tôi trú tại phường Vỹ Dạ, thành phố Huế. Tôi tố cáo cán bộ địa chính tại phường Kim Long, "
               "thành phố Huế nhận tiền của dân khi làm sổ đỏ.")  # fmt: skip
    case = submit(track="to_cao", place_text="", content=content, name="Trần Văn Bình",
                  address="12 Lê Lợi, phường Vỹ Dạ, thành phố Huế", id_number="046090001234").case  # fmt: skip
    assert case.place_unit is None and not _from_content(case).exists()


def test_the_writers_own_address_in_the_letter_is_not_the_matters_place(hue):
    from danvan.org.tests.factories import KIM_LONG

    only_home = submit(place_text="", content="Tôi là Nguyễn Văn An, địa chỉ phường Vỹ Dạ, thành phố Huế. Đề nghị "
                       "sửa đèn đường trước chợ vì tối rất nguy hiểm.").case  # fmt: skip
    assert only_home.place_unit is None and not _from_content(only_home).exists()
    both = submit(place_text="", content="Nhà tôi ở phường Vỹ Dạ, thành phố Huế.\nĐoạn đường kiệt 5 tại phường Kim "
                  "Long, thành phố Huế bị ngập nước nhiều ngày.").case  # fmt: skip
    assert both.place_unit == commune(KIM_LONG)


def test_two_different_places_of_which_one_fits_the_field_still_place_nothing(hue):
    case = submit(place_text="Thành phố Huế", content="Rác từ phường Vỹ Dạ, thành phố Huế và phường Ba Đình, "
                  "thành phố Hà Nội đổ về bãi này.").case  # fmt: skip
    assert case.place_unit is None and not _from_content(case).exists()


def test_a_name_of_several_provinces_is_placed_when_the_letter_gives_its_province(hue):
    case = submit(place_text="", content="Bờ biển tại phường Thuận An, thành phố Huế bị sạt lở, đề nghị kè lại.").case
    assert case.place_unit == commune(THUAN_AN) and _from_content(case).exists()
