"""The limits policy (``ui.limits``): who is counted, and the way forward a refusal gives."""

from __future__ import annotations

from types import SimpleNamespace

from django.test import RequestFactory, override_settings

from danvan.core.tokens import derived_token
from danvan.ui import limits

DESK = {"name": "Ban Tiếp công dân tỉnh", "hotline": "0234 1022", "counter": "1 Lê Lợi, Huế", "hours": "7:30–17:00"}


@override_settings(DANVAN_HELP_DESK=DESK)
def test_the_help_desk_is_the_sites_unless_a_body_with_a_phone_or_address_is_named() -> None:
    assert limits.help_desk() == DESK
    body = SimpleNamespace(name="UBND phường Phú Xuân", phone="0234 3822 000", address="")
    assert limits.help_desk(body) == DESK | {"name": "UBND phường Phú Xuân", "hotline": "0234 3822 000", "counter": ""}
    assert limits.help_desk(SimpleNamespace(name="Không có số", phone="", address="")) == DESK


def test_contacts_are_compared_in_one_form() -> None:
    keys = limits._contact_keys(["0912 345 678", "+84912345678", " An@Example.VN ", ""])
    # One key per person, keyed with the server's secret: never the number or address itself.
    assert keys == sorted([derived_token("rate-limit-contact", "+84912345678"),
                           derived_token("rate-limit-contact", "an@example.vn")])  # fmt: skip
    assert not any("912345678" in key or "example" in key for key in keys)


@override_settings(
    DANVAN_RATE_LIMITS={"x": {"window_seconds": 60, "per_address": 100, "per_device": 2, "without_cookie": 5}}
)
def test_a_forged_device_cookie_counts_as_no_cookie() -> None:
    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.7")
    request.COOKIES[limits.DEVICE_COOKIE] = "abc:forged"
    counters = limits._counters(request, limits.rule("x"), ())
    assert counters == [("x:address", "203.0.113.7", 100), ("x:no-cookie", "203.0.113.7", 5)]


def test_the_settings_hold_a_rule_for_each_limited_page() -> None:
    assert limits.rule("case_submit").per_contact and limits.rule("case_submit").per_device
    assert limits.rule("case_submit").per_address >= 20 * limits.rule("case_submit").per_device
    assert limits.rule("case_lookup").per_address > limits.rule("case_lookup").per_device


def test_the_pages_of_issue_14_have_rules_per_device_far_under_their_address_ceiling() -> None:
    for name in ("case_link_again", "citizen_code_request", "citizen_code_check", "citizen_idp", "feed_support",
                 "case_reopen"):  # fmt: skip
        limit = limits.rule(name)
        assert limit.per_device and limit.per_address >= 20 * limit.per_device, name
    assert limits.rule("case_link_again").per_contact and limits.rule("citizen_code_check").per_contact
    assert [limits.rule(name).per_contact for name in ("citizen_code_contact", "citizen_code_contact_day")] == [3, 10]


@override_settings(DANVAN_RATE_LIMITS={"day": {"window_seconds": 86400, "per_contact": 2, "per_address": 0}})
def test_a_rule_of_contacts_alone_counts_no_address() -> None:
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.7")
    key = derived_token("rate-limit-contact", "+84912345678")
    assert limits._counters(request, limits.rule("day"), ["0912 345 678"]) == [("day:contact", key, 2)]
    assert [limits.hit(request, "day", contact=["0912345678"]) is None for _ in range(3)] == [True, True, False]
    assert limits.hit(request, "day", contact=["an@example.vn"]) is None  # another contact, the same address
