"""The voting card in one query (``selectors.participation.card``) says what ``next_statement`` and
``progress`` say, in every state a participant goes through."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.consultations import choices
from danvan.consultations.models import Participant, Vote
from danvan.consultations.selectors import participation as sel
from danvan.consultations.selectors import participation_sql
from danvan.consultations.tests import factories as f

pytestmark = pytest.mark.django_db


def same_as_the_two_rules(c, participant) -> tuple:
    statement, progress = sel.card(c, participant)
    expected = sel.next_statement(c, participant)
    assert (statement.pk if statement else None) == (expected.pk if expected else None)
    assert progress == sel.progress(c, participant)
    if statement is not None:
        assert statement.section_heading == expected.section_heading  # type: ignore[attr-defined]
    return (statement.pk if statement else None), progress.answered, progress.total


def test_the_card_follows_a_participant_from_the_first_statement_to_the_last(cworld) -> None:
    c = cworld.consultation
    a = f.statement(c, "Giữ chợ gần chỗ cũ", section_key="dieu-1", vote_count=3)
    b = f.statement(c, "Lo ngại ùn tắc", vote_count=1)
    d = f.statement(c, "Cần phòng cháy", section_key="dieu-9", vote_count=1)  # a section the draft has not
    hidden = f.statement(c, "Lạc đề", status=choices.Moderation.HIDDEN)
    me, other = f.participant(c), f.participant(c)
    Vote.objects.create(statement=a, participant=other, value=1)
    assert same_as_the_two_rules(c, me) == (b.pk, 0, 3)
    Vote.objects.create(statement=hidden, participant=me, value=1)  # a hidden statement's vote does not count
    Vote.objects.create(statement=b, participant=me, value=-1)
    assert same_as_the_two_rules(c, me) == (d.pk, 1, 3)
    statement, _progress = sel.card(c, me)
    assert statement is not None and statement.section_heading == ""  # type: ignore[attr-defined]
    Vote.objects.create(statement=d, participant=me, value=0)
    assert same_as_the_two_rules(c, me) == (a.pk, 2, 3)
    assert sel.card(c, me)[0].section_heading == "Điều 1. Phạm vi di dời"
    Vote.objects.create(statement=a, participant=me, value=1)
    assert same_as_the_two_rules(c, me) == (None, 3, 3)
    assert same_as_the_two_rules(c, None) == (b.pk, 0, 3)  # nobody yet: the fewest votes, ties by id


def test_the_card_of_a_consultation_without_statements(cworld) -> None:
    c = cworld.consultation
    assert same_as_the_two_rules(c, f.participant(c)) == (None, 0, 0)


def test_a_participant_read_by_its_key_is_the_orm_s_row_field_by_field(cworld) -> None:
    """``participation_sql.participant_by_key`` builds the row without the ORM's query: every concrete field
    must come back as the ORM gives it (a field added to the model and not read would fail here)."""
    c = cworld.consultation
    made = f.participant(c, kind=choices.ParticipantKind.HOUSEHOLD, created_on=dt.date(2026, 11, 30))
    f.participant(c)  # another key, not returned
    found = participation_sql.participant_by_key(c.pk, made.key)
    orm = Participant.objects.get(pk=made.pk)
    assert found is not None
    for field in Participant._meta.concrete_fields:
        assert getattr(found, field.attname) == getattr(orm, field.attname), field.name
    assert found.created_on == dt.date(2026, 11, 30) and isinstance(found.created_on, dt.date)
    assert found._state.adding is False and found._state.db == "default"
    assert participation_sql.participant_by_key(c.pk, "no-such-key") is None
