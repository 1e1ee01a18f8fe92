"""The commitments part's demo rows (see demo.py), in the demo's first ward of Huế (46): this year's
commitments of the ward's handler (two, the mid-year review assessed by the chair, the year-end one
waiting), of the chair and of the Ban TG&DV's officer; the one-stop clerk (``tiepnhan``) registers none, so
once registration closed the ward's People's Committee is the late unit; and the ward's public service
commitments ("ba không, ba nên, ba cần").

The rows are written directly rather than through the services: the demo may run on any day, when this
year's windows (which the services enforce) are closed. Each row is looked up first (person, year and
title), so running it again changes nothing."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.urls import reverse

from danvan.core import clock
from danvan.emulation.models import Commitment, CommitmentReview, CommitmentYear, PublicCommitment
from danvan.org.choices import UnitEra, UnitLevel
from danvan.org.models import AdministrativeUnit, Organization, User

PROVINCE = 46

PLAN = [
    ("xuly", "ubnd", "Trả lời phản ánh của người dân đúng hạn",
     "Còn phản ánh trả lời chậm, người dân phải hỏi lại nhiều lần",
     "100% phản ánh được trả lời trong thời hạn; không có phản ánh quá hạn", (10, 31)),
    ("xuly", "ubnd", "Mỗi quý gặp gỡ một tổ dân phố để nghe ý kiến",
     "Nắm tình hình dân cư, giải quyết vướng mắc từ cơ sở",
     "4 buổi gặp gỡ trong năm, có biên bản và kết quả xử lý ý kiến", (12, 15)),
    ("chutich", "ubnd", "Tiếp công dân định kỳ đúng lịch, đối thoại khi có vụ việc đông người",
     "Quy định về tiếp công dân của người đứng đầu",
     "Đủ 12 buổi tiếp định kỳ trong năm; mọi vụ việc đông người được đối thoại", (12, 20)),
    ("danvan", "ban-tgdv", "Hướng dẫn các phường đăng ký mô hình \"Dân vận khéo\"",
     "Phong trào thi đua \"Dân vận khéo\" ở cơ sở còn ít mô hình mới",
     "Mỗi phường có ít nhất 1 mô hình đăng ký", (11, 30)),
]  # fmt: skip

PUBLIC_TITLE = "Ba không, ba nên, ba cần"
PUBLIC_ITEMS = """Không gây phiền hà, sách nhiễu người dân
Không hẹn lại quá một lần khi hồ sơ đủ
Không để người dân phải đi lại nhiều lần
Nên chào hỏi, hướng dẫn tận tình
Nên giải thích rõ khi hồ sơ chưa đủ
Nên xin lỗi khi trả kết quả trễ hẹn
Cần nhanh chóng, chính xác
Cần công khai, minh bạch
Cần lắng nghe ý kiến người dân"""


def _year(year: int) -> CommitmentYear:
    row, _created = CommitmentYear.objects.get_or_create(year=year, defaults={
        "registration_opens_on": dt.date(year, 1, 1), "registration_closes_on": dt.date(year, 3, 31),
        "midyear_opens_on": dt.date(year, 6, 1), "midyear_closes_on": dt.date(year, 7, 15),
        "yearend_opens_on": dt.date(year, 11, 1), "yearend_closes_on": dt.date(year, 12, 20),
        "max_per_person": 2, "source": "Demo; seed 004 (Chỉ thị 05: 1–2 việc mỗi năm) [U]",
    })  # fmt: skip
    return row


@transaction.atomic
def seed(addr: str) -> list[str]:
    commune = (
        AdministrativeUnit.objects.filter(era=UnitEra.CURRENT, level=UnitLevel.COMMUNE, province__code=PROVINCE)
        .order_by("code")
        .first()
    )
    users = {u.username: u for u in User.objects.filter(username__in=["xuly", "chutich", "danvan"])}
    if commune is None or len(users) < 3:
        return []
    codes = {"ubnd": f"{PROVINCE}-{commune.code}-ubnd", "ban-tgdv": f"{PROVINCE}-ban-tgdv"}
    found = {o.code: o for o in Organization.objects.filter(code__in=codes.values())}
    if len(found) < len(codes):
        return []
    bodies = {key: found[code] for key, code in codes.items()}
    year = clock.today().year
    _year(year)
    rows: dict[str, Commitment] = {}
    for username, body, title, reason, result, (month, day) in PLAN:
        row, _created = Commitment.objects.get_or_create(
            person=users[username], year=year, title=title,
            defaults={"organization": bodies[body], "reason": reason, "measurable_result": result,
                      "due_on": dt.date(year, month, day)},
        )  # fmt: skip
        rows.setdefault(username, row)
    first = rows["xuly"]
    assessed_at = clock.now().replace(year=year, month=7, day=10, hour=9, minute=0)
    CommitmentReview.objects.get_or_create(
        commitment=first, period="midyear", version=1,
        defaults={"text": "Sáu tháng đầu năm trả lời 48/50 phản ánh đúng hạn; 2 phản ánh trễ 1 ngày do chờ ý kiến "
                          "phòng chuyên môn.", "self_rating": "partly",
                  "submitted_at": assessed_at - dt.timedelta(days=5), "assessment": "partly",
                  "assessment_comment": "Cần phối hợp sớm với phòng chuyên môn.", "assessed_by": users["chutich"],
                  "assessed_at": assessed_at},
    )  # fmt: skip
    CommitmentReview.objects.get_or_create(
        commitment=first, period="yearend", version=1,
        defaults={"text": "Cả năm trả lời 97/98 phản ánh đúng hạn.", "self_rating": "completed"},
    )  # fmt: skip
    ward = bodies["ubnd"]
    PublicCommitment.objects.get_or_create(
        organization=ward, year=year, title=PUBLIC_TITLE,
        defaults={"items": PUBLIC_ITEMS, "posted_by": users["chutich"]},
    )  # fmt: skip
    return [
        f"Cam kết Chỉ thị 05 ({year}): đăng nhập xuly → http://{addr}{reverse('emulation:commitments_mine')}; "
        f"chutich đánh giá → http://{addr}{reverse('emulation:commitments_team')}",
        f"Đơn vị chậm (tiepnhan chưa đăng ký, sau hạn 31/03): http://{addr}{reverse('emulation:commitments_units')}?tre=1",
        f"Cam kết phục vụ công khai: http://{addr}{reverse('emulation:public_commitments', args=[ward.code])}",
        f"Thiết lập từng năm (số việc cam kết, các đợt; bảng chung cả nước, quantri sửa): "
        f"http://{addr}{reverse('emulation:commitment_years')}",
    ]
