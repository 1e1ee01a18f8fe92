"""What the demo prints of the citizen's ways back to a case (docs/citizen-access.md): the demo
citizens whose contacts have cases, and a short code to try "send me my link again" with.

Nothing is seeded here: the cases of ``cases.demo`` already carry these contacts, and an account is
opened the first time a citizen signs in by code. So running the demo twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from danvan.cases.choices import Channel, Track
from danvan.cases.models import Case
from danvan.cases.short_code import short_code

CODE_CITIZEN_EMAIL = "binh@example.vn"  # Trần Thị Bình: the cases of cases.demo.SAMPLES
IDENTITY_CITIZEN_PHONE = "0914222333"  # Lê Thị Hoa: the answered cases; the demo's test identity provider


@dataclass(frozen=True)
class AccessDemo:
    email: str
    email_cases: int  # listed after signing in by code (a tố cáo is not: its contact is sealed)
    phone: str
    phone_cases: int
    link_again_code: str  # the short code of one of the email's cases


def demo_access() -> AccessDemo:
    by_email = Case.objects.filter(contact_email__iexact=CODE_CITIZEN_EMAIL).exclude(track=Track.TO_CAO)
    first = by_email.filter(channel=Channel.WEB).order_by("pk").first()
    return AccessDemo(
        email=CODE_CITIZEN_EMAIL,
        email_cases=by_email.count(),
        phone="0914 222 333",
        phone_cases=Case.objects.filter(contact_phone=IDENTITY_CITIZEN_PHONE).exclude(track=Track.TO_CAO).count(),
        link_again_code=short_code(first.tracking_code) if first else "",
    )
