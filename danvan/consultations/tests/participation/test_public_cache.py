"""The public consultation row is cached for the votes (``selectors.participation.consultation_public``):
closing, withdrawing or renaming must be seen by the very next request, not after the cache's timeout."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from danvan.consultations import choices
from danvan.consultations.models import Consultation, Vote
from danvan.consultations.selectors import participation as sel
from danvan.consultations.services import drafts
from danvan.consultations.tests import factories as f

pytestmark = pytest.mark.django_db


def vote_url(code: str) -> str:
    return reverse("consultations:vote", args=[code])


def test_a_closed_consultation_refuses_the_next_vote_though_its_row_was_cached(cworld, client: Client) -> None:
    c = cworld.consultation
    s = f.statement(c, "Giữ chợ gần chỗ cũ")
    client.get(vote_url(c.code))  # the device cookie, and the row now in the cache
    assert sel.consultation_public(c.code) is not None
    drafts.consultation_close(actor=cworld.d.handler, consultation=c)
    response = client.post(vote_url(c.code), {"statement": s.pk, "value": "1"}, headers={"X-Requested-With": "fetch"})
    assert response.status_code == 400 and not response.json()["ok"]
    assert not Vote.objects.exists()
    assert sel.consultation_public(c.code).status == choices.Status.CLOSED


def test_a_withdrawn_consultation_is_gone_from_the_next_request(cworld, client: Client) -> None:
    c = cworld.consultation
    assert client.get(vote_url(c.code)).status_code == 200
    drafts.consultation_withdraw(actor=cworld.d.handler, consultation=c, reason="Chủ trương thay đổi")
    assert client.get(vote_url(c.code)).status_code == 404
    assert sel.consultation_public(c.code) is None


def test_a_changed_code_no_longer_answers_at_the_old_address(cworld, client: Client) -> None:
    c = cworld.consultation
    old = c.code
    assert client.get(vote_url(old)).status_code == 200
    row = Consultation.objects.get(pk=c.pk)
    row.code = old + "-moi"
    row.save()
    assert client.get(vote_url(old)).status_code == 404
    assert client.get(vote_url(row.code)).status_code == 200
