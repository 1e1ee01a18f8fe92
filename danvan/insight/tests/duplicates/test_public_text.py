"""The public look-up ranks what the feed shows of a report (its redacted public title and text), never its
full text: otherwise a score would tell whether a guessed name or number is in the hidden text."""

from __future__ import annotations

import pytest

from danvan.cases.models import Case
from danvan.cases.tests.factories import submit
from danvan.insight.selectors import duplicates as selectors
from danvan.insight.tests.duplicates.helpers import SAME, letter

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]

HIDDEN = "Bà Nguyễn Thị Hoa số điện thoại 0905 111 222 ở kiệt 5 nhà số 45 bị chó cắn khi đi qua đoạn tối"


@pytest.fixture
def world():
    from danvan.cases.tests.factories import make_world

    return make_world()


def test_the_look_up_matches_the_public_text_not_the_hidden_one(world):
    title, content = SAME[1]
    # Indexed at intake with its full text; the feed shows less (staff corrected the public text: the
    # case's content keeps what only staff may read).
    report = submit(title=title, content=f"{content} {HIDDEN}", publish=True).case
    Case.objects.filter(pk=report.pk).update(public_text=content)
    found = selectors.similar_public(title=title, content=content, place_text="phuong phu xuan, hue")
    assert [c.pk for c in found] == [report.pk]
    # The hidden sentence alone finds nothing, though it is in the report's full text.
    assert selectors.similar_public(title="Chó cắn", content=HIDDEN, place_text="phuong phu xuan, hue") == []


def test_a_public_text_the_staff_emptied_is_never_found(world):
    report = letter(1, publish=True)
    title, content = SAME[1]
    Case.objects.filter(pk=report.pk).update(public_title="", public_text="")
    assert selectors.similar_public(title=title, content=content, place_text="phuong phu xuan, hue") == []


@pytest.mark.parametrize("track", ["to_cao ", "KHIEU_NAI", " khieu_nai"])
def test_a_complaint_or_denunciation_being_written_looks_nothing_up_however_the_track_is_written(world, track):
    letter(1, publish=True)
    title, content = SAME[1]
    assert selectors.similar_public(title=title, content=content, place_text="phuong phu xuan, hue", track=track) == []


def test_a_public_text_changed_after_a_look_up_is_read_again(world, monkeypatch):
    """The public texts' grams are kept per process between look-ups (a citizen typing asks again at every
    pause): keyed by the text, so moderation's new public text is what the next look-up ranks."""
    title, content = SAME[1]
    report = submit(title=title, content=content, publish=True).case
    place = "phuong phu xuan, hue"
    assert [c.pk for c in selectors.similar_public(title=title, content=content, place_text=place)] == [report.pk]
    Case.objects.filter(pk=report.pk).update(public_title="Đèn đường", public_text="Đèn đường trước chợ bị hỏng")
    assert selectors.similar_public(title=title, content=content, place_text=place) == []
    monkeypatch.setattr(selectors, "PUBLIC_GRAMS_KEPT", 1)
    letter(2, publish=True)
    selectors.similar_public(title=title, content=content, place_text=place)
    assert len(selectors._public_kept) == 1  # bounded: the least recently used are dropped
