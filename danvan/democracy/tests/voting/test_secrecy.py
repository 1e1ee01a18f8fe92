"""The secret of the vote: who voted and what was voted are stored apart, never linked, and a receipt
lets a voter check their ballot is counted without telling anyone what they chose."""

from __future__ import annotations

import json

import pytest
from django.apps import apps
from django.db import models

from danvan.core.models import AuditEvent
from danvan.democracy.models import Household, OnlineBallot, OnlineVoter
from danvan.democracy.selectors import voting as selectors
from danvan.democracy.services import voting
from danvan.democracy.tests.voting.conftest import code_for, open_round

pytestmark = pytest.mark.django_db


def cast_all(world, capture):
    r = open_round(world)
    hs = list(Household.objects.filter(village=world.village2).order_by("code"))
    receipts = {}
    for h, choice in zip(hs[:4], ["yes", "no", "yes", "no"], strict=True):
        receipts[h.code] = voting.ballot_cast(round_=r, household_code=h.code, code=code_for(r, h, capture),
                                              choice=choice)  # fmt: skip
    return r, hs, receipts


def test_no_table_or_audit_row_links_a_household_to_a_choice(dworld, frozen_clock, django_capture_on_commit_callbacks):
    r, hs, _receipts = cast_all(dworld, django_capture_on_commit_callbacks)
    # The two rows: the voter has no time and no choice; the ballot has no household, no time, a random key.
    assert {f.name for f in OnlineVoter._meta.concrete_fields} == {"id", "round", "household", "voted_on"}
    assert {f.name for f in OnlineBallot._meta.concrete_fields} == {"id", "round", "choice", "receipt_hash"}
    assert isinstance(OnlineVoter._meta.get_field("voted_on"), models.DateField)
    assert not isinstance(OnlineVoter._meta.get_field("voted_on"), models.DateTimeField)
    # No table of the project holds a household together with a vote's choice.
    for model in apps.get_models():
        names = {f.name for f in model._meta.concrete_fields}
        to_household = any(getattr(f, "related_model", None) is Household for f in model._meta.concrete_fields)
        assert not (to_household and "choice" in names), model
    # No audit row names a household and a choice.
    events = list(AuditEvent.objects.all())
    assert not any(e.action == "democracy.online_vote_cast" for e in events)  # no row timed at the cast
    for event in events:
        text = json.dumps([event.before, event.after, event.reason], ensure_ascii=False)
        if any(h.code in text for h in hs) or "household" in text:
            assert "choice" not in text and '"yes"' not in text and '"no"' not in text, event.action
    # The SMS sent carry the code, never a choice.
    notification = apps.get_model("notifications", "Notification")
    bodies = list(notification.objects.values_list("body", flat=True))
    assert bodies and all("yes" not in b and "Đồng ý" not in b for b in bodies)
    # Ballots are listed by their hash, not in the order cast.
    assert selectors.receipt_hashes(r) == sorted(selectors.receipt_hashes(r))


def test_receipts_verify_and_a_wrong_one_does_not(dworld, frozen_clock, django_capture_on_commit_callbacks):
    r, _hs, receipts = cast_all(dworld, django_capture_on_commit_callbacks)
    published = selectors.receipt_hashes(r)
    assert len(published) == 4
    for cast in receipts.values():
        assert voting.receipt_hash(cast.receipt) in published
        assert selectors.receipt_counted(r, voting.receipt_hash(cast.receipt))
    assert not selectors.receipt_counted(r, voting.receipt_hash("AAAA-BBBB-CCCC-DDDD"))
    # The receipts themselves are nowhere: only their hashes.
    stored = json.dumps(list(AuditEvent.objects.values_list("after", flat=True)), ensure_ascii=False)
    for cast in receipts.values():
        assert cast.receipt not in stored
        assert not OnlineBallot.objects.filter(receipt_hash=cast.receipt).exists()
