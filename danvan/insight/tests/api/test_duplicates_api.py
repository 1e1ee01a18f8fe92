"""REST: the cases like one case that the caller may open (a tố cáo only for who may read it), and the public
look-up of the petition form (only public reports, never a complaint, a denunciation or a private case;
limited per address together with the form's JSON)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from danvan.cases.models import Case
from danvan.cases.tests.factories import make_world, submit
from danvan.insight.services import duplicates as services
from danvan.insight.tests.api.helpers import API, key_for, refused, session
from danvan.insight.tests.duplicates.helpers import SAME, letter

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


@pytest.fixture
def world():
    return make_world()


def _ids(answer) -> list[int]:
    return [c["id"] for c in answer.json()["similar"]]


def test_the_same_matter_lists_only_cases_the_caller_may_open_never_a_to_cao_they_may_not(world):
    first, second, third = letter(0), letter(1), letter(2)
    title, content = SAME[2]
    to_cao = submit(track="to_cao", title=title, content=content, is_anonymous=True).case
    elsewhere = letter(1)
    Case.objects.filter(pk=elsewhere.pk).update(handling_organization=world.other)
    # the province's dân vận officer reads both wards but no tố cáo
    answer = session(world.dan_van).get(f"{API}/cases/{first.pk}/same-matter")
    assert answer.status_code == 200
    assert sorted(_ids(answer)) == sorted([second.pk, third.pk, elsewhere.pk])
    assert to_cao.tracking_code not in answer.text
    # the ward's head may read the ward's tố cáo, not Kim Long's case
    answer = session(world.head).get(f"{API}/cases/{first.pk}/same-matter")
    assert sorted(_ids(answer)) == sorted([second.pk, third.pk, to_cao.pk])
    row = next(c for c in answer.json()["similar"] if c["id"] == second.pk)
    assert (row["tracking_code"], row["kind"], row["handling_body_id"], row["linked"]) == (
        second.tracking_code,
        "pakn",
        world.phuong.pk,
        False,
    )
    assert 0.05 <= row["score"] <= 1


def test_linked_cases_are_marked(world):
    first, second = letter(0), letter(1)
    services.matter_link(actor=world.handler, case=first, other_id=second.pk)
    answer = session(world.handler).get(f"{API}/cases/{first.pk}/same-matter").json()
    assert [(c["id"], c["linked"]) for c in answer["similar"]] == [(second.pk, True)]
    assert answer["linked_elsewhere"] == []


def test_the_same_matter_needs_credentials_and_a_case_the_caller_may_open(world):
    first = letter(0)
    letter(1)
    refused(Client().get(f"{API}/cases/{first.pk}/same-matter"), 401, "not_authenticated")
    refused(Client().get(f"{API}/cases/{first.pk}/same-matter", headers=key_for(world, world.handler, "submit")),
            403, "scope_missing")  # fmt: skip
    missing = refused(session(world.other_handler).get(f"{API}/cases/{first.pk + 1000}/same-matter"), 404,
                      "not_found")  # fmt: skip
    assert refused(session(world.other_handler).get(f"{API}/cases/{first.pk}/same-matter"), 404, "not_found") == missing
    refused(session(world.handler).get(f"{API}/cases/{2**40}/same-matter"), 404, "not_found")
    ok = Client().get(f"{API}/cases/{first.pk}/same-matter", headers=key_for(world, world.handler, "staff_read"))
    assert ok.status_code == 200 and ok.json()["case_id"] == first.pk


def _public(client: Client, **data):
    return client.post(f"{API}/similar-public", data, content_type="application/json")


def test_the_public_look_up_lists_only_public_reports(world):
    public = letter(0, publish=True)
    letter(1)  # private
    title, content = SAME[2]
    submit(track="to_cao", title=title, content=content, is_anonymous=True)
    submit(track="khieu_nai", title=title, content=content)
    answer = _public(Client(), title=title, content=content, place_text="phuong phu xuan, hue")
    assert answer.status_code == 200
    reports = answer.json()["reports"]
    assert [r["code"] for r in reports] == [public.tracking_code]
    assert (reports[0]["title"], reports[0]["status"], reports[0]["received_on"]) == (
        public.public_title,
        public.status,
        public.received_on.isoformat(),
    )


def test_a_complaint_or_denunciation_being_written_gets_nothing(world):
    letter(0, publish=True)
    title, content = SAME[1]
    for track in ("to_cao", "khieu_nai"):
        assert _public(Client(), title=title, content=content, track=track).json() == {"reports": []}
    assert len(_public(Client(), title=title, content=content).json()["reports"]) == 1


def test_bad_bodies_are_refused_in_the_error_shape(world):
    refused(_public(Client(), title="x" * 20_001), 422, "invalid")
    refused(_public(Client(), title="a\x00b"), 422, "invalid")
    answer = Client().post(f"{API}/similar-public", "not json", content_type="application/json")
    assert 400 <= answer.status_code < 500


def test_the_public_look_up_shares_the_forms_limit_per_address(world, monkeypatch):
    from danvan.insight.selectors import duplicates as selectors

    monkeypatch.setattr(selectors, "PUBLIC_LIMIT", 2)
    client = Client()
    assert _public(client, title="a", content="b").status_code == 200
    assert client.post(reverse("insight:similar_json"), {"title": "a"}).status_code == 200  # the same budget
    limited = _public(client, title="a", content="b")
    refused(limited, 429, "rate_limited")
    assert 0 < int(limited["Retry-After"]) <= 600


def _write(client: Client):
    """An ordinary API write (an alert's status) from the same address, without credentials: it is counted in the
    general write budget, then refused 401 for want of an account."""
    return client.post(f"{API}/alerts/1/status", {"status": "acknowledged"}, content_type="application/json")


def test_the_public_look_up_is_not_counted_in_the_general_write_budget(world):
    from danvan.rest import auth

    client = Client()  # one address (127.0.0.1), one minute: the clock is frozen
    assert auth.WRITE_LIMIT < 25
    assert [_public(client, title="Đèn đường", content="hỏng").status_code for _ in range(25)] == [200] * 25
    # the general write budget is whole: WRITE_LIMIT writes are let through (to their 401), the next is refused
    for _ in range(auth.WRITE_LIMIT):
        refused(_write(client), 401, "not_authenticated")
    limited = refused(_write(client), 429, "rate_limited")
    assert limited["message"]
    # ... and the look-up, on its own budget, still answers
    assert _public(client, title="Đèn đường", content="hỏng").status_code == 200


def test_the_public_look_up_keeps_its_own_limit_at_public_limit(world):
    from danvan.insight.selectors import duplicates as selectors

    client = Client()
    answers = [_public(client, title="a", content="b").status_code for _ in range(selectors.PUBLIC_LIMIT)]
    assert answers == [200] * selectors.PUBLIC_LIMIT
    over = _public(client, title="a", content="b")
    refused(over, 429, "rate_limited")
    assert 0 < int(over["Retry-After"]) <= selectors.PUBLIC_WINDOW
    # the form's JSON is the same budget: refused too
    assert client.post(reverse("insight:similar_json"), {"title": "a"}).status_code == 429
    # none of it touched the write budget
    refused(_write(client), 401, "not_authenticated")
