"""The named-events registry: defined names, typed payloads, handlers called in order, and the check."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from danvan.core import events
from danvan.core.checks import event_subscription_check


@dataclass(frozen=True)
class Rang:
    bell: str


@pytest.fixture
def registry(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # A registry of the test's own, so nothing leaks into the apps' real subscriptions.
    monkeypatch.setattr(events, "_DEFINED", {})
    monkeypatch.setattr(events, "_HANDLERS", {})
    yield


def test_publishing_an_undefined_name_raises(registry: None) -> None:
    with pytest.raises(events.EventError, match=r"no event named 'test\.rang' is defined"):
        events.publish("test.rang", Rang("chùa"))


def test_a_subscriber_receives_the_payload_in_subscription_order(registry: None) -> None:
    name = events.define("test.rang", Rang)
    heard: list[tuple[str, Rang]] = []
    events.subscribe(name, lambda p: heard.append(("first", p)))
    events.subscribe(name, lambda p: heard.append(("second", p)))
    events.publish(name, Rang("chùa"))
    assert heard == [("first", Rang("chùa")), ("second", Rang("chùa"))]


def test_subscribing_one_handler_twice_calls_it_once_and_unsubscribe_removes_it(registry: None) -> None:
    name = events.define("test.rang", Rang)
    heard: list[Rang] = []
    events.subscribe(name, heard.append)
    events.subscribe(name, heard.append)  # a ready() run twice
    events.publish(name, Rang("một"))
    events.unsubscribe(name, heard.append)
    events.publish(name, Rang("hai"))
    assert heard == [Rang("một")]


def test_a_payload_of_another_type_is_refused(registry: None) -> None:
    name = events.define("test.rang", Rang)
    with pytest.raises(events.EventError, match="carries Rang, not dict"):
        events.publish(name, {"bell": "chùa"})


def test_a_name_defined_again_with_another_type_is_refused_and_with_the_same_is_harmless(registry: None) -> None:
    events.define("test.rang", Rang)
    assert events.define("test.rang", Rang) == "test.rang"
    with pytest.raises(events.EventError, match="already defined with Rang"):
        events.define("test.rang", dict)


def test_a_listener_builds_the_payload_by_name_without_importing_its_owner(registry: None) -> None:
    events.define("test.rang", Rang)
    assert events.payload("test.rang", bell="đình") == Rang("đình")
    with pytest.raises(TypeError):
        events.payload("test.rang", sound="đình")


def test_a_handler_that_raises_stops_the_sender(registry: None) -> None:
    name = events.define("test.rang", Rang)

    def broken(_: Rang) -> None:
        raise RuntimeError("listener failed")

    events.subscribe(name, broken)
    with pytest.raises(RuntimeError, match="listener failed"):
        events.publish(name, Rang("chùa"))


def test_the_system_check_reports_a_subscription_to_a_name_nobody_defined(registry: None) -> None:
    events.subscribe("test.rnag", print)  # a typo would otherwise never fire
    [error] = event_subscription_check()
    assert error.id == "danvan.E002" and "'test.rnag'" in error.msg
    events.define("test.rnag", Rang)
    assert event_subscription_check() == []


def test_the_apps_define_what_they_subscribe_to() -> None:
    assert event_subscription_check() == []
    assert events.defined("cases.case_answered").__qualname__ == "AnsweredCase"
