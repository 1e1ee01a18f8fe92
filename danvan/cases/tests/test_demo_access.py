"""What the demo shows of the citizen's ways back (``cases.demo_access``): a demo citizen whose email
has cases (her tố cáo not counted), the test identity's phone with its answered cases, a short code
that reads back to one of her cases; and seeding twice changes none of it."""

from __future__ import annotations

import pytest

from danvan.cases import demo
from danvan.cases.demo_access import demo_access
from danvan.cases.models import Case
from danvan.cases.short_code import short_code_parse
from danvan.org.demo import demo_seed

pytestmark = pytest.mark.django_db


def test_the_demo_citizens_have_cases_and_seeding_twice_changes_nothing():
    demo_seed(46)
    demo.demo_cases_seed(46)
    demo.demo_answered_cases_seed()
    first = demo_access()
    demo.demo_cases_seed(46)
    demo.demo_answered_cases_seed()
    assert demo_access() == first
    assert first.email == "binh@example.vn" and first.email_cases == 5  # demo-1, 2, 4, 5 and 6; demo-3 is a tố cáo
    assert first.phone_cases == len(demo.ANSWERED)
    code = short_code_parse(first.link_again_code)
    assert code is not None and Case.objects.get(tracking_code=code).contact_email == "binh@example.vn"
