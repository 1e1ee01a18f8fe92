"""A clerk accepts a routing suggestion in a real browser (Debian's chromium through Playwright, live server),
on a 360-px phone and on a desktop: the ward's handler opens a new petition, reads the model's top
suggestions with their confidence, accepts the first; the case takes its topic and the timeline says so.

Screenshots go to var/screenshots/insight-route-*.png.
"""

from __future__ import annotations

import random
from typing import Any

import pytest

from danvan.core.testing.browser import fits, login, reference_data_restore, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEVICES = {"phone": 360, "desktop": 1280}
PASSWORD = "DanVan@2026"  # the demo password (danvan.org.demo.DEMO_PASSWORD)
PHU_XUAN = 19753
SUBJECTS = {
    "ngap-ung": ["đường bị ngập nước", "cống thoát nước bị tắc", "nước mưa tràn vào nhà", "hẻm ngập sâu sau mưa"],
    "rac-thai": ["rác thải không được thu gom", "bãi rác bốc mùi hôi", "xe rác không đến", "người dân đổ rác bừa bãi"],
}
FRAMES = ["Tôi phản ánh {s} tại {p}.", "Kính gửi phường: {s} ở {p} đã lâu.", "Đề nghị xử lý {s} khu {p}.",
          "Nhiều hộ dân bức xúc vì {s}, {p}.", "{s} gần {p}, mong chính quyền giải quyết."]  # fmt: skip


def world() -> Any:
    from danvan.cases.choices import Status, Track
    from danvan.cases.models import Case, RoutingRule, TopicCategory
    from danvan.cases.services.intake import Petition, case_submit
    from danvan.insight.models import ModelVersion
    from danvan.insight.services import route
    from danvan.org.demo import demo_seed
    from danvan.org.models import Organization

    reference_data_restore()
    demo_seed(46)
    body = Organization.objects.get(code=f"46-{PHU_XUAN}-ubnd")
    RoutingRule.objects.create(organization=body, unit=None, track="")
    TopicCategory.objects.get_or_create(code="ngap-ung", defaults={"name": "Ngập úng"})
    TopicCategory.objects.get_or_create(code="rac-thai", defaults={"name": "Rác thải"})

    def send(text: str, topic: str = "") -> Any:
        return case_submit(actor=None, petition=Petition(
            content=text, title=text[:60], track=Track.PAKN, place_text="phuong phu xuan, hue", name="Lê Thị Hoa",
            phone="0935333444", consent=True, consent_text="Tôi đồng ý.", topic_code=topic,
        )).case  # fmt: skip

    rng = random.Random(5)
    for i in range(60):
        topic = sorted(SUBJECTS)[i % 2]
        case = send(rng.choice(FRAMES).format(s=rng.choice(SUBJECTS[topic]), p=f"tổ {i % 7}"), topic)
        Case.objects.filter(pk=case.pk).update(status=Status.REGISTERED)
    route._loaded.clear()
    version = route.route_train()
    ModelVersion.objects.filter(pk=version.pk).update(threshold=None)  # nothing automatic: the clerk decides
    return send("Bãi rác cuối kiệt 9 bốc mùi hôi, xe rác không đến thu gom đã một tuần.")


@pytest.mark.parametrize("device", DEVICES)
def test_a_clerk_accepts_a_routing_suggestion(reseeded_afterwards, live_server, request, device):
    from playwright.sync_api import expect

    from danvan.cases.models import Case
    from danvan.insight.models import RoutingCorrection

    case = world()
    page = request.getfixturevalue(device)
    base = live_server.url
    login(page, base, "xuly", PASSWORD)
    page.goto(f"{base}/van-hanh/ho-so/{case.pk}/")
    panel = page.locator("#route-suggestions")
    expect(panel).to_be_visible()
    items = panel.locator("li.route-item")
    expect(items.first).to_have_attribute("data-topic", "rac-thai")
    expect(items.first).to_contain_text("Rác thải")
    expect(items.first).to_contain_text("%")
    fits(page, DEVICES[device])
    shot(page, f"insight-route-panel-{device}")
    items.first.locator("button[type=submit]").click()
    expect(page.locator(".messages")).to_be_visible()
    expect(page.locator(".facts").first).to_contain_text("Rác thải")
    expect(page.locator("#route-suggestions li.route-item").first.locator(".tag")).to_be_visible()  # "as it is now"
    fits(page, DEVICES[device])
    shot(page, f"insight-route-accepted-{device}")
    assert Case.objects.get(pk=case.pk).topic.code == "rac-thai"
    assert RoutingCorrection.objects.get(case_id=case.pk).accepted


@pytest.mark.parametrize("device", DEVICES)
def test_a_superuser_puts_an_earlier_routing_version_back_in_use(reseeded_afterwards, live_server, request, device):
    """The versions page: both versions with their figures, the newer in use; the superuser puts the first back
    with a reason, and the page shows it in use (and the action audited)."""
    from playwright.sync_api import expect

    from danvan.core.models import AuditEvent
    from danvan.insight.models import ModelKind, ModelVersion
    from danvan.insight.services import route

    world()  # trains version 1
    route._loaded.clear()
    route.route_train()  # version 2, in use
    assert list(ModelVersion.objects.filter(kind=ModelKind.ROUTE, in_use=True).values_list("number", flat=True)) == [2]
    page = request.getfixturevalue(device)
    base = live_server.url
    login(page, base, "quantri", PASSWORD)

    page.goto(base + "/dan-y/dinh-tuyen/phien-ban/")
    rows = page.locator("#route-versions tbody tr")
    expect(rows).to_have_count(2)
    expect(page.locator('#route-versions tr[data-number="2"] .tag')).to_be_visible()
    expect(page.locator('#route-versions tr[data-number="1"] .tag')).to_have_count(0)
    expect(page.locator('#route-versions tr[data-number="1"]')).to_contain_text("macro-F1")
    fits(page, DEVICES[device])
    shot(page, f"insight-route-versions-{device}")

    expect(page.locator("#id_number option")).to_have_text(["—", "v1"])  # the versions not in use
    page.locator("#id_number").select_option("1")
    page.locator("#id_reason").fill("Phiên bản 2 gợi ý sai chủ đề ngập úng; dùng lại phiên bản 1.")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".messages")).to_contain_text("1")
    expect(page.locator('#route-versions tr[data-number="1"] .tag')).to_be_visible()
    expect(page.locator('#route-versions tr[data-number="2"] .tag')).to_have_count(0)
    fits(page, DEVICES[device])
    shot(page, f"insight-route-versions-back-{device}")
    assert list(ModelVersion.objects.filter(kind=ModelKind.ROUTE, in_use=True).values_list("number", flat=True)) == [1]
    assert AuditEvent.objects.filter(
        action="insight.model_put_in_use", reason__contains="dùng lại phiên bản 1"
    ).exists()
    route._loaded.clear()
