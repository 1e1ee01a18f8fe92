"""The part's demo: two cases from a visit (the tố cáo sealed), a crowd of 12 after one of 8 on the same
matter (the warning shows), and nothing more when run again."""

import pytest

from danvan.cases.demo import demo_cases_seed
from danvan.cases.models import Case
from danvan.org.demo import demo_seed
from danvan.org.models import User
from danvan.reception.demo_visit_cases import demo_visit_cases_seed
from danvan.reception.models import Crowd, Visit, VisitCase
from danvan.reception.selectors.crowds import crowd_warnings
from danvan.ui import registry

pytestmark = pytest.mark.django_db


def test_the_demo_seeds_cases_a_sealed_visit_and_a_returning_crowd_once():
    demo_seed(46)
    demo_cases_seed(46)
    lines = demo_visit_cases_seed("127.0.0.1:8000")
    assert len(lines) == 3
    visit = Visit.objects.get(request_key="demo-visit-cases-1")
    assert visit.sealed and visit.visitor_name == "" and "Khải" not in visit.content
    links = list(VisitCase.objects.filter(visit=visit))
    assert [link.track for link in links] == ["pakn", "to_cao"]
    assert {c.channel for c in Case.objects.filter(pk__in=[link.case_id for link in links])} == {"reception"}
    # only the tố cáo's case leads back to the sealed visit; the feedback case neither links nor names the line
    assert registry.link("reception.visit_for_case", case_id=links[0].case_id) == ""
    assert (
        registry.link("reception.visit_for_case", case_id=links[1].case_id) == f"/van-hanh/tiep-cong-dan/so/{visit.pk}/"
    )
    assert str(visit) not in Case.objects.get(pk=links[0].case_id).consent_text
    crowd = Crowd.objects.get(visit__request_key="demo-visit-crowd-2")
    assert len(crowd.representatives) == 3 and crowd.met_by.username == "chutich"
    [warning] = crowd_warnings(user=User.objects.get(username="chutich"))
    assert warning.returned and warning.grew and warning.days_since == 14
    counts = (Visit.objects.count(), Case.objects.count(), Crowd.objects.count())
    assert demo_visit_cases_seed("127.0.0.1:8000") == lines
    assert (Visit.objects.count(), Case.objects.count(), Crowd.objects.count()) == counts
