"""Fixtures of the participation part's tests: a device, a verified resident, a household's code."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache

from danvan.citizens.models import VerifiedContact
from danvan.consultations.services.participation import Who


@pytest.fixture(autouse=True)
def _fresh_cache() -> Any:
    cache.clear()  # household codes and rate limits live in the cache
    yield
    cache.clear()


def device(name: str = "a") -> Who:
    return Who(device=f"device-{name}")


def resident(username: str = "congdan", phone: str = "+84912000111") -> Any:
    user = get_user_model().objects.create_user(username=username, password="x" * 12)
    VerifiedContact.objects.create(user=user, kind="phone", value=phone, verified_by="code")
    return user
