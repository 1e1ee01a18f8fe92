"""The foundation every part builds on: the pure rules and the test world."""

import datetime as dt

import pytest

from danvan.consultations import errors, rules
from danvan.consultations.enums import Audience, Channel, Item, Status
from danvan.consultations.models import Vote
from danvan.consultations.tests.factories import ConsultationsWorld, participant, statement


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", errors.TEXT_EMPTY),
        ("x" * (rules.STATEMENT_MAX + 1), errors.TEXT_TOO_LONG),
        ("Chợ tạm <b>quá xa</b>", errors.TEXT_HAS_MARKUP),
        ("Chợ tạm &lt; 1 km", errors.TEXT_HAS_MARKUP),
        ("Chợ tạm nên gần bến xe < 1 km", None),
        ("x" * rules.STATEMENT_MAX, None),
    ],
)
def test_text_refusal(text: str, code: str | None) -> None:
    assert rules.text_refusal(rules.clean_text(text), rules.STATEMENT_MAX) == code


def test_clean_text_normalises_and_strips_controls() -> None:
    decomposed = "Cho\u031b\u0323 ta\u0323m\x00  xa"  # "Chợ tạm" typed with combining marks, a NUL, two spaces
    assert rules.clean_text(decomposed) == "Chợ tạm xa"


def test_takes_views_on_the_first_and_last_day_only_while_open() -> None:
    opens, closes = dt.date(2026, 12, 1), dt.date(2026, 12, 31)
    assert rules.takes_views(Status.OPEN, opens, closes, dt.date(2026, 12, 1))
    assert rules.takes_views(Status.OPEN, opens, closes, dt.date(2026, 12, 31))
    assert not rules.takes_views(Status.OPEN, opens, closes, dt.date(2027, 1, 1))
    assert not rules.takes_views(Status.OPEN, opens, closes, dt.date(2026, 11, 30))
    assert not rules.takes_views(Status.CLOSED, opens, closes, dt.date(2026, 12, 15))


@pytest.mark.parametrize(("value", "code"), [(1, None), (0, None), (-1, None), (2, errors.BAD_VOTE),
                                             (True, errors.BAD_VOTE), ("1", errors.BAD_VOTE)])  # fmt: skip
def test_vote_refusal(value: object, code: str | None) -> None:
    assert rules.vote_refusal(value) == code


def test_article_27_drafts_go_to_the_people_affected_and_only_they() -> None:
    assert rules.audience_refusal(Item.AFFECTING_CITIZENS, Audience.COMMUNE) == errors.BAD_AUDIENCE
    assert rules.audience_refusal(Item.LAND_USE, Audience.AFFECTED) == errors.BAD_AUDIENCE
    assert rules.audience_refusal(Item.AFFECTING_CITIZENS, Audience.AFFECTED) is None
    assert rules.channels_refusal(Item.LAND_USE, [Channel.TARGETED_DIALOGUE.value]) == errors.BAD_CHANNEL
    assert rules.channels_refusal(Item.LAND_USE, []) == errors.BAD_CHANNEL
    assert rules.channels_refusal(Item.LAND_USE, ["fax"]) == errors.BAD_CHANNEL
    assert rules.channels_refusal(Item.LAND_USE, [Channel.PLATFORM.value]) is None


@pytest.mark.django_db
def test_world_has_an_open_consultation_with_three_sections(cworld: ConsultationsWorld) -> None:
    c = cworld.consultation
    assert c.status == Status.OPEN
    assert [s.key for s in c.versions.get(number=1).sections.all()] == ["dieu-1", "dieu-2", "dieu-3"]


@pytest.mark.django_db
def test_one_vote_per_participant_and_statement_is_a_constraint(cworld: ConsultationsWorld) -> None:
    from django.db import IntegrityError, transaction

    p = participant(cworld.consultation)
    s = statement(cworld.consultation, "Chợ tạm nên có mái che.")
    Vote.objects.create(statement=s, participant=p, value=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Vote.objects.create(statement=s, participant=p, value=-1)


def test_summary_on_time() -> None:
    due = dt.date(2026, 12, 10)
    assert rules.summary_on_time(None, None, dt.date(2026, 12, 20)) is None
    assert rules.summary_on_time(due, dt.date(2026, 12, 10), dt.date(2026, 12, 20)) is True
    assert rules.summary_on_time(due, dt.date(2026, 12, 11), dt.date(2026, 12, 20)) is False
    assert rules.summary_on_time(due, None, dt.date(2026, 12, 10)) is None
    assert rules.summary_on_time(due, None, dt.date(2026, 12, 11)) is False
