import pytest

from danvan.cases.competence import competent_body
from danvan.cases.models import CompetenceRule
from danvan.org.tests.factories import commune, hue_city, organization, ward_body

pytestmark = pytest.mark.django_db


def test_the_seeded_table_sends_a_second_complaint_against_a_commune_to_the_province_ubnd():
    tinh = hue_city()
    phuong = ward_body(tinh)
    office = organization("Phòng Kinh tế Phú Xuân", kind="phong_chuyen_mon", unit=commune(19753), parent=phuong)
    assert competent_body(track="khieu_nai", round_=1, acted_by=phuong) == phuong
    assert competent_body(track="khieu_nai", round_=2, acted_by=phuong) == tinh
    assert competent_body(track="khieu_nai", round_=2, acted_by=office) == phuong
    assert competent_body(track="khieu_nai", round_=2, acted_by=tinh) is None  # a minister: outside the platform


def test_an_operator_can_correct_a_row_without_a_release():
    tinh = hue_city()
    phuong = ward_body(tinh)
    CompetenceRule.objects.filter(
        track="khieu_nai", round=2, acted_by_kind__code="ubnd", acted_by_level="commune"
    ).update(resolver="same")
    assert competent_body(track="khieu_nai", round_=2, acted_by=phuong) == phuong
    assert CompetenceRule.objects.filter(confidence="U").exists()
