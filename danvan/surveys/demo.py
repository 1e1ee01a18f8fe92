"""Demo satisfaction data: ratings of the demo's answered cases, and an open SIPAS campaign over a few
communes' people's committees with enough answers to rank them.

Everything is written through the services real answers go through — ``rating_submit`` for the
ratings, ``campaign_submit`` (web/QR) and ``paper_submit`` (forms keyed in by the demo operator) for
the campaign — from seeded random generators, so the figures look lived-in, differ by body, and are
the same on every run. Idempotent: a rating is recorded once per invitation; a campaign answer is
keyed by its form nonce or its paper form number, and one already stored is skipped.

Surveys may not import cases: ``danvan demo`` (in ``web``) answers the cases and hands their ids here.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from danvan.core import clock
from danvan.core.text import fold
from danvan.org.choices import UnitEra, UnitLevel
from danvan.org.models import AdministrativeUnit, Organization, User
from danvan.surveys import indices
from danvan.surveys.choices import Aspect, CampaignStatus
from danvan.surveys.models import Campaign, IndexSnapshot, SurveyTemplate
from danvan.surveys.services import invitations, responses, snapshots
from danvan.surveys.services.responses import Question, questions_for

SIPAS_TEMPLATE = "sipas-2017"
PAPER_CLERK = "vanhanh"  # org.demo's operator: may key in the forms of any body of the city

# One profile per surveyed body, in the order of the communes' codes: how many answered, the base
# chance of a satisfied answer, and what its people like less (or more) than the rest.
PROFILES: list[dict[str, Any]] = [
    # The head's own commune: a busy one-stop shop, answers every month, enough for a monthly trend.
    {"respondents": 150, "base": 0.80, "factors": {"procedures": -0.12, "feedback": -0.08}, "recent_months": 4},
    {"respondents": 58, "base": 0.72, "factors": {"access": -0.18, "staff": 0.05}},
    {"respondents": 44, "base": 0.63, "factors": {"staff": -0.14, "results": 0.06}},
    {"respondents": 36, "base": 0.87, "factors": {"feedback": -0.05}},
    # Too few answers: listed without an index, as the sample rule requires.
    {"respondents": 12, "base": 0.70, "factors": {}},
]
WEB_SHARE = 0.12  # the rest are paper forms, dated across the year
FLAGGED_PER_BODY = 1  # answered in seconds: kept apart, for the flag review screen

LOW_COMMENTS: dict[str, list[str]] = {
    "access": ["Phòng chờ chật, nhiều người phải đứng chờ.", "Máy lấy số thứ tự hay bị hỏng.",
               "Không có chỗ để xe cho người đến làm thủ tục.", "Buổi chiều phòng chờ rất nóng, quạt không chạy.",
               "Máy tra cứu hồ sơ khó dùng, người lớn tuổi không biết bấm."],
    "procedures": ["Phải bổ sung hồ sơ hai lần vì hướng dẫn không rõ.", "Trả kết quả trễ hẹn ba ngày.",
                   "Bảng niêm yết thủ tục chưa cập nhật mức phí mới.", "Hẹn trả kết quả thứ Sáu nhưng thứ Ba tuần sau mới có.",
                   "Phải nộp bản sao giấy tờ mà nơi khác không yêu cầu."],
    "staff": ["Cán bộ trả lời qua loa, chưa giải thích rõ.", "Chờ lâu mà không có ai hướng dẫn.",
              "Cán bộ vừa làm vừa nghe điện thoại riêng.", "Hỏi lại lần hai thì cán bộ tỏ ra khó chịu."],
    "results": ["Giấy tờ nhận được ghi sai tên đệm, phải làm lại.", "Kết quả thiếu dấu giáp lai, phải quay lại xin đóng."],
    "feedback": ["Gửi góp ý qua hộp thư nhưng không thấy phản hồi.", "Không biết gửi phản ánh ở đâu.",
                 "Đường dây nóng gọi nhiều lần không ai nghe máy."],
}  # fmt: skip
GOOD_COMMENTS = ["Cán bộ nhiệt tình, làm nhanh.", "Thủ tục gọn, được hướng dẫn chu đáo.", "Rất hài lòng."]


@dataclass
class DemoSurveys:
    campaign: Campaign | None = None
    ratings_created: int = 0
    responses_created: int = 0
    snapshots: dict[str, int] = field(default_factory=dict)


# Ratings of answered cases ----------------------------------------------------------------------------------


def demo_ratings_seed(case_ids: Sequence[int]) -> int:
    """Rate each answered case once, as its citizen would through the link. Returns how many were new."""
    created = 0
    for position, case_id in enumerate(case_ids):
        token = invitations.rating_token(case_id)
        state = invitations.rating_state(token)
        if state.state != "open" or state.invitation is None:
            continue  # already rated (a second run), or not answered
        rng = random.Random(f"demo-rating-{position}")  # noqa: S311 - demo figures, not a secret
        questions = questions_for(state.invitation.template, track=state.invitation.service)
        slow = position % 3 == 2  # every third citizen found the handling slow
        answers = {}
        for q in questions:
            value = rng.choice([4, 5, 5]) if not slow else rng.choice([2, 3, 4])
            if slow and q.criterion.factor and q.criterion.factor.code == "procedures":
                value = 2
            answers[(q.criterion.code, q.aspect)] = value
        comment = "Phải chờ khá lâu mới có trả lời." if slow else rng.choice(["", "Cảm ơn phường đã xử lý nhanh."])
        responses.rating_submit(token=token, answers=answers, comment=comment)
        created += 1
    return created


# The SIPAS campaign -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Planned:
    """One demo answer, fully drawn before anything is written, so a second run draws the same ones."""

    number: int
    organization_id: int
    answered_on: dt.date
    web: bool
    flagged: bool
    answers: dict[tuple[str, str], int]
    comment: str


def _likert(rng: random.Random, p_satisfied: float) -> int:
    if rng.random() < 0.03:
        return 0  # "no opinion"
    if rng.random() < p_satisfied:
        return 5 if rng.random() < 0.4 else 4
    draw = rng.random()
    return 3 if draw < 0.55 else 2 if draw < 0.88 else 1


def _draw(
    rng: random.Random, questions: list[Question], profile: dict[str, Any]
) -> tuple[dict[tuple[str, str], int], str]:
    mood = rng.gauss(0, 0.08)  # some people are easier to please than others
    adjust: dict[str, float] = profile["factors"]
    answers: dict[tuple[str, str], int] = {}
    low_factors: list[str] = []
    criteria = {q.criterion.code: q.criterion for q in questions}
    for q in questions:
        factor = q.criterion.factor.code if q.criterion.factor else ""
        p = min(0.98, max(0.05, profile["base"] + adjust.get(factor, 0.0) + mood))
        if q.aspect == Aspect.EXPECTATION:
            continue
        value = _likert(rng, p)
        answers[(q.criterion.code, q.aspect)] = value
        if q.aspect == Aspect.SATISFACTION and 1 <= value <= 2:
            low_factors.append(factor)
    # Priorities to improve: one to three items, mostly from what this body does worst.
    expectation = [c for c in criteria.values() if Aspect.EXPECTATION in c.aspects]
    if expectation:
        weights = [1 + 6 * max(0.0, -adjust.get(c.factor.code if c.factor else "", 0.0)) for c in expectation]
        for criterion in set(rng.choices(expectation, weights=weights, k=rng.randint(1, 3))):
            answers[(criterion.code, Aspect.EXPECTATION)] = 1
    comment = ""
    if low_factors and rng.random() < 0.25:
        comment = rng.choice(LOW_COMMENTS.get(rng.choice(low_factors), LOW_COMMENTS["procedures"]))
    elif not low_factors and rng.random() < 0.12:
        comment = rng.choice(GOOD_COMMENTS)
    return answers, comment


def _days(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randint(0, max(0, (last - first).days)))


def _months_back(today: dt.date, profile: dict[str, Any]) -> dt.date:
    """The first day of the month ``recent_months - 1`` months before this one (or of a year back)."""
    index = today.year * 12 + today.month - 1 - (profile.get("recent_months", 12) - 1)
    return dt.date(index // 12, index % 12 + 1, 1)


def _plan(campaign: Campaign, bodies: list[Organization], today: dt.date) -> list[_Planned]:
    questions = questions_for(campaign.template)
    planned: list[_Planned] = []
    number = 0
    for position, (body, profile) in enumerate(zip(bodies, PROFILES, strict=False)):
        rng = random.Random(f"{campaign.code}-{position}")  # noqa: S311 - demo figures, not a secret
        count = profile["respondents"]
        web = max(FLAGGED_PER_BODY + 1, round(count * WEB_SHARE))
        months = indices.periods_between("month", max(campaign.starts_on, _months_back(today, profile)), today)
        for i in range(count + FLAGGED_PER_BODY):
            number += 1
            answers, comment = _draw(rng, questions, profile)
            is_web = i >= count - web + FLAGGED_PER_BODY  # the last ones came in today from the QR form
            if is_web:
                day = today
            else:
                # Spread evenly over the months, so each month of a busy body holds enough answers.
                month = months[i % len(months)]
                day = _days(rng, max(month, campaign.starts_on), min(indices.period_end("month", month), today))
            planned.append(_Planned(number, body.pk, day, is_web, is_web and i >= count, answers, comment))
    return planned


def _campaign(
    province: AdministrativeUnit, owner: Organization, bodies: list[Organization], today: dt.date
) -> Campaign:
    slug = fold(province.short_name or province.name).replace(" ", "-")
    campaign, _ = Campaign.objects.get_or_create(
        code=f"sipas-{slug}-{today.year}"[:40],
        defaults={
            "title": f"Khảo sát SIPAS {province.name} {today.year}",
            "template": SurveyTemplate.objects.get(code=SIPAS_TEMPLATE),
            "starts_on": dt.date(today.year, 1, 1),
            "ends_on": dt.date(today.year, 12, 31),
            "status": CampaignStatus.OPEN,
            "owner": owner,
            "device_limit": 3,
            "min_seconds": 20,
        },
    )
    campaign.organizations.add(*bodies)
    return campaign


def demo_campaign_seed(province_code: int) -> tuple[Campaign | None, int]:
    """The open SIPAS campaign of the demo province and its answers. Returns (campaign, answers created)."""
    province = AdministrativeUnit.objects.filter(
        era=UnitEra.CURRENT, level=UnitLevel.PROVINCE, code=province_code
    ).first()
    owner = Organization.objects.filter(code=f"{province_code}-ubnd").first()
    if province is None or owner is None or not SurveyTemplate.objects.filter(code=SIPAS_TEMPLATE).exists():
        return None, 0
    communes = AdministrativeUnit.objects.filter(era=UnitEra.CURRENT, level=UnitLevel.COMMUNE, province=province)
    codes = [
        f"{province_code}-{c}-ubnd" for c in communes.order_by("code").values_list("code", flat=True)[: len(PROFILES)]
    ]
    by_code = {o.code: o for o in Organization.objects.filter(code__in=codes)}
    bodies = [by_code[c] for c in codes if c in by_code]
    today = clock.today()
    campaign = _campaign(province, owner, bodies, today)
    clerk = User.objects.filter(username=PAPER_CLERK).first()
    stored_numbers = set(campaign.responses.exclude(paper_form_number="").values_list("paper_form_number", flat=True))
    stored_nonces = set(campaign.responses.exclude(form_nonce=None).values_list("form_nonce", flat=True))
    created = 0
    with transaction.atomic():
        for item in _plan(campaign, bodies, today):
            nonce, number = f"demo-{campaign.code}-{item.number}", f"{item.number:05d}"
            if item.web or clerk is None:
                if nonce in stored_nonces:
                    continue
                # The start is taken at each submit: seeding takes seconds, and a start fixed before the loop
                # would leave a "6 seconds" answer 20 seconds old on a slow machine, no longer flagged.
                started = clock.now() - (dt.timedelta(seconds=6) if item.flagged else dt.timedelta(minutes=4))
                responses.campaign_submit(campaign=campaign, organization_id=item.organization_id,
                                          answers=item.answers, comment=item.comment, nonce=nonce,
                                          device=f"demo-device-{item.number}", started_at=started)  # fmt: skip
            else:
                if number in stored_numbers:
                    continue
                responses.paper_submit(actor=clerk, campaign=campaign, form_number=number,
                                       organization_id=item.organization_id, answers=item.answers,
                                       comment=item.comment, answered_on=item.answered_on)  # fmt: skip
            created += 1
    return campaign, created


def demo_surveys_seed(province_code: int, *, rated_case_ids: Sequence[int] = ()) -> DemoSurveys:
    """Ratings, the SIPAS campaign, then every stored index of this year, so the public ranking is filled."""
    result = DemoSurveys()
    result.ratings_created = demo_ratings_seed(rated_case_ids)
    result.campaign, result.responses_created = demo_campaign_seed(province_code)
    if result.ratings_created or result.responses_created or not _has_snapshots():
        today = clock.today()
        result.snapshots = snapshots.snapshots_refresh_all(first=dt.date(today.year, 1, 1), last=today)
    return result


def _has_snapshots() -> bool:
    return IndexSnapshot.objects.exists()
