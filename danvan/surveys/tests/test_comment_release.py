"""Comments behind low scores reach a head only when they cannot identify the citizen.

The rule (``selectors.low_score_comments``), as the rating form words it (``_comment_promise.html``):
at least ``comment_min_respondents`` answers about the same body in the same calendar month, not before
``comment_delay_days`` days after the period ends, each comment alone (no date, no case, no
official), shuffled, with what could name a person taken out.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client

from danvan.core import clock
from danvan.org.choices import Role
from danvan.org.tests.factories import KIM_LONG, hue_city, officer, ward_body
from danvan.surveys import redaction, selectors
from danvan.surveys.models import Response, SurveyTemplate
from danvan.surveys.services import responses
from danvan.surveys.tests.test_services import SurveyWorld, answered, rating

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]
FEBRUARY = dt.date(2026, 2, 1), dt.date(2026, 2, 28)
RELEASE = dt.date(2026, 3, 7)  # 28/02 + 7 days
TRACKING = "PA-2602-BEGRGH"


@pytest.fixture
def sw() -> SurveyWorld:
    tinh = hue_city()
    body = ward_body(tinh)
    return SurveyWorld(body, other=ward_body(tinh, code=KIM_LONG), head=officer("chutich", Role.HEAD, body),
                       handler=officer("xuly", Role.HANDLER, body), clerk=officer("nhapphieu", Role.HANDLER, tinh))  # fmt: skip


def rate(w: SurveyWorld, case_id: int, value: int, comment: str = "") -> Response:
    return responses.rating_submit(token=answered(case_id, w), answers=rating(value), comment=comment)


def template(n: int = 5, days: int = 7) -> SurveyTemplate:
    SurveyTemplate.objects.filter(code="case-rating").update(comment_min_respondents=n, comment_delay_days=days)
    return SurveyTemplate.objects.get(code="case-rating")


def read(w: SurveyWorld, today: dt.date, **kwargs: object) -> selectors.LowScoreComments:
    return selectors.low_score_comments(template(**kwargs), *FEBRUARY, organization_ids=[w.body.pk],
                                        today=today)  # fmt: skip


def test_n_minus_one_respondents_hide_the_comments_n_show_them(sw: SurveyWorld) -> None:
    rate(sw, 1, 1, "Phải chờ ba tuần mới được trả lời.")
    for case_id in range(2, 5):
        rate(sw, case_id, 5)  # answers without a comment count as respondents too
    held = read(sw, RELEASE)
    assert (held.state, held.comments, held.respondents, held.needed) == ("too_few", [], 4, 5)
    rate(sw, 5, 4)
    shown = read(sw, RELEASE)
    assert (shown.state, shown.comments, shown.respondents) == ("shown", ["Phải chờ ba tuần mới được trả lời."], 5)


def test_respondents_of_another_body_or_period_do_not_count(sw: SurveyWorld, frozen_clock) -> None:
    for case_id in range(1, 5):
        rate(sw, case_id, 1, "Chậm.")
    other = responses.rating_submit(token=answered(99, sw), answers=rating(1), comment="Ở nơi khác.")
    Response.objects.filter(pk=other.pk).update(organization=sw.other)
    frozen_clock.move_to(dt.datetime(2026, 3, 2, 9, 0, tzinfo=clock.VIETNAM))
    rate(sw, 6, 1, "Tháng sau.")
    assert read(sw, RELEASE).state == "too_few"


def test_a_small_body_s_comments_never_show_through_a_wider_scope(sw: SurveyWorld, frozen_clock) -> None:
    # A review finding: "both bodies" minus "the big body" would isolate the small one's comments, and a
    # whole year minus its months a small month's. Each comment comes only from a body and calendar
    # month that on its own has enough answers, so no comparison of scopes or periods can isolate one.
    for case_id in range(1, 6):
        rate(sw, case_id, 1, f"Thân chính {case_id}.")
    small = responses.rating_submit(token=answered(99, sw), answers=rating(1), comment="Chỉ vài người ở đây.")
    Response.objects.filter(pk=small.pk).update(organization=sw.other)
    both = selectors.low_score_comments(template(), *FEBRUARY, organization_ids=[sw.body.pk, sw.other.pk],
                                        today=RELEASE)  # fmt: skip
    assert both.state == "shown" and sorted(both.comments) == [f"Thân chính {n}." for n in range(1, 6)]
    alone = selectors.low_score_comments(template(), *FEBRUARY, organization_ids=[sw.other.pk], today=RELEASE)
    assert (alone.state, alone.comments) == ("too_few", [])
    frozen_clock.move_to(dt.datetime(2026, 3, 2, 9, 0, tzinfo=clock.VIETNAM))
    rate(sw, 7, 1, "Tháng ba, một mình.")
    quarter = selectors.low_score_comments(template(), dt.date(2026, 1, 1), dt.date(2026, 3, 31),
                                           organization_ids=[sw.body.pk], today=dt.date(2026, 4, 7))  # fmt: skip
    assert quarter.state == "shown" and "Tháng ba, một mình." not in quarter.comments


def test_comments_wait_until_the_delay_after_the_period_is_over(sw: SurveyWorld) -> None:
    for case_id in range(1, 6):
        rate(sw, case_id, 2, f"Góp ý số {case_id}.")
    assert read(sw, dt.date(2026, 2, 28)).state == "not_yet"  # the period's last day
    early = read(sw, RELEASE - dt.timedelta(days=1))
    assert (early.state, early.comments, early.release_on) == ("not_yet", [], RELEASE)
    assert read(sw, RELEASE).state == "shown"
    assert read(sw, dt.date(2026, 3, 2), days=1).state == "shown"  # the delay is data: one day after 28/02


def test_a_comment_carries_no_link_to_its_case(sw: SurveyWorld) -> None:
    rate(sw, 1, 1, f"Hồ sơ {TRACKING} nộp ngày 03/02 lúc 9h30, tôi là Nguyễn Văn An, gọi 0912 345 678 "
                   "hoặc an.nguyen@example.vn, nhà số 12 kiệt 3 Lê Lợi. Chị Mai hẹn mãi không trả.")  # fmt: skip
    for case_id in range(2, 6):
        rate(sw, case_id, 1, f"Chờ lâu ({case_id}).")
    result = read(sw, RELEASE)
    assert result.state == "shown" and len(result.comments) == 5
    # Plain strings: nothing else travels with a comment (no date, case, channel, official or body).
    assert all(isinstance(c, str) for c in result.comments)
    first = next(c for c in result.comments if c.startswith("Hồ sơ"))
    for identifying in (TRACKING, "03/02", "9h30", "Nguyễn Văn An", "0912 345 678", "an.nguyen@example.vn",
                        "số 12", "kiệt 3", "Mai"):  # fmt: skip
        assert identifying not in first, identifying
    assert first.count(redaction.REDACTED) >= 8 and "hẹn mãi không trả" in first


def test_the_order_is_shuffled_not_by_time_and_stable(sw: SurveyWorld) -> None:
    texts = [f"Góp ý thứ {n}." for n in range(1, 13)]
    for case_id, text in enumerate(texts, start=1):
        rate(sw, case_id, 1, text)
    shown = read(sw, RELEASE).comments
    assert sorted(shown) == sorted(texts)
    assert shown not in (texts, texts[::-1])  # neither oldest first nor newest first
    assert read(sw, RELEASE).comments == shown  # a reload says nothing new


def test_the_redactor_keeps_a_plain_comment_whole() -> None:
    for text in ("Phải chờ rất lâu.", "Cán bộ cáu gắt.", "Rất tốt, cảm ơn UBND phường.", "Chờ 3 ngày mới xong."):
        assert redaction.redact(text) == text


@pytest.mark.parametrize(
    ("text", "hidden"),
    [
        ("Ông Trần hẹn mãi.", "Trần"),
        ("CCCD 046201001234 bị giữ.", "046201001234"),
        ("Gọi +84 912 345 678 nhé.", "912 345 678"),
        ("nhà 45/2 đường Trần Hưng Đạo", "45/2"),
        ("mã KN-2603-ABCDEF chưa xử lý", "KN-2603-ABCDEF"),
        ("hôm 14 tháng này", "14"),
    ],
)
def test_the_redactor_takes_out_what_names_a_person(text: str, hidden: str) -> None:
    assert hidden not in redaction.redact(text) and redaction.REDACTED in redaction.redact(text)


def test_the_rating_form_words_the_rule_with_the_template_numbers(client: Client, sw: SurveyWorld) -> None:
    template(n=12, days=9)
    client.get(f"/danh-gia/?k={answered(1, sw)}")
    page = client.get("/danh-gia/").content.decode()
    promise = re.search(r'id="comment-promise">(.*?)</p>', page, re.S)
    assert promise is not None
    words = promise.group(1)
    assert "12 người" in words and "9 ngày" in words and "không bao giờ được công bố" in words.lower()
