"""The counter entry: an officer who takes petitions types one handed in on paper, with its signed scan,
and prints the receipt (``cases/views/counter.py``)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from danvan.cases.models import Attachment, Case, SealedIdentity
from danvan.cases.tests.views.test_public import form_data, png
from danvan.cases.tests.views.test_public import world as world

pytestmark = pytest.mark.django_db

COUNTER = reverse("cases:case_counter")


def counter_data(**overrides: Any) -> dict[str, Any]:
    scan = SimpleUploadedFile("don-co-chu-ky.png", png((40, 60)), content_type="image/png")
    return form_data(petition_scan=scan, **overrides)


def test_the_counter_is_for_officers_who_take_petitions(client, world):
    assert client.get(COUNTER).status_code == 302  # anonymous: to the login page
    client.force_login(world.citizen)
    assert client.get(COUNTER).status_code == 404
    assert client.post(COUNTER, counter_data()).status_code == 404
    assert client.get(reverse("cases:case_counter_receipt")).status_code == 404
    assert Case.objects.count() == 0
    client.force_login(world.handler)
    assert client.get(COUNTER).status_code == 200


def test_a_counter_entry_needs_the_signed_petition(client, world):
    client.force_login(world.handler)
    data = form_data()
    response = client.post(COUNTER, data)
    assert response.status_code == 400 and response.context["form"].errors["petition_scan"]
    assert Case.objects.count() == 0


def test_a_counter_entry_is_stored_with_its_scan_and_printed_receipt(client, world):
    client.force_login(world.handler)
    response = client.post(COUNTER, counter_data())
    assert response.status_code == 303 and response["Location"] == reverse("cases:case_counter_receipt")
    receipt = client.get(response["Location"])
    case = Case.objects.get()
    html = receipt.content.decode()
    assert case.tracking_code in html and "qr-code" in html and "data-print" in html
    assert case.channel == "counter" and case.submitter is None
    scan = case.attachments.get(kind=Attachment.Kind.PETITION_SCAN)
    assert not scan.sealed and scan.uploaded_by == world.handler


def test_a_counter_denunciations_scan_is_stored_sealed(client, world):
    client.force_login(world.handler)
    original = png((40, 60))
    scan_file = SimpleUploadedFile("don-to-cao.png", original, content_type="image/png")
    response = client.post(COUNTER, form_data(track="to_cao", petition_scan=scan_file))
    assert response.status_code == 303
    case = Case.objects.get()
    scan = case.attachments.get(kind=Attachment.Kind.PETITION_SCAN)
    with scan.file.open("rb") as handle:
        data = handle.read()
    assert scan.sealed and not data.startswith(b"\x89PNG") and scan.file.name.endswith(".sealed")
    assert SealedIdentity.objects.filter(case=case).exists() and case.contact_name == ""


def test_the_counter_refuses_a_post_without_the_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.handler)
    assert client.post(COUNTER, counter_data()).status_code == 403
    assert Case.objects.count() == 0
