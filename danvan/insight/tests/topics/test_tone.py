"""The tone model: trained from ratings' comments by the star rule, officials' labels over them, refused with the
number needed when too few, and a missing or altered model turns tone off without breaking anything."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import CommandError, call_command

from danvan.cases.models import Case
from danvan.cases.tests.factories import make_world, submit
from danvan.core import clock
from danvan.core.errors import DomainError
from danvan.core.models import AuditEvent
from danvan.insight import errors as codes
from danvan.insight.models import ModelKind, ModelVersion, ToneLabel
from danvan.insight.selectors import tone as selectors
from danvan.insight.services import tone as services
from danvan.insight.services import topics as topic_services
from danvan.insight.tests.topics.helpers import rate, ratings_with_comments, themed_cases
from danvan.nlp import tone

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return make_world()


def test_too_few_labelled_texts_are_refused_with_the_number_needed(world):
    for i in range(6):
        rate(world.phuong, 5, f"Rất tốt lần {i}")
    with pytest.raises(DomainError) as refused:
        services.tone_train()
    assert refused.value.code == codes.TOO_FEW_LABELLED
    assert refused.value.details["needed"] == 40 and refused.value.details["have"] == 6
    with pytest.raises(CommandError, match="needed=40"):
        call_command("insight", "tone", "train")
    assert not ModelVersion.objects.filter(kind=ModelKind.SENTIMENT).exists()


def test_tone_is_learnt_from_ratings_by_the_star_rule_and_used_without_diacritics(world):
    ratings_with_comments(world.phuong)
    rate(world.phuong, 0, "Không ý kiến gì")  # "no opinion": no example
    rate(world.phuong, 1, "Tệ quá lần gắn cờ", flag="too_fast")  # flagged: left out
    version = services.tone_train()
    assert version.in_use and version.settings["star_rule"] == "1-2:negative,3:neutral,4-5:positive"
    assert version.metrics["sources"] == {"stars": 50, "officials": 0, "overridden": 0}
    model = selectors.tone_model()
    assert model.on
    said = model.tones(
        ["Cán bộ rất tận tình, cảm ơn", "Chờ quá lâu, rất thất vọng", "Can bo rat tan tinh, cam on", "😀"]
    )
    assert said == ["positive", "negative", "positive", ""]


def test_an_officials_label_overrides_the_stars_and_is_audited(world):
    ratings_with_comments(world.phuong)
    case = submit(title="Chờ quá lâu", content="Chờ quá lâu không ai trả lời đơn của tôi về việc cấp phép.").case
    label = services.tone_label(actor=world.head, case_id=case.pk, tone_value="neutral")
    assert AuditEvent.objects.filter(action="insight.tone_labelled", object_id=str(label.pk)).exists()
    rate(world.phuong, 1, label.text)  # the same text rated 1 star: the official's neutral wins
    version = services.tone_train()
    assert version.metrics["sources"]["overridden"] == 1 and version.metrics["sources"]["officials"] == 1


def test_a_to_cao_or_a_case_out_of_reach_cannot_be_labelled(world):
    case = submit().case
    with pytest.raises(DomainError):
        services.tone_label(actor=world.other_handler, case_id=case.pk, tone_value="negative")
    Case.objects.filter(pk=case.pk).update(track="to_cao")
    with pytest.raises(DomainError):
        services.tone_label(actor=world.head, case_id=case.pk, tone_value="negative")
    assert not ToneLabel.objects.exists()


def test_a_missing_or_altered_model_turns_tone_off_and_topics_still_run(world):
    assert selectors.tone_model().state == "none"
    ratings_with_comments(world.phuong)
    version = services.tone_train()
    ModelVersion.objects.filter(pk=version.pk).update(artifact=b"not a model")
    assert selectors.tone_model().state == "unreadable"
    themed_cases(4)
    today = clock.today()
    run = topic_services.topic_run_discover(starts_on=today - dt.timedelta(days=6), ends_on=today, k=2)
    assert run.tone_state == "unreadable" and run.texts == 8


def test_topics_carry_the_tone_of_their_cases_when_the_model_is_on(world):
    ratings_with_comments(world.phuong)
    services.tone_train()
    themed_cases(4)
    today = clock.today()
    run = topic_services.topic_run_discover(starts_on=today - dt.timedelta(days=6), ends_on=today, k=2)
    assert run.tone_state == "on"
    from danvan.insight.models import TopicCount

    counts = TopicCount.objects.filter(topic__run=run)
    assert sum(c.negative + c.neutral + c.positive for c in counts) == sum(c.cases for c in counts) == 8


def test_the_rule_can_be_given_to_the_command(world):
    ratings_with_comments(world.phuong)
    call_command("insight", "tone", "train", "--stars", "1-3:negative,4-5:positive")
    version = ModelVersion.objects.get(kind=ModelKind.SENTIMENT, in_use=True)
    assert version.settings["star_rule"] == "1-3:negative,4-5:positive"
    with pytest.raises(CommandError):
        call_command("insight", "tone", "train", "--stars", "1-5:angry")
    assert tone.STAR_RULE.as_text() == "1-2:negative,3:neutral,4-5:positive"
