"""Boards tests: the democracy world plus a third and more villages when a test needs them."""

from danvan.democracy.tests.conftest import dworld  # noqa: F401
