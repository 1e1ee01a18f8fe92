"""A participant's votes are never shown beside their identity: the ``Participant`` table has no column
that names an account or a household, and the keyed digest alone keeps one participant per person or
household (a household verified twice, a resident on two phones), so households are counted by kind."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from danvan.consultations import choices, errors
from danvan.consultations.models import Consultation, Participant, Vote
from danvan.consultations.selectors import answers
from danvan.consultations.selectors import participation as sel
from danvan.consultations.services import participation as svc
from danvan.consultations.services.participation import Who
from danvan.consultations.tests import factories as f
from danvan.consultations.tests.participation.conftest import device, resident
from danvan.consultations.tests.participation.test_services import refused
from danvan.democracy.models import Household, Village

pytestmark = pytest.mark.django_db

COLUMNS = {"id", "consultation_id", "kind", "key", "village_id", "channel", "created_on"}


def household_consultation(cworld) -> Consultation:
    return f.consultation(cworld.d, verification=choices.Verification.HOUSEHOLD, audience=choices.Audience.VILLAGES,
                          villages=[cworld.d.village, cworld.d.village2])  # fmt: skip


def verify(c: Consultation, h: Household) -> Participant:
    return svc.household_verify(consultation=c, village_id=h.village_id, household_code=h.code,
                                code=svc.household_code_for_tests(c, h))  # fmt: skip


# The table -----------------------------------------------------------------------------------------------


def test_the_participant_model_points_at_no_account_and_no_household() -> None:
    targets = {field.name: field.related_model for field in Participant._meta.concrete_fields if field.is_relation}
    assert targets == {"consultation": Consultation, "village": Village}
    assert get_user_model() not in targets.values() and Household not in targets.values()
    assert {field.column for field in Participant._meta.concrete_fields} == COLUMNS


def test_the_participant_table_has_no_column_or_foreign_key_to_an_account_or_a_household() -> None:
    table = Participant._meta.db_table
    with connection.cursor() as cursor:
        columns = {column.name for column in connection.introspection.get_table_description(cursor, table)}
        constraints = connection.introspection.get_constraints(cursor, table)
    assert columns == COLUMNS  # the migrations dropped user_id and household_id
    referenced = {c["foreign_key"][0] for c in constraints.values() if c["foreign_key"]}
    assert referenced == {Consultation._meta.db_table, Village._meta.db_table}
    assert get_user_model()._meta.db_table not in referenced and Household._meta.db_table not in referenced
    uniques = sorted(tuple(c["columns"]) for c in constraints.values() if c["unique"] and not c["primary_key"])
    assert uniques == [("consultation_id", "key")]  # the key alone keeps one participant per person or household


def test_a_households_participant_does_not_hold_on_to_the_household_row(cworld) -> None:
    """The old ``household`` foreign key was PROTECT: a participant kept its household from being deleted
    (and so named it). Now the participant and its votes stay, the household row goes, nothing dangles."""
    c = household_consultation(cworld)
    h = cworld.d.village.households.order_by("code").last()
    p = verify(c, h)
    svc.vote_cast(consultation=c, who=Who(participant_id=p.pk), statement_id=f.statement(c, "x").pk, value=0)
    Household.objects.filter(pk=h.pk).delete()
    p.refresh_from_db()
    assert (p.kind, p.key, p.village_id) == (
        choices.ParticipantKind.HOUSEHOLD,
        f.household_key(c, h),
        cworld.d.village.pk,
    )
    assert Vote.objects.filter(participant=p).count() == 1


# One participant per household and per resident -----------------------------------------------------------


def test_a_household_verified_twice_is_one_participant_and_another_household_is_another(cworld) -> None:
    c = household_consultation(cworld)
    h, neighbour = cworld.d.village.households.order_by("code")[:2]
    first, again = verify(c, h), verify(c, h)  # two phones of the same household, one after the other
    assert again.pk == first.pk
    assert (first.kind, first.key, first.village_id) == (choices.ParticipantKind.HOUSEHOLD, f.household_key(c, h),
                                                         cworld.d.village.pk)  # fmt: skip
    other = verify(c, neighbour)
    assert other.pk != first.pk and other.key == f.household_key(c, neighbour)
    assert Participant.objects.filter(consultation=c).count() == 2


def test_a_household_participant_votes_once_from_its_two_phones(cworld) -> None:
    c = household_consultation(cworld)
    s = f.statement(c, "Giữ chợ gần chỗ cũ")
    h = cworld.d.village.households.order_by("code").first()
    phone_a = Who(device="phone-a", participant_id=verify(c, h).pk)
    phone_b = Who(device="phone-b", participant_id=verify(c, h).pk)
    assert svc.vote_cast(consultation=c, who=phone_a, statement_id=s.pk, value=1).created is True
    refused(errors.ALREADY_VOTED, svc.vote_cast, consultation=c, who=phone_b, statement_id=s.pk, value=-1)
    assert list(Vote.objects.filter(statement=s).values_list("value", flat=True)) == [1]


def test_a_proved_participant_of_another_kind_does_not_pass_for_a_household(cworld) -> None:
    """The session or token's participant must be a household's (its kind, now that no household is
    linked): a device participant's id does not open a household consultation."""
    c = household_consultation(cworld)
    stray = f.participant(c, kind=choices.ParticipantKind.DEVICE)
    refused(errors.VERIFICATION_REQUIRED, svc.participant_for, consultation=c,
            who=Who(device="d", participant_id=stray.pk))  # fmt: skip
    assert sel.participant_existing(c, device="d", participant_id=stray.pk) is None
    h = cworld.d.village.households.order_by("code").first()
    proved = verify(c, h)
    assert svc.participant_for(consultation=c, who=Who(participant_id=proved.pk)).pk == proved.pk
    assert sel.participant_existing(c, participant_id=proved.pk) == proved


def test_a_signed_in_resident_voting_from_two_devices_is_one_participant(cworld) -> None:
    c = cworld.consultation  # open: a signed-in resident takes part as one person, not per device
    a, b = f.statement(c, "Cần thêm bãi giữ xe"), f.statement(c, "Giữ chỗ cho tiểu thương")
    user = resident()
    svc.vote_cast(consultation=c, who=Who(user=user, device="phone"), statement_id=a.pk, value=1)
    svc.vote_cast(consultation=c, who=Who(user=user, device="laptop"), statement_id=b.pk, value=-1)
    refused(errors.ALREADY_VOTED, svc.vote_cast, consultation=c, who=Who(user=user, device="laptop"),
            statement_id=a.pk, value=-1)  # fmt: skip
    (p,) = Participant.objects.filter(consultation=c)
    assert (p.kind, p.key) == (choices.ParticipantKind.RESIDENT, sel.participant_key(c.pk, p.kind, user.pk))
    assert sorted(Vote.objects.filter(participant=p).values_list("statement_id", "value")) == [(a.pk, 1), (b.pk, -1)]
    assert sel.participant_existing(c, device="tablet", user=user) == p


# Households are counted by kind ---------------------------------------------------------------------------


def test_the_summary_figures_count_households_by_kind_exactly(cworld) -> None:
    c = household_consultation(cworld)
    h1, h2 = cworld.d.village.households.order_by("code")[:2]
    h3 = cworld.d.village2.households.order_by("code").first()
    for h in (h1, h1, h2, h3):  # h1 from two phones
        verify(c, h)
    # Others of the same consultation that are not households, one of them placed in a village.
    f.participant(c, kind=choices.ParticipantKind.KEYED, village=cworld.d.village, channel=choices.Channel.MEETING)
    f.participant(c, kind=choices.ParticipantKind.RESIDENT)
    f.participant(c, kind=choices.ParticipantKind.DEVICE)
    figures = answers.figures(c)
    assert (figures["participants"], figures["households"]) == (6, 3)
    assert figures["channels"] == {
        "meeting": {"participants": 1, "comments": 0, "supporters": 0},
        "platform": {"participants": 5, "comments": 0, "supporters": 0},
    }
    assert answers.figures(cworld.consultation)["households"] == 0  # another consultation's are not counted
    assert svc.participant_for(consultation=cworld.consultation, who=device()).kind == choices.ParticipantKind.DEVICE
    assert answers.figures(cworld.consultation)["households"] == 0
