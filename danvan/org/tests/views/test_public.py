"""Org's public page: the place look-up, for anyone, with a rate limit per address."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_anyone_finds_the_current_ward_of_an_old_address(client):
    response = client.get(reverse("org:place_resolve"), {"q": "p thao dien, thu duc, tphcm"})
    assert response.status_code == 200
    resolution = response.context["resolution"]
    assert resolution.status == "exact" and [u.name for u in resolution.units] == ["Phường An Khánh"]
    assert "Phường An Khánh" in response.content.decode()


def test_the_empty_form_resolves_nothing(client):
    response = client.get(reverse("org:place_resolve"))
    assert response.status_code == 200 and response.context["resolution"] is None


def test_the_sixty_first_look_up_in_a_minute_is_told_to_wait(client, frozen_clock):
    url = reverse("org:place_resolve")
    for _ in range(60):
        assert client.get(url, {"q": "thao dien"}).status_code == 200
    response = client.get(url, {"q": "thao dien"})
    assert response.status_code == 429 and response["Retry-After"] == "60"  # the clock stands at the start of a minute
