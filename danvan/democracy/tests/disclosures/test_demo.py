"""The disclosures demo: three disclosures in Huế's first ward, one late; running it again changes nothing."""

from __future__ import annotations

import pytest

from danvan.democracy.models import Disclosure, DisclosureChannel
from danvan.democracy.selectors import disclosures as selectors

pytestmark = pytest.mark.django_db


def test_the_demo_seeds_once(today):
    from danvan.democracy import demo_disclosures
    from danvan.org.demo import demo_seed

    demo_seed(46)
    lines = demo_disclosures.seed("127.0.0.1:8000")
    commune = demo_disclosures._first_commune()
    rows = {row.item: row for row in Disclosure.objects.filter(commune=commune)}
    assert sorted(rows) == [2, 7, 12] and all(row.status == "published" for row in rows.values())
    results = {item: selectors.compliance(row) for item, row in rows.items()}
    assert (results[2].on_time, results[7].on_time, results[12].late) == (True, True, True)
    assert all(result.channels_complete for result in results.values())
    assert sorted(c.channel for c in rows[7].channels.all()) == ["loudspeaker", "portal", "posting", "village_heads"]
    assert any(f"/dan-chu/{commune.code}/cong-khai/" in line for line in lines)
    count = DisclosureChannel.objects.count()
    demo_disclosures.seed("127.0.0.1:8000")
    assert Disclosure.objects.count() == 3 and DisclosureChannel.objects.count() == count
