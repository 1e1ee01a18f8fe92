import pytest

from danvan.cases.choices import Track
from danvan.cases.notices import notice_not_accepted
from danvan.cases.services import handling
from danvan.cases.tests.factories import submit

pytestmark = pytest.mark.django_db


def test_the_notice_of_non_acceptance_states_its_legal_ground_in_nd30_layout(world, frozen_clock):
    case = submit(track=Track.KHIEU_NAI).case
    handling.case_reject(case=case, actor=world.handler, reason="6")
    html = notice_not_accepted(case).html
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in html and "Độc lập - Tự do - Hạnh phúc" in html
    assert "UBND PHƯỜNG PHÚ XUÂN" in html and "Phú Xuân, ngày 05 tháng 02 năm 2026" in html
    assert "Điều 11 và Điều 27 Luật Khiếu nại" in html and "Điều 11 khoản 6" in html
    assert "Kính gửi: Nguyễn Văn An" in html


def test_a_to_cao_notice_never_prints_the_denouncer(world):
    case = submit(track=Track.TO_CAO).case
    handling.case_reject(case=case, actor=world.handler, reason="unidentifiable")
    html = notice_not_accepted(case).html
    assert "Nguyễn Văn An" not in html and "0912345678" not in html and "Kính gửi: người tố cáo" in html
