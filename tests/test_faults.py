"""Faults across the interfaces (issue 12, items 7b, 7c, 8): the database going away answers 503 in
each interface's own format; a retried submission gets its private link back, a guessed key does not.

Here, outside ``danvan/``, because it spans the web pages, the REST API and Open311 at once.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from xml.etree import ElementTree as ET

import pytest
from django.db import OperationalError, connection
from django.db.backends.utils import CursorWrapper
from django.test import Client

from danvan.api.tests.conftest import PETITION
from danvan.api.tests.conftest import pw as pw  # the partner world: a body, a partner and its keys
from danvan.cases.models import Case, RoutingRule
from danvan.cases.tests.views.test_public import form_data
from danvan.open311.models import Open311Service
from danvan.open311.tests.conftest import PartnerWorld as Open311World
from danvan.partners.tests.world import make_partner_base

pytestmark = pytest.mark.django_db


@contextmanager
def database_gone(monkeypatch: Any) -> Iterator[None]:
    """Every query of the requests inside fails as when PostgreSQL restarts under the server."""

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise OperationalError("server closed the connection unexpectedly")

    with monkeypatch.context() as m:
        m.setattr(CursorWrapper, "execute", refuse)
        m.setattr(CursorWrapper, "executemany", refuse)
        yield


@pytest.fixture
def lenient() -> Client:
    """A client that answers as the server would (no exception re-raised into the test)."""
    return Client(raise_request_exception=False)


@pytest.fixture
def open311(db: None) -> dict[str, str]:
    b = make_partner_base()
    RoutingRule.objects.create(organization=b.body)
    Open311Service.objects.create(code="pakn", track="pakn", name="Phản ánh, kiến nghị khác")
    return {"api_key": b.key, "service_code": "pakn", "address_string": "phuong phu xuan, hue",
            "description": "Rác thải đổ trộm ở đầu kiệt 12 đường Lê Lợi, bốc mùi hôi thối nhiều ngày.",
            "first_name": "An", "last_name": "Nguyễn Văn", "phone": "0912345678", "attribute[consent]": "yes"}  # fmt: skip


_ = Open311World


# --- 503 while the database is away (item 7c) ---------------------------------------------------


def test_rest_answers_503_in_its_error_shape(lenient: Client, pw: Any, monkeypatch: Any) -> None:
    with database_gone(monkeypatch):
        response = lenient.post("/api/v1/cases", PETITION, content_type="application/json",
                                headers={"Authorization": f"Bearer {pw.key}", "Idempotency-Key": "k-1"})  # fmt: skip
    assert response.status_code == 503 and response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"code", "message", "details"} and body["code"] == "unavailable"
    assert int(response["Retry-After"]) > 0


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_open311_answers_503_in_its_error_list(lenient: Client, open311: dict[str, str], monkeypatch: Any,
                                               fmt: str) -> None:  # fmt: skip
    with database_gone(monkeypatch):
        response = lenient.post(f"/open311/v2/requests.{fmt}", open311)
    assert response.status_code == 503 and int(response["Retry-After"]) > 0
    if fmt == "json":
        assert response["Content-Type"].startswith("application/json")
        errors = response.json()
        assert isinstance(errors, list) and errors[0]["code"] == 503 and errors[0]["description"]
    else:
        assert response["Content-Type"].startswith("text/xml")
        root = ET.fromstring(response.content)  # noqa: S314 - our own answer
        assert root.tag == "errors" and root.find("error/code").text == "503"  # type: ignore[union-attr]


def test_the_public_form_answers_a_vietnamese_503_page(lenient: Client, pw: Any, monkeypatch: Any) -> None:
    with database_gone(monkeypatch):
        response = lenient.post("/gui-phan-anh/", form_data())
    assert response.status_code == 503 and response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert "Dịch vụ tạm thời gián đoạn" in page and "Server Error" not in page
    assert int(response["Retry-After"]) > 0


def test_a_page_whose_session_cannot_be_read_answers_503_too(lenient: Client, pw: Any, monkeypatch: Any) -> None:
    lenient.force_login(pw.handler)  # the session is read by a middleware, outside any view
    with database_gone(monkeypatch):
        response = lenient.get("/van-hanh/ho-so/")
    assert response.status_code == 503 and "Dịch vụ tạm thời gián đoạn" in response.content.decode()


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data_reseeded")
def test_with_postgresql_really_unreachable_each_api_answers_503(lenient: Client) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: a real connection refused")
    b = make_partner_base()
    port = connection.settings_dict["PORT"]
    connection.close()
    connection.settings_dict["PORT"] = 1  # nothing listens there: connection refused
    try:
        rest = lenient.post("/api/v1/cases", PETITION, content_type="application/json",
                            headers={"Authorization": f"Bearer {b.key}"})  # fmt: skip
        o311 = lenient.post("/open311/v2/requests.json", {"api_key": b.key, "service_code": "pakn"})
        page = lenient.post("/gui-phan-anh/", form_data())
    finally:
        connection.close()
        connection.settings_dict["PORT"] = port
    assert (rest.status_code, rest.json()["code"]) == (503, "unavailable")
    assert (o311.status_code, o311.json()[0]["code"]) == (503, 503)
    assert page.status_code == 503 and page["Content-Type"].startswith("text/html")


# --- a retry gets the private link back; a guessed key does not (item 7b) ----------------------


def _create(client: Client, key: str, body: dict[str, Any], idempotency: str) -> Any:
    return client.post("/api/v1/cases", body, content_type="application/json",
                       headers={"Authorization": f"Bearer {key}", "Idempotency-Key": idempotency})  # fmt: skip


def test_a_rest_retry_answers_the_stored_case_with_a_working_private_link(client: Client, pw: Any) -> None:
    first = _create(client, pw.key, PETITION, "k-1")
    again = _create(client, pw.key, PETITION, "k-1")
    assert (first.status_code, again.status_code) == (201, 200)
    token = again.json()["access_token"]
    assert token == first.json()["access_token"] and token
    code = again.json()["tracking_code"]
    assert client.get(f"/api/v1/cases/track/{code}", {"token": token}).status_code == 200


def test_another_caller_using_the_same_idempotency_key_gets_a_new_case_not_the_link(client: Client, pw: Any) -> None:
    first = _create(client, pw.key, PETITION, "k-1")
    other_key = pw.issue("submit")  # another key (another partner system, or an attacker who guessed "k-1")
    theirs = _create(client, other_key, PETITION, "k-1")
    assert theirs.status_code == 201 and theirs.json()["tracking_code"] != first.json()["tracking_code"]
    assert theirs.json()["access_token"] != first.json()["access_token"]


def test_the_same_idempotency_key_with_another_petition_is_refused_409(client: Client, pw: Any) -> None:
    first = _create(client, pw.key, PETITION, "k-1")
    other = _create(client, pw.key, {**PETITION, "content": "Một phản ánh khác hẳn về cây xanh đổ."}, "k-1")
    assert other.status_code == 409 and other.json()["code"] == "idempotency_conflict"
    assert first.json()["access_token"] not in json.dumps(other.json()) and Case.objects.count() == 1


def test_a_web_form_sent_again_after_editing_is_still_the_first_petition(client: Client, pw: Any) -> None:
    # One rendering of the form is one submission (issue 14, item 4): Back, an edit and "send" again from
    # the session that sent it show the first case's receipt again, never a second case.
    data = form_data(idempotency_key="0123456789abcdef0123456789abcdef")
    assert client.post("/gui-phan-anh/", data).status_code == 303
    first = client.get("/gui-phan-anh/da-nhan/").context["receipt"]
    assert client.post("/gui-phan-anh/", data).status_code == 303  # a double click: the same case and link
    again = client.get("/gui-phan-anh/da-nhan/").context["receipt"]
    assert again["code"] == first["code"] and again["token"] == first["token"]
    edited = {**data, "content": data["content"] + " Thêm: cống bị tắc hoàn toàn."}
    assert client.post("/gui-phan-anh/", edited).status_code == 303
    third = client.get("/gui-phan-anh/da-nhan/").context["receipt"]
    assert third["code"] == first["code"] and Case.objects.count() == 1


# --- Redis down: nothing a citizen sends is refused (item 8) ------------------------------------

DEAD_REDIS = "redis://127.0.0.1:1/0"  # nothing listens on port 1


@pytest.fixture
def redis_down(settings: Any) -> Iterator[None]:
    from config.settings.base import cache_settings
    from danvan.core.cache import RedisWithLocalFallback

    RedisWithLocalFallback.reset_state()
    settings.CACHES = cache_settings(DEAD_REDIS)
    yield
    RedisWithLocalFallback.reset_state()


def test_with_redis_down_intake_login_and_both_apis_still_work_and_say_so_once(
    client: Client, pw: Any, open311: dict[str, str], redis_down: None, caplog: Any
) -> None:
    caplog.set_level("WARNING", logger="danvan.cache")
    assert client.post("/gui-phan-anh/", form_data()).status_code == 303
    assert client.get("/dang-nhap/").status_code == 200
    login = client.post("/dang-nhap/", {"username": pw.handler.username, "password": "sai-mat-khau-1"})
    assert login.status_code == 200 and "form" in login.context  # refused for the password, not for Redis
    rest = client.post("/api/v1/cases", PETITION, content_type="application/json",
                       headers={"Authorization": f"Bearer {pw.key}"})  # fmt: skip
    assert rest.status_code == 201, rest.content
    o311 = client.post("/open311/v2/requests.json", open311)
    assert o311.status_code == 200, o311.content
    assert Case.objects.count() == 3
    warnings = [r for r in caplog.records if r.name == "danvan.cache"]
    assert len(warnings) == 1 and "Redis unavailable" in warnings[0].getMessage()


def test_with_redis_down_the_limits_still_hold_in_the_process(client: Client, redis_down: None) -> None:
    from danvan.core import ratelimit

    verdicts = [ratelimit.hit("test", "10.0.0.1", limit=3, window_seconds=60).allowed for _ in range(5)]
    assert verdicts == [True, True, True, False, False]


def test_with_real_redis_the_limits_hold_across_two_cache_clients(settings: Any, monkeypatch: Any) -> None:
    from django.core.cache import caches

    from config.settings.base import cache_settings
    from danvan.core import ratelimit

    url = settings.REDIS_URL  # this xdist worker's own Redis database (config.settings.test), not REDIS_URL's
    if not url:
        pytest.skip("needs REDIS_URL (scripts/test.sh's PostgreSQL run sets it)")
    settings.CACHES = cache_settings(url)
    one, two = caches.create_connection("default"), caches.create_connection("default")  # two processes' clients
    one.clear()
    allowed = []
    for i in range(6):
        monkeypatch.setattr(ratelimit, "cache", one if i % 2 else two)
        allowed.append(ratelimit.hit("test-shared", "10.0.0.2", limit=4, window_seconds=60).allowed)
    assert allowed == [True, True, True, True, False, False]
    assert one.fallbacks == two.fallbacks == 0  # type: ignore[attr-defined]


def test_each_xdist_worker_empties_only_its_own_redis_database() -> None:
    from django.core.exceptions import ImproperlyConfigured

    from config.settings.test import redis_url_for_worker

    assert redis_url_for_worker("redis://127.0.0.1:6379/8", "") == "redis://127.0.0.1:6379/8"  # no xdist
    assert redis_url_for_worker("redis://127.0.0.1:6379/8", "gw0") == "redis://127.0.0.1:6379/8"
    assert redis_url_for_worker("redis://127.0.0.1:6379/8", "gw3") == "redis://127.0.0.1:6379/11"
    assert redis_url_for_worker("redis://127.0.0.1:6379", "gw1") == "redis://127.0.0.1:6379/1"
    assert redis_url_for_worker("", "gw1") == ""  # local memory: per process anyway
    with pytest.raises(ImproperlyConfigured, match="database 16"):
        redis_url_for_worker("redis://127.0.0.1:6379/15", "gw1")


def test_a_rest_case_and_its_key_record_commit_together(lenient: Client, pw: Any, monkeypatch: Any) -> None:
    """The database dropping right after the case was written: nothing half-stored, the retry stores it whole."""
    from danvan.cases import api as rest

    real = rest.api_key_submission_record

    def drop(**kwargs: Any) -> None:
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(rest, "api_key_submission_record", drop)
    failed = _create(lenient, pw.key, PETITION, "k-9")
    assert failed.status_code == 503 and not Case.objects.exists()
    monkeypatch.setattr(rest, "api_key_submission_record", real)
    stored = _create(lenient, pw.key, PETITION, "k-9")
    assert stored.status_code == 201
    code = stored.json()["tracking_code"]
    assert lenient.get(f"/api/v1/cases/track/{code}", headers={"X-API-Key": pw.read_key}).status_code == 200
