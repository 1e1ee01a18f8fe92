"""The public look-up ranks what the feed shows of a report (its redacted public title and text), never its
full text: otherwise a score would tell whether a guessed name or number is in the hidden text."""

from __future__ import annotations

import importlib

import pytest

from danvan.cases.choices import Status, Track
from danvan.cases.models import Case
from danvan.cases.services import handling
from danvan.cases.services.moderation import case_public_correct
from danvan.cases.tests.factories import case_at, submit
from danvan.insight.models import CaseBand, CaseSignature
from danvan.insight.selectors import duplicates as selectors
from danvan.insight.tests.duplicates.helpers import OTHERS, SAME, letter
from danvan.nlp import duplicates as nlp

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]

HIDDEN = "Bà Nguyễn Thị Hoa số điện thoại 0905 111 222 ở kiệt 5 nhà số 45 bị chó cắn khi đi qua đoạn tối"


@pytest.fixture
def world():
    from danvan.cases.tests.factories import make_world

    return make_world()


def test_the_look_up_matches_the_public_text_not_the_hidden_one(world):
    title, content = SAME[1]
    # Indexed at intake with its full text; the feed shows less once staff corrected the public text (the
    # case's content keeps what only staff may read).
    report = submit(title=title, content=f"{content} {HIDDEN}", publish=True).case
    case_public_correct(case=report, actor=world.handler, public_title=title, public_text=content)
    found = selectors.similar_public(title=title, content=content, place_text="phuong phu xuan, hue")
    assert [c.pk for c in found] == [report.pk]
    # The hidden sentence alone finds nothing, though it is in the report's full text.
    assert selectors.similar_public(title="Chó cắn", content=HIDDEN, place_text="phuong phu xuan, hue") == []


def test_the_public_texts_grams_are_stored_at_intake_and_only_for_a_published_report(world):
    report = letter(1, publish=True)
    kept = letter(2)
    denunciation = submit(track="to_cao", title=SAME[0][0], content=SAME[0][1], publish=True).case
    stored = {s.case_id: bytes(s.public_grams) for s in CaseSignature.objects.all()}
    assert stored[report.pk] == nlp.grams_to_bytes(nlp.grams(report.public_title, report.public_text)) != b""
    assert stored[kept.pk] == b"" and stored[denunciation.pk] == b""


def test_a_report_moved_off_the_feedback_track_loses_its_public_grams_and_is_never_found(world):
    report = letter(1, publish=True)
    title, content = SAME[1]
    handling.case_classify(case=report, actor=world.handler, track=Track.KHIEU_NAI)
    assert bytes(CaseSignature.objects.get(case_id=report.pk).public_grams) == b""
    assert selectors.similar_public(title=title, content=content, place_text="phuong phu xuan, hue") == []


@pytest.mark.parametrize("track", ["to_cao ", "KHIEU_NAI", " khieu_nai"])
def test_a_complaint_or_denunciation_being_written_looks_nothing_up_however_the_track_is_written(world, track):
    letter(1, publish=True)
    title, content = SAME[1]
    assert selectors.similar_public(title=title, content=content, place_text="phuong phu xuan, hue", track=track) == []


def test_a_public_text_changed_by_moderation_or_with_the_answer_is_what_the_next_look_up_ranks(world):
    title, content = SAME[1]
    place = "phuong phu xuan, hue"
    report = case_at(Status.ANSWERED, handler=world.handler, head=world.head, publish=True, title=title,
                     content=content)  # fmt: skip
    assert [c.pk for c in selectors.similar_public(title=title, content=content, place_text=place)] == [report.pk]
    case_public_correct(case=report, actor=world.handler, public_title="Đèn đường",
                        public_text="Đèn đường trước chợ bị hỏng")  # fmt: skip
    assert selectors.similar_public(title=title, content=content, place_text=place) == []
    # the handler, publishing the answer, writes the report's text again: found again
    handling.case_publish(case=report, actor=world.handler, public_answer="Đã sửa.", public_text=content)
    assert [c.pk for c in selectors.similar_public(title=title, content=content, place_text=place)] == [report.pk]


def test_the_migration_fills_the_public_grams_of_reports_already_published(world):
    from django.apps import apps

    fill = importlib.import_module("danvan.insight.migrations.0008_public_grams_fill").fill
    report, kept = letter(1, publish=True), letter(2)
    expected = bytes(CaseSignature.objects.get(case_id=report.pk).public_grams)
    CaseSignature.objects.update(public_grams=b"")  # as before the migration
    fill(apps, None)
    stored = {s.case_id: bytes(s.public_grams) for s in CaseSignature.objects.all()}
    assert stored == {report.pk: expected, kept.pk: b""} and expected


def test_a_rebuild_stores_public_grams_only_for_a_report_the_citizen_wants_published(world):
    from danvan.insight.services import duplicates as services

    report, kept = letter(1, publish=True), letter(2)
    Case.objects.filter(pk=kept.pk).update(public_title="Đèn", public_text="Đèn trước chợ hỏng")  # not published
    expected = bytes(CaseSignature.objects.get(case_id=report.pk).public_grams)
    CaseSignature.objects.all().delete()
    assert services.index_rebuild(batch=1) == (2, kept.pk)
    stored = {s.case_id: bytes(s.public_grams) for s in CaseSignature.objects.all()}
    assert stored == {report.pk: expected, kept.pk: b""} and expected


def _buckets(case_id):
    return set(CaseBand.objects.filter(case_id=case_id).values_list("bucket", flat=True))


def _expected_buckets(case):
    own = nlp.band_keys(nlp.grams(case.title, case.content))
    signature = CaseSignature.objects.get(case_id=case.pk)
    public = nlp.public_band_keys(nlp.grams_from_bytes(signature.public_grams)) if signature.public_grams else []
    return set(own) | set(public)


def test_without_a_place_reports_are_found_by_their_public_texts_buckets_not_their_full_texts(world):
    # the full text is about something else than what the feed now shows (a moderator rewrote it)
    hidden_title, hidden = OTHERS[1]
    report = submit(title=hidden_title, content=hidden, publish=True).case
    title, content = SAME[1]
    case_public_correct(case=report, actor=world.handler, public_title=title, public_text=content)
    assert [c.pk for c in selectors.similar_public(title=title, content=content)] == [report.pk]
    # the full text's buckets would bring the report; the public look-up reads the public texts' buckets only
    since = report.received_on
    assert report.pk in selectors._bucket_hits(nlp.band_keys(nlp.grams(hidden_title, hidden)), since, None)
    assert report.pk not in selectors._bucket_hits(nlp.public_band_keys(nlp.grams(hidden_title, hidden)), since, None)
    assert selectors.similar_public(title=hidden_title, content=hidden) == []


def test_a_reports_public_buckets_follow_its_public_text_and_leave_its_own_alone(world):
    report = letter(1, publish=True)
    own = set(nlp.band_keys(nlp.grams(report.title, report.content)))
    first = set(nlp.public_band_keys(nlp.grams(report.public_title, report.public_text)))
    assert own and first and not own & first  # the public texts' key space is their own
    assert _buckets(report.pk) == own | first
    case_public_correct(case=report, actor=world.handler, public_title="Đèn đường", public_text="Đèn trước chợ hỏng")
    second = set(nlp.public_band_keys(nlp.grams("Đèn đường", "Đèn trước chợ hỏng")))
    assert _buckets(report.pk) == own | second
    handling.case_classify(case=report, actor=world.handler, track=Track.KHIEU_NAI)  # off the feed: none left
    assert _buckets(report.pk) == own
    assert set(CaseBand.objects.filter(case_id=report.pk).values_list("received_on", flat=True)) == {report.received_on}


def test_a_rebuild_and_the_migration_write_the_public_buckets(world):
    from django.apps import apps

    from danvan.insight.services import duplicates as services

    report, kept = letter(1, publish=True), letter(2)
    expected = {c.pk: _expected_buckets(c) for c in (report, kept)}
    assert len(expected[report.pk]) == 2 * nlp.BANDS and len(expected[kept.pk]) == nlp.BANDS
    CaseSignature.objects.all().delete()
    CaseBand.objects.all().delete()
    services.index_rebuild(batch=1)
    assert {c.pk: _buckets(c.pk) for c in (report, kept)} == expected
    fill = importlib.import_module("danvan.insight.migrations.0010_public_bands_fill").fill
    public = nlp.public_band_keys(nlp.grams(report.public_title, report.public_text))
    CaseBand.objects.filter(bucket__in=public).delete()  # as before the migration
    fill(apps, None)
    fill(apps, None)  # run twice (stopped midway, say): each row once
    assert {c.pk: _buckets(c.pk) for c in (report, kept)} == expected
    assert CaseBand.objects.filter(case_id=report.pk).count() == 2 * nlp.BANDS
    importlib.import_module("danvan.insight.migrations.0010_public_bands_fill").remove(apps, None)  # reversed
    assert {c.pk: _buckets(c.pk) for c in (report, kept)} == {
        c.pk: _expected_buckets(c) - set(public) for c in (report, kept)
    }
