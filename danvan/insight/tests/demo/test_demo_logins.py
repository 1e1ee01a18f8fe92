"""The demo's dân vận officer (``danvan``, Ban Tuyên giáo và Dân vận) reads the province's early warnings and
topics, as a Ban Dân vận officer does; nobody else's rights change."""

from __future__ import annotations

import pytest

from danvan.insight.models import Alert
from danvan.org.models import RoleAssignment, User

pytestmark = pytest.mark.django_db


def _grants(username: str) -> set[tuple[str, str, bool]]:
    return set(
        RoleAssignment.objects.filter(user__username=username).values_list(
            "role", "organization__code", "include_subtree"
        )
    )


def test_the_demo_dan_van_officer_sees_the_alerts_and_topics_of_the_province(client, settings):
    from danvan.cases.demo import demo_cases_seed
    from danvan.insight.demo import _demo_topics, demo_warnings_seed
    from danvan.org.demo import demo_seed

    settings.DANVAN_INSIGHT_MASS_PEOPLE = 10**6  # only the early warnings' surge here (tests/duplicates)
    demo_seed(46)
    demo_cases_seed(46)
    demo_warnings_seed("127.0.0.1:8000")
    _demo_topics("127.0.0.1:8000")
    # the role a Ban Dân vận officer holds: the province's People's Committee and the bodies under it
    assert _grants("danvan") == {("dan_van_officer", "46-ban-tgdv", True), ("dan_van_officer", "46-ubnd", True)}
    # the others keep their own (the ward's head, the Front's officer, the inspector)
    assert _grants("chutich") == {("head", "46-19753-ubnd", True)}
    assert _grants("mattran") == {("front_officer", "46-mttq", True)}
    assert _grants("thanhtra") == {("inspector", "46-thanh-tra", False)}
    surge = Alert.objects.get(key__startswith="surge:")
    assert surge.organization.code == "46-19753-ubnd"

    client.force_login(User.objects.get(username="danvan"))
    alerts = client.get("/dan-y/canh-bao/")
    assert alerts.status_code == 200
    assert f'data-id="{surge.pk}"' in alerts.content.decode()
    topics = client.get("/dan-y/chu-de/")
    assert topics.status_code == 200
    assert topics.context["rows"], "no topic listed for the dân vận officer"

    # an officer without the role still reads no alert
    client.force_login(User.objects.get(username="thanhtra"))
    assert client.get("/dan-y/canh-bao/").status_code in (403, 404)
