"""Early warnings: one open alert per signal, sent to the heads and dân vận officers in scope, read only in
scope, and of its cases only those the reader may open."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from danvan.cases.models import Case
from danvan.cases.tests.factories import make_world, submit
from danvan.core.errors import DomainError, NotFound
from danvan.core.models import AuditEvent
from danvan.insight import errors as codes
from danvan.insight.models import Alert, AlertKind, AlertStatus
from danvan.insight.selectors import alerts as selectors
from danvan.insight.services import alerts as services
from danvan.notifications.models import Notification
from danvan.org.choices import Role
from danvan.org.tests.factories import officer

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return make_world()


def _raise(world, *case_ids, key="surge:1:roads"):
    return services.alert_raise(kind=AlertKind.SURGE, key=key, organization=world.phuong, title="Ngập nước tăng",
                                summary="12 in 3 days, 2 expected", case_ids=case_ids, figures={"observed": 12})  # fmt: skip


def test_a_new_signal_opens_an_alert_and_tells_the_heads_and_dan_van_officers_in_scope(world):
    case = submit().case
    alert, created = _raise(world, case.pk)
    assert created and alert.status == AlertStatus.OPEN
    told = set(Notification.objects.filter(about_kind="insight.alert", about_id=alert.pk).values_list(
        "recipient__username", flat=True))  # fmt: skip
    # the ward's head, and the dân vận officer of the province with its subtree; not the handlers, not the
    # other ward's people
    assert told == {"chutich", "danvan"}
    assert AuditEvent.objects.filter(action="insight.alert_raised", object_id=str(alert.pk)).count() == 1


def test_the_same_signal_again_adds_to_the_open_alert_without_telling_again(world):
    first, second = submit().case, submit(title="Ngập lần nữa").case
    alert, _ = _raise(world, first.pk)
    again, created = _raise(world, first.pk, second.pk)
    assert not created and again.pk == alert.pk
    assert sorted(again.cases.values_list("pk", flat=True)) == sorted([first.pk, second.pk])
    assert Notification.objects.filter(about_kind="insight.alert").count() == 2  # still the first two notices


def test_after_an_alert_is_closed_the_same_signal_opens_a_new_one(world):
    alert, _ = _raise(world)
    services.alert_set_status(actor=world.head, alert_id=alert.pk, status=AlertStatus.CLOSED, note="Đã nạo vét.")
    again, created = _raise(world)
    assert created and again.pk != alert.pk


def test_closing_needs_a_note(world):
    alert, _ = _raise(world)
    with pytest.raises(DomainError) as refused:
        services.alert_set_status(actor=world.head, alert_id=alert.pk, status=AlertStatus.CLOSED, note=" ")
    assert refused.value.code == codes.ALERT_CLOSE_NEEDS_NOTE
    assert Alert.objects.get(pk=alert.pk).status == AlertStatus.OPEN


def test_a_closed_alert_is_not_reopened_beside_a_newer_open_one(world):
    alert, _ = _raise(world)
    services.alert_set_status(actor=world.head, alert_id=alert.pk, status=AlertStatus.CLOSED, note="x")
    _raise(world)
    with pytest.raises(DomainError) as refused:
        services.alert_set_status(actor=world.head, alert_id=alert.pk, status=AlertStatus.OPEN)
    assert refused.value.code == codes.ALERT_NEWER_OPEN


def test_alerts_are_read_only_in_scope(world):
    alert, _ = _raise(world)
    other_head = officer("chutich2", Role.HEAD, world.other)
    assert list(selectors.alerts_for(user=world.dan_van)) == [alert]
    assert list(selectors.alerts_for(user=other_head)) == []
    with pytest.raises(NotFound):
        selectors.alert_get_for(user=other_head, pk=alert.pk)
    with pytest.raises(NotFound):  # a handler of the ward may not read alerts at all
        services.alert_set_status(actor=world.handler, alert_id=alert.pk, status=AlertStatus.ACKNOWLEDGED)


def test_the_cases_behind_an_alert_are_shown_only_where_the_reader_may_open_them(world):
    pakn = submit().case
    to_cao = submit(track="to_cao", title="Tố cáo cán bộ", content="Tố cáo cán bộ địa chính nhận tiền.").case
    elsewhere = submit(title="Ngập ở Kim Long").case
    Case.objects.filter(pk=elsewhere.pk).update(handling_organization=world.other)
    alert, _ = _raise(world, pakn.pk, to_cao.pk, elsewhere.pk)
    # the dân vận officer of the province reads the alert but is granted no tố cáo: the tố cáo is neither shown
    # nor counted (its existence is not theirs to know)
    behind = selectors.alert_cases_for(user=world.dan_van, alert=alert)
    assert sorted(c.pk for c in behind.shown) == sorted([pakn.pk, elsewhere.pk]) and behind.hidden == 0
    # the ward's head opens the ward's tố cáo, not the other ward's case: that one is counted, not named
    behind = selectors.alert_cases_for(user=world.head, alert=alert)
    assert sorted(c.pk for c in behind.shown) == sorted([pakn.pk, to_cao.pk]) and behind.hidden == 1


def test_the_pages_show_the_alert_and_refuse_outsiders(world):
    case = submit().case
    alert, _ = _raise(world, case.pk)
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(world.dan_van)
    listing = client.get("/dan-y/canh-bao/")
    assert listing.status_code == 200 and f'data-id="{alert.pk}"' in listing.text
    page = client.get(f"/dan-y/canh-bao/{alert.pk}/")
    assert page.status_code == 200 and case.tracking_code in page.text
    refused = client.post(f"/dan-y/canh-bao/{alert.pk}/", {"status": "closed", "note": ""})
    assert refused.status_code == 400 and Alert.objects.get(pk=alert.pk).status == AlertStatus.OPEN
    done = client.post(f"/dan-y/canh-bao/{alert.pk}/", {"status": "acknowledged", "note": "Đã giao phường."})
    assert done.status_code == 302 and Alert.objects.get(pk=alert.pk).status == AlertStatus.ACKNOWLEDGED
    client.force_login(officer("chutich2", Role.HEAD, world.other))
    assert client.get(f"/dan-y/canh-bao/{alert.pk}/").status_code == 404
    assert client.get("/dan-y/canh-bao/").status_code == 200  # a head elsewhere: the list, empty
    client.force_login(world.handler)
    assert client.get("/dan-y/canh-bao/").status_code == 404


def test_a_long_title_fits_the_notice(world):
    """The notice's label holds 60 characters and its subject 200: PostgreSQL refused longer ones (the demo's
    "many people on one matter" titles), SQLite did not."""
    alert, _ = services.alert_raise(kind=AlertKind.MASS_COMPLAINT, key="group:9", organization=world.phuong,
                                    title="Nhiều người cùng một vụ việc: " + "Đèn đường không sáng " * 12)  # fmt: skip
    notices = Notification.objects.filter(about_kind="insight.alert", about_id=alert.pk)
    assert notices.exists() and all(len(n.about_label) <= 60 and len(n.subject) <= 200 for n in notices)
