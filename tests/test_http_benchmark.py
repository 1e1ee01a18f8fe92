"""The HTTP benchmark's parts stay working: every operation it sends is one the app accepts, and the load
client measures a real server. Nothing here is about time (benchmarks/http_suite.py measures that).

Here, outside ``danvan/``, because it spans the capabilities (the generator, the web pages, the API,
Open311) the way the benchmark does, which no app's own tests may (the import contracts)."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.db import connection

from benchmarks.http import danvan_fixtures, load, scenario_danvan
from benchmarks.http.client import Operation, Session
from benchmarks.http.danvan_queries import ClientSession
from danvan.cases.models import Case
from danvan.core.testing.browser import reseeded_afterwards as reseeded_afterwards  # the live-server flush
from danvan.synthetic import services
from danvan.synthetic.generator import CODE_PREFIX


def _generate() -> None:
    services.dataset_generate(services.GenerateOptions(
        cases=300, seed=7, provinces=(46,), start=dt.date(2025, 7, 1), end=dt.date(2026, 11, 23),
        progress=False, snapshots=True, chunk=150,
    ))  # fmt: skip


@pytest.mark.django_db
def test_every_operation_of_the_benchmark_is_accepted_by_the_app(django_capture_on_commit_callbacks) -> None:
    _generate()
    manifest = danvan_fixtures.build(seed=1)
    assert manifest["province"]["code"] == "gen-46-ubnd"
    assert manifest["samples"]["ward_cases"] and manifest["samples"]["ward_open_cases"]
    before = Case.objects.count()
    operations = scenario_danvan.operations(manifest)
    for name, op in operations.items():
        session = ClientSession()
        if op.prepare is not None:
            op.prepare(session)  # type: ignore[arg-type]  # ClientSession has the Session interface
        with django_capture_on_commit_callbacks(execute=True):
            response = op.run(session, random.Random(3))  # type: ignore[arg-type]
        assert response.status in op.expect, f"{name}: HTTP {response.status} {response.text()[:500]}"
    # The three intake operations each stored one petition; the cleanup of the next run removes them.
    assert Case.objects.count() == before + 3
    assert danvan_fixtures.cleanup() > 0
    assert Case.objects.count() == before
    assert not Case.objects.exclude(tracking_code__startswith=CODE_PREFIX).exists()


def test_percentiles_are_nearest_rank() -> None:
    values = [float(v) for v in range(1, 101)]
    assert load.percentile(values, 0.50) == 50.0
    assert load.percentile(values, 0.95) == 95.0
    assert load.percentile(values, 0.99) == 99.0
    assert load.percentile([7.0], 0.99) == 7.0
    assert load.percentile([], 0.5) == 0.0


def test_client_addresses_are_distinct_loopback_addresses() -> None:
    addresses = load.ClientAddresses()
    taken = [addresses.next() for _ in range(1000)]
    assert len(set(taken)) == 1000
    assert all(a.startswith("127.") and not a.endswith(".0") and not a.endswith(".255") for a in taken)


@pytest.mark.django_db(transaction=True)
def test_the_load_client_submits_through_a_real_server_from_many_addresses(reseeded_afterwards, live_server) -> None:
    """Petitions over a socket, each from another loopback address: none refused by the per-address
    limit (10 an hour), every success stored exactly once."""
    manifest = {"users": {}, "password": "", "samples": {"place_texts": ["Phường Phú Xuân, Thành phố Huế"]},
                "api_key": "", "open311_service": "", "year": "2026"}  # fmt: skip
    submit = scenario_danvan.operations(manifest)["web form submit"]
    # The live server shares one connection between its threads on SQLite's in-memory test database.
    concurrency = 2 if connection.vendor == "postgresql" else 1
    # Past one address's limit however loaded the machine: at_least keeps the run going until 12 requests
    # (a fixed 6 s made only 2 with two xdist workers on a busy 2-CPU machine, a 2 s run 8 once).
    result = load.run_closed(live_server.url, submit, concurrency=concurrency, duration=1.0, warmup=0.0, at_least=12)
    assert result.errors == 0, result.error_samples
    assert result.requests >= 12  # more than one address's hourly limit
    assert result.p50_ms > 0 and result.p99_ms >= result.p50_ms
    assert Case.objects.count() == result.requests


@pytest.mark.django_db(transaction=True)
def test_the_open_loop_keeps_its_rate(reseeded_afterwards, live_server) -> None:
    health = Operation("health", lambda session, rng: session.get("/suc-khoe/"))
    result = load.run_open(live_server.url, health, rate=40, duration=1.0, warmup=0.0, sessions=4)
    assert result.errors == 0
    assert result.requests == 40


def test_a_session_keeps_cookies_across_new_connections(reseeded_afterwards, live_server) -> None:
    session = Session(live_server.url)
    session.get("/gui-phan-anh/")
    token = session.cookies.get("csrftoken")
    assert token
    session.connect(load.ClientAddresses(start=99).next())
    assert session.get("/gui-phan-anh/").status == 200
    assert session.cookies["csrftoken"] == token
