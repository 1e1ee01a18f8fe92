"""Who edits the national rule tables in the tests: a superuser. No role carries their model permissions
(``core.reference_data.may_edit_reference_data``), so a province's officer or operator never does."""

from __future__ import annotations

from danvan.org.models import User
from danvan.org.tests.factories import make_user


def rule_keeper(username: str = "quantri") -> User:
    return make_user(username=username, is_superuser=True, is_staff=True)
