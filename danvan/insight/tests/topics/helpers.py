"""Worlds for the topics tests: cases on two planted themes in the ward of make_world, ratings with comments."""

from __future__ import annotations

import datetime as dt
import random

from danvan.cases.models import Case
from danvan.cases.tests.factories import submit
from danvan.core import clock
from danvan.surveys.models import Answer, Criterion, Response, SurveyTemplate

FLOOD = ["ngập nước", "cống thoát nước", "mưa lớn", "nước tràn vào nhà", "nạo vét mương"]
TRASH = ["rác thải", "bãi rác", "mùi hôi thối", "thu gom rác", "xe rác"]


def themed_cases(n_per_theme: int = 10, *, seed: int = 3, received_on: dt.date | None = None) -> dict[str, list[Case]]:
    rng = random.Random(seed)
    out: dict[str, list[Case]] = {"flood": [], "trash": []}
    for theme, words in (("flood", FLOOD), ("trash", TRASH)):
        for i in range(n_per_theme):
            a, b, c = rng.sample(words, 3)
            case = submit(
                title=f"{a.capitalize()} ở kiệt {i}", content=f"Đề nghị xem xét {a} và {b}, {c} kéo dài."
            ).case
            out[theme].append(case)
    if received_on is not None:
        Case.objects.filter(pk__in=[c.pk for cs in out.values() for c in cs]).update(received_on=received_on)
    return out


POSITIVE = ["Cán bộ rất tận tình, giải quyết nhanh", "Rất hài lòng, cảm ơn phường", "Thái độ niềm nở chu đáo",
            "Xử lý nhanh gọn, rất tốt", "Cảm ơn cán bộ đã hỗ trợ nhiệt tình"]  # fmt: skip
NEGATIVE = ["Chờ quá lâu không ai trả lời", "Thái độ cán bộ cáu gắt khó chịu", "Rất thất vọng, hẹn mãi không xong",
            "Không giải quyết gì cả, tệ", "Thủ tục rườm rà, đi lại nhiều lần"]  # fmt: skip


def rate(organization, stars: int, comment: str = "", *, topic: str = "ha-tang", on: dt.date | None = None,
         flag: str = "", service: str = "pakn") -> Response:  # fmt: skip
    template = SurveyTemplate.objects.get(code="case-rating")
    overall = Criterion.objects.get(template=template, code="case_overall")
    response = Response.objects.create(template=template, source="case_rating", organization=organization,
                                       topic=topic, answered_on=on or clock.today(), comment=comment, flag=flag,
                                       service=service)  # fmt: skip
    Answer.objects.create(response=response, criterion=overall, aspect="satisfaction", value=stars)
    return response


def ratings_with_comments(organization, per_tone: int = 25) -> None:
    rng = random.Random(5)
    for i in range(per_tone):
        rate(organization, rng.choice([4, 5]), f"{rng.choice(POSITIVE)} lần {i}")
        rate(organization, rng.choice([1, 2]), f"{rng.choice(NEGATIVE)} lần {i}")
