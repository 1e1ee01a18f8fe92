"""Commendation's pages: who gets 404, the flow through the forms (a decision without its number refused
on the page, nothing stored), the printable decision in both template families, the printable list, the
discipline records' least privilege, and the list's pinned query count."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from danvan.emulation.models import CommendationProposal, DisciplineRecord
from danvan.emulation.services import commendation as services
from danvan.emulation.tests.commendation.factories import TODAY, decide, form, proposed, reviewed
from danvan.org.choices import Role
from danvan.org.tests.factories import grant, officer, organization

BASE = "/van-hanh/thi-dua/khen-thuong/"


def _login(client, user):
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def test_the_pages_keep_their_addresses():
    assert reverse("emulation:commendation_list") == BASE
    assert reverse("emulation:commendation_propose") == f"{BASE}de-nghi/"
    assert reverse("emulation:commendation_print", args=[3]) == f"{BASE}3/in/"
    assert reverse("emulation:discipline_list") == f"{BASE}ky-luat/"


def test_the_list_shows_ones_units_proposals_only(client, w, django_assert_max_num_queries):
    proposal = proposed(w)
    for _ in range(3):
        services.proposal_create(actor=w.ward_head, organization=w.ward, collective=w.ward_front, level="xa",
                                 form=form("giay-khen"), achievements="Tốt")  # fmt: skip
    _login(client, w.ward_head)
    with django_assert_max_num_queries(14):
        page = client.get(BASE)
    assert page.status_code == 200 and f'data-id="{proposal.pk}"' in page.text
    _login(client, w.other_head)  # Kim Long's head: the page, none of Phú Xuân's proposals, their pages 404
    page = client.get(BASE)
    assert page.status_code == 200 and f'data-id="{proposal.pk}"' not in page.text
    assert client.get(f"{BASE}{proposal.pk}/").status_code == 404
    _login(client, w.stranger)  # a handler: no commendation role
    assert client.get(BASE).status_code == 404
    assert client.get(f"{BASE}{proposal.pk}/").status_code == 404
    assert client.get(f"{BASE}de-nghi/").status_code == 404


def test_a_collective_is_proposed_through_the_form(client, w):
    _login(client, w.ward_head)
    assert client.get(f"{BASE}de-nghi/").status_code == 200
    bad = client.post(f"{BASE}de-nghi/", {"organization": w.ward.pk, "subject_kind": "collective",
                                          "form": form("giay-khen").pk, "level": "xa", "achievements": "Tốt"})  # fmt: skip
    assert bad.status_code == 400 and not CommendationProposal.objects.exists()  # no collective chosen
    done = client.post(f"{BASE}de-nghi/", {"organization": w.ward.pk, "subject_kind": "collective",
                                           "collective": w.ward_front.pk, "person": "", "form": form("giay-khen").pk,
                                           "level": "xa", "achievements": "Vận động 450 hộ."})  # fmt: skip
    proposal = CommendationProposal.objects.get()
    assert done.status_code == 302 and done.url == f"{BASE}{proposal.pk}/"
    assert (proposal.subject_kind, proposal.collective) == ("collective", w.ward_front)


def test_the_council_and_the_decision_through_the_pages(client, w):
    from danvan.emulation.tests.commendation.factories import city_front

    proposal = proposed(w)
    _login(client, w.province_dv)
    page = client.get(f"{BASE}{proposal.pk}/")
    assert page.status_code == 200 and 'id="decision-form"' in page.text
    own = client.post(f"{BASE}{proposal.pk}/hoi-dong/", {"member": w.ward_front_officer.pk,
                                                         "organization": w.ward_front.pk})  # fmt: skip
    assert own.status_code == 400 and "cannot sit on the council" in own.text
    for member, body in ((w.scorer_city, city_front()), (w.scorer_other, w.other_front)):
        assert (
            client.post(f"{BASE}{proposal.pk}/hoi-dong/", {"member": member.pk, "organization": body.pk}).status_code
            == 302
        )
    for member in (w.scorer_city, w.scorer_other):
        _login(client, member)
        assert 'id="give-opinion"' in client.get(f"{BASE}{proposal.pk}/").text
        assert (
            client.post(f"{BASE}{proposal.pk}/y-kien/", {"opinion": "agree", "reason": "Hiệu quả."}).status_code == 302
        )
    _login(client, w.province_dv)
    data = {
        "deciding_organization": w.city.pk,
        "decision_number": "",
        "decided_on": "2026-02-05",
        "signer_name": "Nguyễn Văn Phương",
        "signer_title": "Chủ tịch",
        "form": form("bang-khen").pk,
        "level": "tinh",
    }
    refused = client.post(f"{BASE}{proposal.pk}/quyet-dinh/", data)
    assert refused.status_code == 400 and "needs its decision number" in refused.text
    assert CommendationProposal.objects.get(pk=proposal.pk).status == "proposed"
    assert client.get(f"{BASE}{proposal.pk}/in/").status_code == 404  # not decided: nothing to print
    done = client.post(f"{BASE}{proposal.pk}/quyet-dinh/", {**data, "decision_number": "215/QĐ-UBND"})
    assert done.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decision_number, proposal.decided_on) == ("decided", "215/QĐ-UBND", TODAY)
    printed = client.get(f"{BASE}{proposal.pk}/in/")
    assert printed.status_code == 200
    for text in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 215/QĐ-UBND", "QUYẾT ĐỊNH", "Tặng Bằng khen",
                 "Nguyễn Văn Phương", 'data-family="state"'):  # fmt: skip
        assert text in printed.text
    listed = client.get(f"{BASE}danh-sach/in/?nam=2026")
    assert listed.status_code == 200 and f'data-id="{proposal.pk}"' in listed.text and "Tổng số: 1." in listed.text
    _login(client, w.other_head)
    assert client.get(f"{BASE}{proposal.pk}/in/").status_code == 404


def test_the_proposal_page_has_a_pinned_query_count(client, w, django_assert_max_num_queries):
    proposal = reviewed(w)
    _login(client, w.province_dv)
    client.get(f"{BASE}{proposal.pk}/")  # warm the per-request caches' first fill out of the count
    with django_assert_max_num_queries(12):
        page = client.get(f"{BASE}{proposal.pk}/")
    assert page.status_code == 200 and page.text.count("data-user=") == 2


def test_a_party_bodys_decision_prints_in_the_party_layout(client, w):
    committee = organization("Thành ủy Huế", kind="tinh_uy", unit=w.city.unit, parent=w.city)
    grant(w.province_dv, Role.DAN_VAN_OFFICER, committee)
    proposal = decide(w, reviewed(w), deciding_organization=committee, decision_number="215-QĐ/ĐU")
    assert proposal.document_family == "party"
    _login(client, w.province_dv)
    printed = client.get(f"{BASE}{proposal.pk}/in/")
    assert printed.status_code == 200
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in printed.text and "Số 215-QĐ/ĐU" in printed.text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in printed.text and 'data-family="party"' in printed.text


def test_discipline_records_are_seen_by_the_person_their_head_and_nobody_else(client, w):
    _login(client, w.ward_head)
    data = {"organization": w.ward.pk, "person": w.stranger.pk, "form": form("khien-trach").pk,
            "decision_number": "12/QĐ-UBND", "decided_on": "2026-02-01", "deciding_organization": w.ward.pk,
            "ground": "", "case_tracking_code": ""}  # fmt: skip
    assert client.post(f"{BASE}ky-luat/", data).status_code == 400 and not DisciplineRecord.objects.exists()
    done = client.post(f"{BASE}ky-luat/", {**data, "ground": "Thái độ thiếu tôn trọng công dân."})
    record = DisciplineRecord.objects.get()
    assert done.status_code == 302 and done.url == f"{BASE}ky-luat/{record.pk}/"
    assert client.get(f"{BASE}ky-luat/{record.pk}/").status_code == 200
    _login(client, w.stranger)  # the person himself
    assert client.get(f"{BASE}ky-luat/{record.pk}/").status_code == 200
    assert f'data-id="{record.pk}"' in client.get(f"{BASE}ky-luat/").text
    assert client.post(f"{BASE}ky-luat/", data).status_code == 404  # he does not record
    colleague = officer("xuly2", Role.HANDLER, w.ward)
    for user in (w.other_head, w.province_dv, w.ward_front_officer, colleague):
        _login(client, user)
        assert client.get(f"{BASE}ky-luat/{record.pk}/").status_code == 404
        assert f'data-id="{record.pk}"' not in client.get(f"{BASE}ky-luat/").text
