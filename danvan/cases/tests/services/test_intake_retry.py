"""A retry with the same idempotency key answers the stored case's receipt, private link included,
but only to the same caller with the same petition (issue 12, item 7b)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from danvan.cases import errors as codes
from danvan.cases.models import Case
from danvan.cases.selectors import case_get_by_link
from danvan.cases.services.intake import IdempotencyConflict, case_submit
from danvan.cases.tests.factories import petition

pytestmark = pytest.mark.django_db


def test_a_retry_gets_the_same_working_private_link(world):
    first = case_submit(actor=AnonymousUser(), petition=petition(), idempotency_key="abc-123")
    again = case_submit(actor=AnonymousUser(), petition=petition(), idempotency_key="abc-123")
    assert first.created and not again.created and again.case.pk == first.case.pk
    assert again.access_token == first.access_token and len(first.access_token) >= 32
    assert case_get_by_link(tracking_code=first.case.tracking_code, token=again.access_token).pk == first.case.pk
    # the database keeps neither the secret nor anything it can be rebuilt from without the server key
    stored = Case.objects.get()
    assert first.access_token not in {stored.access_token_hash, stored.access_salt, stored.idempotency_fingerprint}


def test_the_same_key_with_another_petition_is_refused_without_the_link(world):
    first = case_submit(actor=AnonymousUser(), petition=petition(), idempotency_key="abc-123")
    with pytest.raises(IdempotencyConflict) as refused:
        case_submit(actor=AnonymousUser(), petition=petition(content="Một nội dung khác hẳn để đoán khóa."),
                    idempotency_key="abc-123")  # fmt: skip
    assert refused.value.code == codes.IDEMPOTENCY_CONFLICT
    assert first.access_token not in str(refused.value.message) and Case.objects.count() == 1
