"""How notifications leave: the SMS adapter (no real SMS is sent) and email."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured

from danvan.notifications import channels
from danvan.notifications.channels import LoggingSmsGateway, SmsGateway, get_sms_gateway, send_email
from danvan.notifications.messages import RenderedMessage

PRIVATE_LINK = "https://danvan.hue.gov.vn/tra-cuu/TC-2602-AB12CD/?t=Zx8kq3J1vB2nM4pL7sQ9wE0rT6yU5iO"


@pytest.fixture(autouse=True)
def _fresh_gateways() -> Iterator[None]:
    channels._gateway.cache_clear()
    yield
    channels._gateway.cache_clear()


# --- SMS gateway ---------------------------------------------------------------------------


def test_the_default_gateway_only_logs_and_records(caplog: pytest.LogCaptureFixture) -> None:
    gateway = get_sms_gateway()
    assert isinstance(gateway, LoggingSmsGateway)
    assert isinstance(gateway, SmsGateway)
    with caplog.at_level(logging.DEBUG, logger="danvan.sms"):
        message_id = gateway.send(
            phone="0905 123 456", text=f"Dân Vận Số: hồ sơ TC-2602-AB12CD. Xem tại {PRIVATE_LINK}"
        )
    assert message_id.startswith("log-")
    sent = gateway.outbox[-1]
    assert (sent.message_id, sent.phone) == (message_id, "0905 123 456")
    assert PRIVATE_LINK in sent.text
    records = [r for r in caplog.records if r.name == "danvan.sms"]
    assert any("NOT SENT" in r.getMessage() and r.levelno == logging.INFO for r in records)
    logged = " ".join(r.getMessage() for r in records)
    assert "*******456" in logged and "0905" not in logged
    assert PRIVATE_LINK not in logged  # the private link is a key to the case: never in a log


def test_the_gateway_is_one_instance_per_process() -> None:
    assert get_sms_gateway() is get_sms_gateway()


def test_the_logging_gateway_keeps_only_the_last_messages() -> None:
    gateway = LoggingSmsGateway(keep=3)
    for number in range(5):
        gateway.send(phone="0905000000", text=f"tin {number}")
    assert [m.text for m in gateway.outbox] == ["tin 2", "tin 3", "tin 4"]
    gateway.clear()
    assert not gateway.outbox


@pytest.mark.parametrize(("phone", "text"), [("", "x"), ("0905", " "), ("  ", "x")])
def test_an_sms_needs_a_phone_and_a_text(phone: str, text: str) -> None:
    with pytest.raises(ValueError):
        LoggingSmsGateway().send(phone=phone, text=text)


class RecordingGateway:
    """A stand-in for a provider's adapter, named in DANVAN_SMS_GATEWAY by the test."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []

    def send(self, *, phone: str, text: str, idempotency_key: str = "") -> str:
        self.calls.append((phone, text))
        return f"provider-{len(self.calls)}"


class NotAGateway:
    pass


def test_the_setting_names_the_gateway(settings: Any) -> None:
    settings.DANVAN_SMS_GATEWAY = f"{__name__}.RecordingGateway"
    gateway = get_sms_gateway()
    assert isinstance(gateway, RecordingGateway)
    assert gateway.send(phone="0905", text="x") == "provider-1"


@pytest.mark.parametrize("path", ["danvan.notifications.nowhere.Gateway", f"{__name__}.NotAGateway"])
def test_a_wrong_gateway_setting_is_improperly_configured(settings: Any, path: str) -> None:
    settings.DANVAN_SMS_GATEWAY = path
    with pytest.raises(ImproperlyConfigured, match="DANVAN_SMS_GATEWAY"):
        get_sms_gateway()


# --- email ---------------------------------------------------------------------------------


def test_send_email_sends_one_email_per_address(mailoutbox: list[Any], settings: Any) -> None:
    message = RenderedMessage(subject="Hồ sơ đã được thụ lý", text="Kính gửi Ông/Bà,\n", sms_text="")
    assert send_email(to=["a@example.vn", " b@example.vn ", ""], message=message) == 2
    assert [m.to for m in mailoutbox] == [["a@example.vn"], ["b@example.vn"]]  # nobody sees another's address
    assert mailoutbox[0].subject == message.subject
    assert mailoutbox[0].body == message.text
    assert mailoutbox[0].from_email == settings.DEFAULT_FROM_EMAIL


def test_send_email_keeps_the_subject_on_one_line(mailoutbox: list[Any]) -> None:
    send_email(to=["a@example.vn"], message=RenderedMessage(subject="Dòng 1\nBcc: x@evil", text="t", sms_text=""))
    assert mailoutbox[0].subject == "Dòng 1 Bcc: x@evil"


def test_send_email_needs_an_address() -> None:
    with pytest.raises(ValueError):
        send_email(to=["", "  "], message=RenderedMessage(subject="s", text="t", sms_text=""))
