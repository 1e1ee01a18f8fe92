"""Bad input to the REST API is refused in the API's error format, never a server error (issue 12, item 10)."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("query", ["²", "¹²³", "٣", "1²", "9" * 40])
def test_a_unit_search_by_a_number_int_refuses_finds_nothing_instead_of_failing(client: Client, query: str) -> None:
    response = client.get("/api/v1/units", {"q": query})
    assert response.status_code == 200, response.content[:300]
    assert response.json()["count"] == 0


def test_a_unit_search_by_its_code_still_finds_it(client: Client) -> None:
    response = client.get("/api/v1/units", {"q": "46"})
    assert response.status_code == 200
    assert [u["code"] for u in response.json()["results"]] == [46]
