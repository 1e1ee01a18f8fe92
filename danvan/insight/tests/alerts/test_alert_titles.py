"""An alert's title is kept as its parts and made in the reader's language when shown: one raised while
Vietnamese was active (the daily task, a Vietnamese clerk's request) reads in English to an English reader,
and in Vietnamese to a Vietnamese one."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from danvan.insight.models import Alert, AlertKind
from danvan.insight.services import alerts as services

pytestmark = pytest.mark.django_db


def _page(user, language: str, url: str) -> str:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_surge_raised_in_vietnamese_reads_in_english_to_an_english_reader():
    from danvan.cases.tests.factories import make_world

    world = make_world()
    with translation.override("vi"):
        alert, created = services.alert_raise(
            kind=AlertKind.SURGE, key="surge:1:moi-truong", organization=world.phuong,
            title_parts={"topic": "Môi trường", "place": "Phường Phú Xuân"}, figures={"observed": 9},
        )  # fmt: skip
    assert created
    assert alert.title == "Môi trường ở Phường Phú Xuân tăng bất thường"  # as made when raised
    assert alert.figures == {"observed": 9, "title": {"topic": "Môi trường", "place": "Phường Phú Xuân"}}
    stored = Alert.objects.get(pk=alert.pk)
    with translation.override("en"):
        assert stored.display_title == "More cases than usual on Môi trường in Phường Phú Xuân"
        assert str(stored) == "More cases than usual on Môi trường in Phường Phú Xuân"

    english = _page(world.dan_van, "en", f"/dan-y/canh-bao/{alert.pk}/")
    assert "<h1>More cases than usual on Môi trường in Phường Phú Xuân</h1>" in english
    assert "tăng bất thường" not in english
    assert "Phường Phú Xuân</dd>" not in english  # the parts are not listed among the figures
    listed = _page(world.dan_van, "en", "/dan-y/canh-bao/")
    assert ">More cases than usual on Môi trường in Phường Phú Xuân</a>" in listed
    vietnamese = _page(world.dan_van, "vi", f"/dan-y/canh-bao/{alert.pk}/")
    assert "<h1>Môi trường ở Phường Phú Xuân tăng bất thường</h1>" in vietnamese


def test_each_kind_has_its_sentence_and_a_blank_topic_reads_no_topic_in_the_readers_language():
    from danvan.cases.tests.factories import make_world

    world = make_world()
    raised = {}
    with translation.override("vi"):
        for kind, parts in (
            (AlertKind.RECURRING, {"topic": "", "place": "Phường Phú Xuân"}),
            (AlertKind.MASS_COMPLAINT, {"title": "Đèn đường không sáng"}),
            (AlertKind.MATTER_GROWING, {"title": "Sạt lở bờ sông"}),
            (AlertKind.CROWD, {"people": 12, "body": "UBND Phường Phú Xuân"}),
        ):
            raised[kind], _created = services.alert_raise(kind=kind, key=f"{kind}:1", organization=world.phuong,
                                                          title_parts=parts)  # fmt: skip
    assert raised[AlertKind.RECURRING].title == "chưa phân lĩnh vực ở Phường Phú Xuân lặp lại nhiều tuần liền"
    with translation.override("en"):
        assert [Alert.objects.get(pk=raised[k].pk).display_title for k in raised] == [
            "no topic in Phường Phú Xuân keeps coming back",
            "Many people on one matter: Đèn đường không sáng",
            "A matter growing fast: Sạt lở bờ sông",
            "A crowd of 12 people at reception of UBND Phường Phú Xuân",
        ]


def test_an_alert_raised_with_a_plain_title_or_parts_that_no_longer_fit_shows_its_title_as_raised():
    from danvan.cases.tests.factories import make_world

    world = make_world()
    with translation.override("vi"):
        plain, _created = services.alert_raise(kind=AlertKind.SURGE, key="surge:2:x", organization=world.phuong,
                                               title="Ngập nước tăng")  # fmt: skip
    broken = Alert.objects.create(kind=AlertKind.SURGE, key="surge:3:x", organization=world.phuong, title="Cũ",
                                  figures={"title": {"place": "Phú Xuân"}}, opened_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))  # fmt: skip
    with translation.override("en"):
        assert Alert.objects.get(pk=plain.pk).display_title == "Ngập nước tăng"
        assert broken.display_title == "Cũ"
