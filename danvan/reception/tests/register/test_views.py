"""The register's pages: who sees what (identity per VIEW_VISITORS, sealed visits never), the new-visit
form (walk-in and from a booking), the answer form, the printed notice, documents through the gate, and
the list's query count."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from danvan.reception import choices
from danvan.reception.models import Visit
from danvan.reception.services.register import visit_outcome_record, visit_register
from danvan.reception.tests.factories import ReceptionWorld, at, session
from danvan.reception.tests.register.helpers import ID_NUMBER, booking, png_bytes, walk_in

pytestmark = pytest.mark.django_db
REGISTER = reverse("reception:register")
NEW = reverse("reception:visit_new")
NAME = "Nguyễn Văn An"


def get(client: Client, user: object, url: str, data: dict | None = None):
    client.force_login(user)
    return client.get(url, data or {})


def text(response) -> str:
    return response.content.decode()


def visit(w: ReceptionWorld, **fields: object) -> Visit:
    return visit_register(actor=w.officer, organization=w.phuong, data=walk_in(**fields))


# --- who sees what --------------------------------------------------------------------------------


def test_the_reception_officer_sees_the_visitors(client: Client, rworld: ReceptionWorld, frozen_clock: object) -> None:
    v = visit(rworld)
    page = text(get(client, rworld.officer, REGISTER))
    assert NAME in page and "001/2026" in page
    detail = text(get(client, rworld.officer, reverse("reception:visit_detail", args=[v.pk])))
    assert NAME in detail and ID_NUMBER in detail


def test_a_dan_van_officer_reads_the_register_without_identity(
    client: Client, rworld: ReceptionWorld, frozen_clock: object
) -> None:
    v = visit(rworld)
    listing = get(client, rworld.dan_van, REGISTER)
    assert listing.status_code == 200 and "001/2026" in text(listing) and "ngập" in text(listing)
    assert NAME not in text(listing)
    detail = get(client, rworld.dan_van, reverse("reception:visit_detail", args=[v.pk]))
    assert detail.status_code == 200
    assert NAME not in text(detail) and ID_NUMBER not in text(detail) and "12 Hùng Vương" not in text(detail)
    assert detail["Cache-Control"] == "no-store, private"


def test_another_wards_officer_sees_nothing_of_this_ward(
    client: Client, rworld: ReceptionWorld, frozen_clock: object
) -> None:
    v = visit(rworld)
    assert "001/2026" not in text(get(client, rworld.other_officer, REGISTER))
    assert get(client, rworld.other_officer, reverse("reception:visit_detail", args=[v.pk])).status_code == 404
    missing = get(client, rworld.other_officer, reverse("reception:visit_detail", args=[v.pk + 1000]))
    assert missing.status_code == 404


def test_a_sealed_visit_shows_no_identity_even_to_its_officer(
    client: Client, rworld: ReceptionWorld, frozen_clock: object
) -> None:
    v = visit(rworld, sealed=True, documents=[("to-cao.png", png_bytes())])
    for user in (rworld.officer, rworld.chair, rworld.inspector):
        assert NAME not in text(get(client, user, REGISTER))
        assert NAME not in text(get(client, user, reverse("reception:visit_detail", args=[v.pk])))
    document = v.documents.get()
    assert get(client, rworld.officer, reverse("reception:visit_document", args=[v.pk, document.pk])).status_code == 404


def test_people_without_a_register_role_get_not_found(
    client: Client, rworld: ReceptionWorld, frozen_clock: object
) -> None:
    assert get(client, rworld.handler, REGISTER).status_code == 404
    assert get(client, rworld.dan_van, NEW).status_code == 404


def test_the_list_filters_by_handling_dates_and_overdue(client: Client, rworld: ReceptionWorld, frozen_clock) -> None:
    visit(rworld, content="Việc thứ nhất")
    visit(rworld, content="Việc bị từ chối", handling=choices.Handling.REFUSED, refusal_ground="threatening")
    refused = text(get(client, rworld.officer, REGISTER, {"handling": "refused"}))
    assert "Việc bị từ chối" in refused and "Việc thứ nhất" not in refused
    assert "Việc thứ nhất" not in text(get(client, rworld.officer, REGISTER, {"received_from": "2026-02-06"}))
    assert "Việc thứ nhất" not in text(get(client, rworld.officer, REGISTER, {"overdue": "on"}))
    frozen_clock.move_to(at(2026, 3, 2, 8, 0))  # past the 26/2 due day
    overdue = text(get(client, rworld.officer, REGISTER, {"overdue": "on"}))
    assert "Việc thứ nhất" in overdue and "Việc bị từ chối" not in overdue


def test_the_list_query_count_does_not_grow_with_the_visits(client: Client, rworld: ReceptionWorld, frozen_clock: object,
                                                            django_assert_max_num_queries) -> None:  # fmt: skip
    visit(rworld)
    get(client, rworld.officer, REGISTER)  # warm the session
    for i in range(30):
        visit(rworld, content=f"Việc {i}", handling=choices.Handling.TRANSFERRED, transferred_to=rworld.tinh)
    with django_assert_max_num_queries(12):
        assert client.get(REGISTER).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(REGISTER, {"page": 2}).status_code == 200


# --- a new visit ------------------------------------------------------------------------------------


def form(**fields: object) -> dict[str, object]:
    data: dict[str, object] = {"visitor_name": NAME, "visitor_id_number": ID_NUMBER, "visitor_address": "Huế",
                               "group_size": 1, "content": "Cống thoát nước bị tắc", "mode": "direct",
                               "handling": "received", "request_key": "form-1"}  # fmt: skip
    return {**data, **fields}


def test_a_walk_in_is_registered_from_the_form(client: Client, rworld: ReceptionWorld, frozen_clock: object) -> None:
    client.force_login(rworld.officer)
    response = client.post(NEW, form(documents=[_upload("bien-ban.png", png_bytes())]))
    v = Visit.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("reception:visit_detail", args=[v.pk])
    assert (v.visitor_name, v.receiving_officer, v.documents.count()) == (NAME, rworld.officer, 1)
    again = client.post(NEW, form())  # the same form sent twice (a double click, a reload)
    assert again.status_code == 302 and Visit.objects.count() == 1


def _upload(name: str, data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


def test_bad_input_is_shown_beside_its_field_and_nothing_is_stored(
    client: Client, rworld: ReceptionWorld, frozen_clock: object
) -> None:
    client.force_login(rworld.officer)
    response = client.post(NEW, form(handling="refused", documents=[_upload("don.pdf", b"%PDF-1.4 fake")]))
    assert response.status_code == 400
    page = text(response)
    assert 'id="id_refusal_ground_error"' in page
    assert not Visit.objects.exists()


def test_a_fake_pdf_is_refused_on_the_page(client: Client, rworld: ReceptionWorld, frozen_clock: object) -> None:
    client.force_login(rworld.officer)
    response = client.post(NEW, form(documents=[_upload("don.pdf", b"%PDF-1.4 fake")]))
    assert response.status_code == 400 and 'id="id_documents_error"' in text(response)
    assert not Visit.objects.exists()


def test_the_form_opens_from_a_booking_with_its_details(
    client: Client, rworld: ReceptionWorld, frozen_clock: object
) -> None:
    held = session(rworld.point, rworld.chair, at(2026, 2, 5, 7, 30))
    booked = booking(held)
    page = text(get(client, rworld.officer, NEW, {"booking": booked.pk}))
    assert "Lê Thị Bình" in page and booked.code in page and f'name="booking" value="{booked.pk}"' in page
    client.post(NEW, form(booking=booked.pk, visitor_name="Lê Thị Bình"))
    booked.refresh_from_db()
    assert booked.status == "attended" and Visit.objects.get().session == held


def test_another_wards_booking_is_ignored(client: Client, rworld: ReceptionWorld, frozen_clock: object) -> None:
    held = session(rworld.point, rworld.chair, at(2026, 2, 5, 7, 30))
    booked = booking(held)
    page = text(get(client, rworld.other_officer, NEW, {"booking": booked.pk, "session": held.pk}))
    assert "Lê Thị Bình" not in page


# --- the answer and its notice ----------------------------------------------------------------------


def test_the_answer_is_recorded_and_its_notice_prints(
    client: Client, rworld: ReceptionWorld, frozen_clock: object
) -> None:
    v = visit(rworld)
    notice = reverse("reception:visit_outcome_notice", args=[v.pk])
    assert get(client, rworld.officer, notice).status_code == 404  # no answer yet
    response = client.post(reverse("reception:visit_outcome", args=[v.pk]), {"outcome": "refused", "note": ""})
    assert response.status_code == 400 and 'id="id_note_error"' in text(response)
    response = client.post(reverse("reception:visit_outcome", args=[v.pk]),
                           {"outcome": "refused", "note": "Không thuộc thẩm quyền"})  # fmt: skip
    assert response.status_code == 302
    printed = text(client.get(notice))
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in printed and "Không thuộc thẩm quyền" in printed
    assert NAME in printed and "ngày 05 tháng 02 năm 2026" in printed


def test_a_dan_van_officer_gets_no_answer_form_and_no_notice(
    client: Client, rworld: ReceptionWorld, frozen_clock: object
) -> None:
    v = visit(rworld)
    visit_outcome_record(actor=rworld.officer, visit=v, outcome=choices.Outcome.ACCEPTED)
    detail = text(get(client, rworld.dan_van, reverse("reception:visit_detail", args=[v.pk])))
    assert reverse("reception:visit_outcome", args=[v.pk]) not in detail
    assert client.get(reverse("reception:visit_outcome_notice", args=[v.pk])).status_code == 404
    posted = client.post(reverse("reception:visit_outcome", args=[v.pk]), {"outcome": "accepted"})
    assert posted.status_code == 404


# --- documents ---------------------------------------------------------------------------------------


def test_documents_are_downloaded_through_the_gate(
    client: Client, rworld: ReceptionWorld, frozen_clock: object
) -> None:
    v = visit(rworld, documents=[("anh.png", png_bytes())])
    url = reverse("reception:visit_document", args=[v.pk, v.documents.get().pk])
    response = get(client, rworld.officer, url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff" and response["Content-Disposition"].startswith("attachment")
    assert get(client, rworld.dan_van, url).status_code == 404
    assert get(client, rworld.other_officer, url).status_code == 404


def test_the_form_opens_at_a_session(client: Client, rworld: ReceptionWorld, frozen_clock: object) -> None:
    held = session(rworld.point, rworld.chair, at(2026, 2, 5, 7, 30))
    page = text(get(client, rworld.officer, NEW, {"session": held.pk}))
    assert f'name="session" value="{held.pk}"' in page
    client.post(NEW, form(session=held.pk))
    v = Visit.objects.get()
    assert (v.session, v.point, v.booking) == (held, rworld.point, None)


def test_an_officer_of_two_wards_picks_the_body(client: Client, rworld: ReceptionWorld, frozen_clock: object) -> None:
    from danvan.org.choices import Role
    from danvan.org.tests.factories import grant, officer

    both = officer("hai-phuong", Role.RECEPTION_OFFICER, rworld.phuong)
    grant(both, Role.RECEPTION_OFFICER, rworld.other)
    page = text(get(client, both, NEW, {"body": rworld.other.pk}))
    assert f'name="body" value="{rworld.other.pk}"' in page
    client.post(NEW, form(body=rworld.other.pk))
    assert Visit.objects.get().organization == rworld.other
