"""Review 16's L5 on disclosures: the service says whether it stored the record, under the committee's
row lock, and the REST answer (201 stored / 200 the same one) comes from that, not from table counts."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.core.audit import AuditEvent
from danvan.democracy.models import Disclosure
from danvan.democracy.services import disclosures as services

pytestmark = pytest.mark.django_db


def test_the_service_tells_a_stored_record_from_a_retry(dworld, today) -> None:
    data = services.DisclosureInput(item=12, title=" Phí vệ sinh ", decided_on=dt.date(2026, 6, 10))
    first, created = services.disclosure_store(actor=dworld.handler, commune=dworld.commune, data=data)
    again, created_again = services.disclosure_store(actor=dworld.handler, commune=dworld.commune, data=data)
    assert (created, created_again, again.pk) == (True, False, first.pk)
    assert Disclosure.objects.count() == 1
    assert AuditEvent.objects.filter(action="democracy.disclosure_record").count() == 1


def test_the_api_answer_does_not_depend_on_other_writers(dworld, today, client, monkeypatch) -> None:
    client.force_login(dworld.handler)
    body = {"commune_code": dworld.commune.code, "item": 12, "title": "Phí vệ sinh", "decided_on": "2026-06-10"}
    first = client.post("/api/v1/democracy/disclosures", body, content_type="application/json")
    assert first.status_code == 201
    # another writer stores a row of another commune while the retry runs: still "the same one" (200)
    real = services.disclosure_store

    def with_another_writer(**kw):
        got = real(**kw)
        real(actor=dworld.other_chair, commune=dworld.other_commune,
             data=services.DisclosureInput(item=12, title="Khác", decided_on=dt.date(2026, 6, 10)))  # fmt: skip
        return got

    monkeypatch.setattr(services, "disclosure_store", with_another_writer)
    again = client.post("/api/v1/democracy/disclosures", body, content_type="application/json")
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    assert Disclosure.objects.filter(commune=dworld.commune).count() == 1
