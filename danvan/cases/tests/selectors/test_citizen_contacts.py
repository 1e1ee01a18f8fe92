"""A citizen signed in with a proved phone or email: which cases they see (``case_list_for_citizen``)."""

from __future__ import annotations

import pytest

from danvan.cases import selectors
from danvan.cases.choices import Track
from danvan.cases.tests.factories import submit
from danvan.citizens.choices import VerifiedBy
from danvan.citizens.models import VerifiedContact
from danvan.core.errors import NotFound
from danvan.org.tests.factories import make_user

pytestmark = pytest.mark.django_db


def _citizen(phone: str = "", email: str = ""):
    user = make_user(username="cd-test")
    if phone:
        VerifiedContact.objects.create(user=user, kind="phone", value=phone, verified_by=VerifiedBy.CODE)
    if email:
        VerifiedContact.objects.create(user=user, kind="email", value=email, verified_by=VerifiedBy.CODE)
    return user


def test_cases_sent_with_the_proved_phone_are_listed_however_the_number_was_written(world):
    written = [submit(phone=p, email="").case for p in ("0912 000 111", "+84912000111", "0912.000.111")]
    submit(phone="0913 000 111", email="")  # another number with the same last digits
    user = _citizen(phone="+84912000111")
    listed = list(selectors.case_list_for_citizen(user=user))
    assert sorted(c.pk for c in listed) == sorted(c.pk for c in written)


def test_cases_sent_with_the_proved_email_are_listed_whatever_its_case(world):
    mine = submit(email="Dan@Example.vn", phone="").case
    submit(email="other@example.vn", phone="")
    assert [c.pk for c in selectors.case_list_for_citizen(user=_citizen(email="dan@example.vn"))] == [mine.pk]


def test_a_denunciation_is_never_found_by_its_sealed_contact(world):
    denunciation = submit(track=Track.TO_CAO, phone="0912 000 111", email="dan@example.vn").case
    user = _citizen(phone="+84912000111", email="dan@example.vn")
    assert list(selectors.case_list_for_citizen(user=user)) == []
    with pytest.raises(NotFound):
        selectors.case_get_for_citizen(user=user, tracking_code=denunciation.tracking_code)


def test_a_denunciation_sent_from_the_account_is_listed(world):
    user = _citizen(phone="+84912000111")
    denunciation = submit(actor=user, track=Track.TO_CAO).case
    assert [c.pk for c in selectors.case_list_for_citizen(user=user)] == [denunciation.pk]


def test_a_case_of_a_proved_contact_opens_without_the_secret_but_not_as_its_owner(world):
    case = submit(phone="0912 000 111").case
    page = selectors.case_get_for_citizen(user=_citizen(phone="+84912000111"), tracking_code=case.tracking_code)
    assert page.case.pk == case.pk and page.owner is False and page.may_withdraw is False


def test_an_unproved_contact_sees_nothing(world):
    case = submit(phone="0912 000 111").case
    user = make_user(username="khac", phone="0912000111", email="an@example.vn")  # typed on a profile, not proved
    assert list(selectors.case_list_for_citizen(user=user)) == []
    with pytest.raises(NotFound):
        selectors.case_get_for_citizen(user=user, tracking_code=case.tracking_code)
