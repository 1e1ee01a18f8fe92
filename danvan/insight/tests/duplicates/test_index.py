"""The index written at intake and the rules of "the same matter": place, time window, permission, tố cáo,
merged cases, and the alert when many people write about one matter."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import override_settings

from danvan.cases.models import Case
from danvan.cases.tests.factories import submit
from danvan.insight.models import Alert, AlertKind, CaseBand, CaseSignature
from danvan.insight.selectors import duplicates as selectors
from danvan.insight.services import duplicates as services
from danvan.insight.tests.duplicates.helpers import OTHERS, SAME, letter
from danvan.nlp import duplicates as nlp
from danvan.org.choices import Role
from danvan.org.tests.factories import officer

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


@pytest.fixture
def world():
    from danvan.cases.tests.factories import make_world

    return make_world()


def _ids(found):
    return [s.case.pk for s in found]


def test_a_received_case_is_indexed_in_the_intake_transaction(world):
    case = letter(0)
    signature = CaseSignature.objects.get(case_id=case.pk)
    assert signature.unit_id == case.place_unit_id and signature.province_id == case.place_unit.province_id
    assert signature.organization_id == case.handling_organization_id and signature.track == "pakn"
    assert CaseBand.objects.filter(case_id=case.pk).count() == nlp.BANDS


def test_a_to_cao_is_indexed_from_its_redacted_text_only(world):
    case = submit(track="to_cao", title="Tố cáo cán bộ", content="Tôi là Nguyễn Văn An, số điện thoại 0912345678, "
                  "tố cáo cán bộ địa chính nhận tiền của dân.").case  # fmt: skip
    stored = nlp.grams_from_bytes(CaseSignature.objects.get(case_id=case.pk).grams)
    assert set(nlp.grams("0912345678").tolist()) - set(stored.tolist())  # the phone number is not in the index
    assert set(nlp.grams(case.title, case.redacted_content).tolist()) == set(stored.tolist())


def test_similar_cases_of_the_same_commune_come_first_and_others_after_or_not_at_all(world):
    first, second, third = letter(0), letter(1), letter(2)
    other_light, flood = letter(0, same=False), letter(1, same=False)
    found = selectors.similar_for_case(user=world.handler, case=first)
    ids = _ids(found)
    assert set(ids[:2]) == {second.pk, third.pk}
    assert first.pk not in ids
    assert ids.index(other_light.pk) > 1 if other_light.pk in ids else True
    assert flood.pk not in ids[:2]


def test_another_commune_is_not_the_same_place(world):
    first = letter(0)
    elsewhere = letter(1, place_text="phuong kim long, hue")
    assert elsewhere.place_unit_id != first.place_unit_id
    assert elsewhere.pk not in _ids(selectors.similar_for_case(user=world.handler, case=first))


def test_outside_the_time_window_is_not_the_same_matter(world, frozen_clock):
    first = letter(0)
    frozen_clock.move_to(dt.datetime(2026, 6, 5, 9, 0, tzinfo=dt.UTC))  # four months later
    later = letter(1)
    assert later.pk not in _ids(selectors.similar_for_case(user=world.handler, case=first))
    with override_settings(DANVAN_INSIGHT_SAME_MATTER_DAYS=200):
        assert later.pk in _ids(selectors.similar_for_case(user=world.handler, case=first))


def test_a_case_the_reader_may_not_open_is_never_suggested(world):
    first, second = letter(0), letter(1)
    Case.objects.filter(pk=second.pk).update(handling_organization=world.other)
    assert second.pk not in _ids(selectors.similar_for_case(user=world.handler, case=first))
    # the other ward's handler sees it from its side, but not the first case (not theirs)
    second.refresh_from_db()
    assert first.pk not in _ids(selectors.similar_for_case(user=world.other_handler, case=second))
    # across bodies for someone whose scope covers both
    assert second.pk in _ids(selectors.similar_for_case(user=world.inspector, case=first))


def test_a_to_cao_is_suggested_only_to_who_may_read_denunciations(world):
    first = letter(0)
    title, content = SAME[1]
    to_cao = submit(track="to_cao", title=title, content=content, is_anonymous=True).case
    assert to_cao.pk not in _ids(selectors.similar_for_case(user=world.dan_van, case=first))
    assert to_cao.pk in _ids(selectors.similar_for_case(user=world.head, case=first))


def test_a_merged_duplicate_is_not_suggested_again(world):
    first, second = letter(0), letter(1)
    services.matter_merge(actor=world.handler, case=second, other_id=first.pk)
    assert second.pk not in _ids(selectors.similar_for_case(user=world.handler, case=first))


def _alike_ids(title, content, since):
    found = selectors.alike(nlp.grams(title, content), permitted=Case.objects.all(), unit_id=None, province_id=None,
                            since=since, limit=100)  # fmt: skip
    return {pk for pk, _score in found}


def test_public_suggestions_are_only_public_reports(world):
    private = letter(0)
    public = letter(1, publish=True)
    title, content = SAME[2]
    complaint = submit(track="khieu_nai", title=title, content=content, id_number="046090001234").case
    found = [c.pk for c in selectors.similar_public(title=title, content=content, place_text="phuong phu xuan, hue")]
    assert found == [public.pk]
    assert private.pk not in found and complaint.pk not in found
    # without a place: by the index's buckets, still only public ones
    assert [c.pk for c in selectors.similar_public(title=title, content=content)] == [public.pk]


def test_without_a_place_a_bucket_fuller_than_the_cap_is_boilerplate_and_left_out(world, monkeypatch):
    public = [letter(i, publish=True) for i in range(3)]  # one matter: the three share most buckets
    title, content = SAME[0]
    found = [c.pk for c in selectors.similar_public(title=title, content=content)]
    assert set(found) == {c.pk for c in public}
    # with a cap of 2, a bucket all three share is boilerplate: only the letters met in buckets of 1 or 2 remain
    monkeypatch.setattr(nlp, "MAX_BUCKET", 2)
    keys = nlp.band_keys(nlp.grams(title, content))
    sizes = {key: CaseBand.objects.filter(bucket=key).count() for key in keys}
    assert 3 in sizes.values()  # some bucket is left out
    kept = [key for key, size in sizes.items() if 0 < size <= 2]
    expected = set(CaseBand.objects.filter(bucket__in=kept).values_list("case_id", flat=True))
    assert expected, sizes
    since = dt.date(2026, 1, 1)
    assert _alike_ids(title, content, since) == expected
    monkeypatch.setattr(nlp, "MAX_BUCKET", 1)
    alone = [key for key, size in sizes.items() if size == 1]
    expected = set(CaseBand.objects.filter(bucket__in=alone).values_list("case_id", flat=True))
    assert _alike_ids(title, content, since) == expected


@pytest.mark.parametrize("text", ["", "😀🙏🔥", "a b", "x" * 100_000, "Đèn 壊れた Лампа ١٢٣ 😀"])
def test_public_suggestions_on_bad_input_are_empty_not_an_error(world, text):
    letter(1, publish=True)
    assert selectors.similar_public(title=text, content=text, place_text=text[:300]) == []


def test_many_people_on_one_matter_raise_one_alert_with_its_cases(world):
    cases = [letter(i) for i in range(3)]
    assert not Alert.objects.filter(kind=AlertKind.MASS_COMPLAINT).exists()  # 3 people: not yet (growing fast: yes)
    fourth = letter(0, people_count=2)  # 5 people now
    alert = Alert.objects.get(kind=AlertKind.MASS_COMPLAINT)
    assert set(alert.cases.values_list("pk", flat=True)) == {c.pk for c in [*cases, fourth]}
    assert alert.figures["people"] == 5 and alert.organization_id == world.phuong.pk
    letter(1)  # a sixth person joins the same open alert
    assert Alert.objects.filter(kind=AlertKind.MASS_COMPLAINT).count() == 1
    assert Alert.objects.get(pk=alert.pk).figures["people"] == 6


def test_different_matters_do_not_add_up(world):
    for i in range(3):
        letter(i, same=False, people_count=2)
    assert not Alert.objects.exists()


@override_settings(DANVAN_INSIGHT_MASS_PEOPLE=3)
def test_the_number_of_people_is_a_setting(world):
    letter(0)
    letter(1, people_count=2)
    assert Alert.objects.filter(kind=AlertKind.MASS_COMPLAINT).exists()


def test_linked_cases_count_as_one_matter_even_when_written_differently(world):
    first = letter(0, people_count=3)
    flood = letter(1, same=False, people_count=2)
    assert not Alert.objects.filter(kind=AlertKind.MASS_COMPLAINT).exists()
    group = services.matter_link(actor=world.handler, case=first, other_id=flood.pk)
    alert = Alert.objects.get(kind=AlertKind.MASS_COMPLAINT)
    assert alert.key == f"group:{group.pk}" and alert.figures["people"] == 5


def test_linking_needs_a_handler_and_a_case_they_may_open(world):
    from danvan.core.errors import DomainError, NotFound, PermissionDenied

    first, second = letter(0), letter(1)
    with pytest.raises(PermissionDenied):
        services.matter_link(actor=world.dan_van, case=first, other_id=second.pk)
    Case.objects.filter(pk=second.pk).update(handling_organization=world.other)
    with pytest.raises(NotFound):
        services.matter_link(actor=world.handler, case=first, other_id=second.pk)
    with pytest.raises(DomainError):
        services.matter_link(actor=world.handler, case=first, other_id=first.pk)


def test_linking_two_groups_makes_one_and_unlinking_leaves_the_rest(world):
    a, b, c, d = letter(0), letter(1), letter(0, same=False), letter(1, same=False)
    g1 = services.matter_link(actor=world.handler, case=a, other_id=b.pk)
    services.matter_link(actor=world.handler, case=c, other_id=d.pk)
    merged = services.matter_link(actor=world.handler, case=a, other_id=c.pk)
    assert merged.pk == g1.pk and sorted(selectors.group_of(a.pk)) == sorted([a.pk, b.pk, c.pk, d.pk])
    services.matter_unlink(actor=world.handler, case=d)
    assert sorted(selectors.group_of(a.pk)) == sorted([a.pk, b.pk, c.pk]) and selectors.group_of(d.pk) == []


def test_rebuilding_the_index_is_resumable_and_gives_the_same_rows(world):
    cases = [letter(i) for i in range(3)] + [letter(i, same=False) for i in range(3)]

    def signatures():
        return {s.case_id: (bytes(s.grams), s.unit_id, s.province_id, s.organization_id, s.track, s.received_on,
                            s.people_count) for s in CaseSignature.objects.all()}  # fmt: skip

    def bands():
        return sorted(CaseBand.objects.values_list("bucket", "case_id", "received_on"))

    before, before_bands = signatures(), bands()  # as the intake wrote them, every column compared
    assert before[cases[1].pk][1] is not None and before[cases[1].pk][4] == cases[1].track
    CaseSignature.objects.all().delete()
    CaseBand.objects.all().delete()
    done, last = services.index_rebuild(batch=2, limit=4)
    assert done == 4 and last == cases[3].pk
    done, last = services.index_rebuild(batch=2, after=last)
    assert done == 2 and last == cases[-1].pk
    assert signatures() == before and bands() == before_bands
    assert len(before_bands) == 6 * nlp.BANDS
    Case.objects.filter(pk=cases[1].pk).update(people_count=7)
    services.index_rebuild(batch=10)
    assert CaseSignature.objects.get(case_id=cases[1].pk).people_count == 7


def test_officer_of_another_body_sees_nothing_of_ours(world):
    letter(0)
    other_officer = officer("xuly3", Role.HANDLER, world.other)
    mine = letter(1)
    Case.objects.filter(pk=mine.pk).update(handling_organization=world.other)
    mine.refresh_from_db()
    assert selectors.similar_for_case(user=other_officer, case=mine) == []
    assert OTHERS  # the helper's other letters exist for the tests above


def test_in_a_busy_commune_older_cases_of_the_same_matter_are_found_by_their_buckets(world, monkeypatch):
    first = letter(0)
    newer = [letter(i, same=False) for i in range(3)]
    query = letter(1)
    monkeypatch.setattr(selectors, "CANDIDATES", 2)  # the commune holds more than the newest cases read
    ids = _ids(selectors.similar_for_case(user=world.handler, case=query))
    assert first.pk in ids and ids[0] == first.pk
    assert newer


def test_cases_the_reader_may_not_open_take_no_candidates_place(world, monkeypatch):
    ours = letter(0)
    theirs = [letter(i) for i in (1, 2)]  # newer, the same commune, another body's
    Case.objects.filter(pk__in=[c.pk for c in theirs]).update(handling_organization=world.other)
    query = letter(1, same=False)
    monkeypatch.setattr(selectors, "CANDIDATES", 2)  # the commune's two newest cases are the other body's
    monkeypatch.setattr(nlp, "band_keys", lambda values: [])  # and no bucket brings older ones
    permitted = Case.objects.filter(handling_organization=world.phuong)
    found = selectors.alike(nlp.grams(*SAME[0]), permitted=permitted, unit_id=query.place_unit_id, province_id=None,
                            since=dt.date(2026, 1, 1), exclude=[query.pk], limit=10)  # fmt: skip
    assert [pk for pk, _score in found] == [ours.pk]


def test_in_a_commune_one_query_reads_the_candidates_with_the_readers_filter(world, django_assert_num_queries):
    first, second = letter(0), letter(1)
    permitted = Case.objects.filter(handling_organization=world.phuong, duplicate_of__isnull=True)
    with django_assert_num_queries(1):
        found = selectors.alike(nlp.grams(*SAME[2]), permitted=permitted, unit_id=first.place_unit_id,
                                province_id=None, since=dt.date(2026, 1, 1), limit=10)  # fmt: skip
    assert {pk for pk, _score in found} == {first.pk, second.pk}


def test_at_intake_the_same_matter_is_one_query_in_a_commune(world, django_assert_num_queries):
    first, second = letter(0), letter(1)
    values = nlp.grams(*SAME[1])
    with django_assert_num_queries(1):  # the candidates with the intake's filter; a new case has no links yet
        found = services._same_matter(second, values, just_received=True)
    assert found == sorted([first.pk, second.pk])
    with django_assert_num_queries(2):  # later (cases linked, a case taken out): its links are read too
        assert services._same_matter(second, values) == sorted([first.pk, second.pk])


def test_on_the_petition_form_private_cases_take_no_public_reports_place(world, monkeypatch):
    public = letter(0, publish=True)
    private = [letter(i) for i in (1, 2)]  # newer, the same commune, not published
    monkeypatch.setattr(selectors, "CANDIDATES", 2)
    monkeypatch.setattr(nlp, "band_keys", lambda values: [])  # no bucket brings the older report
    title, content = SAME[2]
    found = [c.pk for c in selectors.similar_public(title=title, content=content, place_text="phuong phu xuan, hue")]
    assert found == [public.pk]
    assert all(c.pk not in found for c in private)
