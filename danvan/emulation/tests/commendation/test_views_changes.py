"""The pages added for issue 17's second round: the forms and the table of who gives which form (national rule
tables: who holds the model permission edits, those who decide read, others 404), a decision refused on the page for want of authority,
and a discipline record withdrawn and corrected through its page."""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from danvan.emulation.models import CommendationAuthority, CommendationForm, CommendationProposal, DisciplineRecord
from danvan.emulation.services import commendation as services
from danvan.emulation.tests.commendation.factories import form, reviewed
from danvan.emulation.tests.national import rule_keeper
from danvan.org.choices import Role
from danvan.org.models import OrganizationKind
from danvan.org.tests.factories import officer

BASE = "/van-hanh/thi-dua/khen-thuong/"


def _login(client, user):
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def test_the_forms_page_is_the_rule_keepers(client, w):
    _login(client, rule_keeper())
    page = client.get(f"{BASE}hinh-thuc/")
    assert page.status_code == 200 and 'id="forms"' in page.text
    bad = client.post(f"{BASE}hinh-thuc/", {"name": "Huy hiệu", "code": "giay-khen", "family": "commendation",
                                           "levels": ["tinh"], "source": "[U]"})  # fmt: skip
    assert bad.status_code == 400 and "is taken by another form" in bad.text
    done = client.post(f"{BASE}hinh-thuc/", {"name": "Huy hiệu", "code": "huy-hieu", "family": "commendation",
                                            "levels": ["tinh"], "source": "[U] chưa đọc"})  # fmt: skip
    assert done.status_code == 302
    added = CommendationForm.objects.get(code="huy-hieu")
    assert client.post(f"{BASE}hinh-thuc/{added.pk}/doi-ten/", {"name": "Huy hiệu Dân vận"}).status_code == 302
    assert client.post(f"{BASE}hinh-thuc/{added.pk}/ngung/").status_code == 302
    added.refresh_from_db()
    assert (added.name, added.is_active) == ("Huy hiệu Dân vận", False)
    assert "Retired" in client.get(f"{BASE}hinh-thuc/").text
    province_op = officer("vhtinh", Role.OPERATOR, w.city, subtree=True)
    for user in (officer("vhxa", Role.OPERATOR, w.ward, subtree=True), province_op, w.ward_head, w.province_dv,
                 w.stranger):  # fmt: skip
        _login(client, user)
        assert client.get(f"{BASE}hinh-thuc/").status_code == 404
        assert client.post(f"{BASE}hinh-thuc/{added.pk}/doi-ten/", {"name": "X"}).status_code == 404
        assert client.post(f"{BASE}hinh-thuc/{form('giay-khen').pk}/ngung/").status_code == 404
    assert form("giay-khen").is_active and CommendationForm.objects.get(pk=added.pk).name == "Huy hiệu Dân vận"


def test_the_authority_table_is_read_by_deciders_and_kept_by_the_rule_keeper(client, w):
    _login(client, w.province_dv)  # decides: reads, no form to add
    page = client.get(f"{BASE}tham-quyen/")
    assert page.status_code == 200 and 'id="authorities"' in page.text and 'id="add-rule"' not in page.text
    row = CommendationAuthority.objects.get(form__code="giay-khen", level="xa", kind__code="ubnd")
    assert client.post(f"{BASE}tham-quyen/", {}).status_code == 404
    assert client.get(f"{BASE}tham-quyen/{row.pk}/").status_code == 404
    for user in (w.stranger, officer("vhtinh", Role.OPERATOR, w.city, subtree=True)):
        _login(client, user)
        assert client.get(f"{BASE}tham-quyen/").status_code == 404
        assert client.post(f"{BASE}tham-quyen/", {}).status_code == 404
        assert client.get(f"{BASE}tham-quyen/{row.pk}/").status_code == 404
    _login(client, rule_keeper())
    data = {"form": form("giay-khen").pk, "level": "xa", "kind": OrganizationKind.objects.get(code="hoi_lhpn").pk,
            "source": "[U] chưa đọc", "valid_from": "2026-01-01", "valid_to": "2025-01-01"}  # fmt: skip
    bad = client.post(f"{BASE}tham-quyen/", data)
    assert bad.status_code == 400 and "cannot end before it starts" in bad.text
    assert client.post(f"{BASE}tham-quyen/", {**data, "valid_to": ""}).status_code == 302
    assert CommendationAuthority.objects.filter(kind__code="hoi_lhpn", level="xa").count() == 1
    ended = client.post(f"{BASE}tham-quyen/{row.pk}/", {"source": row.source, "valid_from": "2024-01-01",
                                                        "valid_to": "2026-01-31"})  # fmt: skip
    assert ended.status_code == 302
    row.refresh_from_db()
    assert str(row.valid_to) == "2026-01-31"


def test_a_decision_without_authority_is_refused_on_the_page(client, w):
    from danvan.emulation.tests.commendation.factories import city_front

    proposal = reviewed(w)
    _login(client, w.province_dv)
    data = {"deciding_organization": city_front().pk, "decision_number": "215/QĐ-MTTQ", "decided_on": "2026-02-05",
            "signer_name": "Nguyễn Văn Phương", "signer_title": "Chủ tịch", "form": form("bang-khen").pk,
            "level": "tinh"}  # fmt: skip
    refused = client.post(f"{BASE}{proposal.pk}/quyet-dinh/", data)
    assert refused.status_code == 400 and "is not decided by Ủy ban MTTQ thành phố Huế" in refused.text
    assert CommendationProposal.objects.get(pk=proposal.pk).status == "proposed"


def _record(w) -> DisciplineRecord:
    return services.discipline_record(actor=w.ward_head, organization=w.ward, deciding_organization=w.ward,
                                      person=w.stranger, form=form("khien-trach"), decided_on=dt.date(2026, 2, 1),
                                      ground="Thái độ thiếu tôn trọng công dân.")  # fmt: skip


def test_a_record_is_withdrawn_and_corrected_through_its_page(client, w):
    record = _record(w)
    url = f"{BASE}ky-luat/{record.pk}/"
    _login(client, w.stranger)  # the person reads it, changes nothing
    page = client.get(url)
    assert page.status_code == 200 and 'id="withdraw"' not in page.text and 'id="correct"' not in page.text
    assert client.post(f"{url}thu-hoi/", {"withdraw-reason": "x"}).status_code == 404
    assert client.get(f"{url}dinh-chinh/").status_code == 404
    _login(client, w.ward_head)
    page = client.get(f"{url}dinh-chinh/")
    assert page.status_code == 200 and "Thái độ thiếu tôn trọng công dân." in page.text
    data = {"form": form("phe-binh").pk, "decision_number": "13/QĐ-UBND", "decided_on": "2026-02-03",
            "deciding_organization": w.ward.pk, "ground": "Thái độ chưa đúng mực.", "case_tracking_code": "",
            "reason": ""}  # fmt: skip
    bad = client.post(f"{url}dinh-chinh/", data)
    assert bad.status_code == 400 and "reason for the correction" in bad.text
    done = client.post(f"{url}dinh-chinh/", {**data, "reason": "Sai hình thức."})
    newer = DisciplineRecord.objects.get(previous=record)
    assert done.status_code == 302 and done.url == f"{BASE}ky-luat/{newer.pk}/"
    old = client.get(url)
    assert 'id="superseded"' in old.text and 'id="withdraw"' not in old.text
    listed = client.get(f"{BASE}ky-luat/")
    assert f'data-id="{newer.pk}"' in listed.text and f'data-id="{record.pk}"' not in listed.text
    new_url = f"{BASE}ky-luat/{newer.pk}/"
    refused = client.post(f"{new_url}thu-hoi/", {"withdraw-reason": " "})
    assert refused.status_code == 400 and "reason for withdrawing" in refused.text
    assert client.post(f"{new_url}thu-hoi/", {"withdraw-reason": "Hủy theo kết luận."}).status_code == 302
    assert DisciplineRecord.objects.get(pk=newer.pk).status == "withdrawn"
    page = client.get(new_url)
    assert 'id="withdrawal"' in page.text and "Hủy theo kết luận." in page.text
    _login(client, w.other_head)
    for target in (url, new_url):
        assert client.get(target).status_code == 404
    assert client.post(f"{new_url}thu-hoi/", {"withdraw-reason": "x"}).status_code == 404
