"""The REST API's partner world (danvan/api/tests/conftest.py), for the satisfaction endpoints' tests."""

from danvan.api.tests.conftest import pw, staff  # noqa: F401 - fixtures, registered by being imported here
