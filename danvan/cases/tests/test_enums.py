"""The values of the cases enumerations are written once: ``choices`` adds labels to ``enums``."""

import subprocess
import sys

import pytest
from django.utils import translation

from danvan.cases import choices, enums
from danvan.cases import errors as codes
from danvan.cases.transitions import Action, Facts, TransitionError, allowed_actions, next_status

PAIRS = [
    (enums.Track, choices.Track),
    (enums.Channel, choices.Channel),
    (enums.Status, choices.Status),
    (enums.KhieuNaiRejectReason, choices.KhieuNaiRejectReason),
    (enums.ToCaoRejectReason, choices.ToCaoRejectReason),
    (enums.PaknRejectReason, choices.PaknRejectReason),
    (enums.Criterion, choices.Criterion),
    (enums.DecisionOutcome, choices.DecisionOutcome),
    (enums.EventVisibility, choices.EventVisibility),
    (enums.PublicHideReason, choices.PublicHideReason),
]


@pytest.mark.parametrize(("pure", "django"), PAIRS, ids=[p.__name__ for p, _ in PAIRS])
def test_choices_have_exactly_the_values_and_names_of_the_pure_enum(pure, django):
    assert [(m.name, m.value) for m in pure] == [(m.name, m.value) for m in django]
    assert {m.value for m in pure} == set(django.values)


@pytest.mark.parametrize(("pure", "django"), PAIRS, ids=[p.__name__ for p, _ in PAIRS])
def test_a_pure_member_equals_and_hashes_as_its_choice_and_its_string(pure, django):
    for member in pure:
        assert member == django(member.value) == member.value
        assert {member: 1}[django(member.value)] == 1
        assert {member: 1}[member.value] == 1


def test_every_choice_keeps_a_translated_label():
    with translation.override("en"):
        assert choices.Track.TO_CAO.label == "Denunciation (tố cáo)"
    with translation.override("vi"):
        assert choices.Track.TO_CAO.label == "Tố cáo"
    assert all(label for _, pair in PAIRS for label in pair.labels)


def test_transitions_read_choices_and_plain_strings_as_their_enums():
    # The guard of Luật Khiếu nại Art. 39 uses identity checks: they must hold for every caller's type.
    for track, status in [
        (choices.Track.KHIEU_NAI, choices.Status.VERIFYING),
        ("khieu_nai", "verifying"),
        (enums.Track.KHIEU_NAI, enums.Status.VERIFYING),
    ]:
        with pytest.raises(TransitionError) as excinfo:
            next_status(track, status, "decide", Facts(round=2))
        assert excinfo.value.code == codes.DIALOGUE_REQUIRED
        assert next_status(track, status, Action.DECIDE, Facts(round=1)) is enums.Status.DECIDED
    assert next_status("khieu_nai", "suspended", "resume", Facts(suspended_from="dialogue")) is enums.Status.DIALOGUE


def test_unknown_values_are_refused_not_crashed():
    with pytest.raises(TransitionError) as excinfo:
        next_status("nope", "received", "accept")
    assert excinfo.value.code == codes.TRANSITION_NOT_ALLOWED
    assert allowed_actions("nope", "received") == []
    assert allowed_actions("pakn", "nope") == []


def test_the_pure_modules_import_without_django():
    code = (
        "import sys; import danvan.cases.transitions, danvan.cases.rules, danvan.synthetic.lifecycle; "
        "assert not [m for m in sys.modules if m == 'django' or m.startswith('django.')], 'django imported'"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)  # noqa: S603
    assert result.returncode == 0, result.stderr
