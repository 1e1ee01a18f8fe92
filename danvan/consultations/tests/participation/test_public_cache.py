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


def test_a_vote_is_judged_on_the_row_as_it_is_now_not_on_the_cached_copy(cworld) -> None:
    """Should the cache ever hold a stale row (a reader caching it between a close and its commit; Redis
    down and each process on its own memory), the vote is still refused: the statement's query reads the
    consultation's status and period as they are."""
    from danvan.consultations import errors
    from danvan.consultations.services import participation as svc
    from danvan.core.errors import DomainError

    c = cworld.consultation
    s = f.statement(c, "Giữ chợ gần chỗ cũ")
    cached = sel.consultation_public(c.code)
    Consultation.objects.filter(pk=c.pk).update(status=choices.Status.CLOSED)  # no signal: the cache is stale
    stale = sel.consultation_public(c.code)
    assert cached is not None and stale is not None and stale.status == choices.Status.OPEN
    with pytest.raises(DomainError) as refused:
        svc.vote_cast(consultation=stale, who=svc.Who(device="phone"), statement_id=s.pk, value=1)
    assert refused.value.code == errors.NOT_OPEN
    assert not Vote.objects.exists()
