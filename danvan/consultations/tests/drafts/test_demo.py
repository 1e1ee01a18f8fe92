"""The drafts demo: the market relocation plan open now with six articles, the pavement decision closed
last month with its revised version; running it again changes nothing."""

from __future__ import annotations

import pytest

from danvan.consultations.models import Consultation, DraftSection, DraftVersion
from danvan.core import clock

pytestmark = pytest.mark.django_db


def test_the_demo_seeds_once() -> None:
    from danvan.consultations import demo_drafts
    from danvan.org.demo import demo_seed

    demo_seed(46)
    lines = demo_drafts.seed("127.0.0.1:8000")
    market = Consultation.objects.get(code="di-doi-cho-phu-xuan")
    assert market.status == "open" and market.item == 1 and market.audience == "commune"
    assert market.verification == "open" and market.opening_disclosure is not None
    keys = list(DraftSection.objects.filter(version__consultation=market).values_list("key", flat=True))
    assert keys == ["mo-dau", "dieu-1", "dieu-2", "dieu-3", "dieu-4", "dieu-5", "dieu-6"]
    pavement = Consultation.objects.get(code="chinh-trang-via-he-phu-xuan")
    assert pavement.status == "closed" and pavement.item == 5
    assert pavement.closes_on < clock.today().replace(day=1)  # last month
    v2 = pavement.versions.get(number=2)
    assert dict(v2.sections.values_list("key", "change")) == {"dieu-1": "unchanged", "dieu-2": "changed",
                                                              "dieu-3": "changed", "dieu-4": "unchanged",
                                                              "mo-dau": "removed"}  # fmt: skip
    assert any("/gop-y/di-doi-cho-phu-xuan/" in line for line in lines)
    counts = (Consultation.objects.count(), DraftVersion.objects.count(), DraftSection.objects.count())
    assert demo_drafts.seed("127.0.0.1:8000")[1:] == lines[1:]
    assert (Consultation.objects.count(), DraftVersion.objects.count(), DraftSection.objects.count()) == counts
