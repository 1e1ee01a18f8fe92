"""Step-up second factor on the web: opening a denouncer's identity or a sealed file needs a code from
the officer's authenticator verified within DANVAN_STEP_UP_MINUTES (15 in the tests)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from danvan.cases.tests.views.test_staff import NAME, PNG, html, to_cao
from danvan.cases.tests.views.test_staff import world as world
from danvan.core.models import AuditEvent
from danvan.org import second_factor as step_up

pytestmark = pytest.mark.django_db
REASON = "Mời người tố cáo đến bổ sung chứng cứ"


def _open(client, case):
    return client.post(reverse("cases:case_identity", args=[case.pk]), {"identity-reason": REASON})


def test_a_head_without_a_device_is_sent_to_enrolment_and_nothing_opens(client, world):
    case = to_cao()
    client.force_login(world.head)
    identity_url = reverse("cases:case_identity", args=[case.pk])
    response = _open(client, case)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:second_factor_enrol"))
    assert f"next={identity_url}" in response["Location"].replace("%2F", "/")
    assert NAME not in html(response)
    assert not AuditEvent.objects.filter(action="cases.identity_open").exists()
    # The GET of the identity page already says so (no reason typed for nothing).
    assert client.get(identity_url)["Location"].startswith(reverse("web:second_factor_enrol"))


def test_enrolment_shows_a_qr_and_the_secret_and_a_current_code_confirms_it(client, world, frozen_clock):
    case = to_cao()
    client.force_login(world.head)
    identity_url = reverse("cases:case_identity", args=[case.pk])
    url = f"{reverse('web:second_factor_enrol')}?next={identity_url}"
    page = html(client.get(url))
    device = TOTPDevice.objects.get(user=world.head, confirmed=False)
    assert "<svg" in page and "<script" not in page and 'style="' not in page
    secret = re.sub(r"\s", "", re.search(r'<code class="secret">([^<]+)</code>', page).group(1))
    import base64

    assert base64.b32decode(secret) == device.bin_key
    response = client.post(url, {"code": step_up.current_code(device)})
    assert response.status_code == 302 and response["Location"] == identity_url
    assert step_up.confirmed_device(world.head) == device
    assert AuditEvent.objects.filter(action="org.second_factor_enrol", actor=world.head).exists()
    # Enrolling verified the code: the identity opens now, without a second code.
    response = _open(client, case)
    assert response.status_code == 200 and NAME in html(response)


def test_with_a_device_but_no_recent_code_the_officer_is_sent_to_verify_then_back(client, world, frozen_clock):
    case = to_cao()
    device = TOTPDevice.objects.create(user=world.head, name="t", confirmed=True)
    client.force_login(world.head)
    identity_url = reverse("cases:case_identity", args=[case.pk])
    response = _open(client, case)
    assert response.status_code == 302
    verify_url = response["Location"]
    assert verify_url.startswith(reverse("web:second_factor_verify")) and NAME not in html(response)
    assert not AuditEvent.objects.filter(action="cases.identity_open").exists()

    # A wrong code: refused, audited, counted.
    right = step_up.current_code(device)
    response = client.post(verify_url, {"code": "000000" if right != "000000" else "111111"})
    assert response.status_code == 400
    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    assert AuditEvent.objects.filter(action="org.second_factor_failure", actor=world.head).count() == 1
    assert _open(client, case).status_code == 302

    # The right code (after the throttle's delay) sends the officer back, and the identity opens.
    frozen_clock.shift(dt.timedelta(seconds=30))
    response = client.post(verify_url, {"code": step_up.current_code(device)})
    assert response.status_code == 302 and response["Location"] == identity_url
    response = _open(client, case)
    assert response.status_code == 200 and NAME in html(response)
    assert AuditEvent.objects.filter(action="cases.identity_open", actor=world.head).count() == 1

    # 16 minutes later (DANVAN_STEP_UP_MINUTES = 15) the code is asked for again.
    frozen_clock.shift(dt.timedelta(minutes=16))
    response = _open(client, case)
    assert response.status_code == 302 and response["Location"].startswith(reverse("web:second_factor_verify"))
    assert AuditEvent.objects.filter(action="cases.identity_open").count() == 1


def test_a_sealed_scan_needs_the_step_up_too(client, world, second_factor):
    from danvan.cases.choices import Track
    from danvan.cases.models import Attachment
    from danvan.cases.services.intake import Petition, case_submit

    case = case_submit(actor=world.handler, channel="counter", petition=Petition(
        content=f"Tôi là {NAME}. Cán bộ địa chính phường đòi thêm tiền khi cấp giấy chứng nhận.", title="Tố cáo",
        track=Track.TO_CAO, name=NAME, phone="0912345678", consent=True, place_text="phuong phu xuan, hue",
        petition_scan=("don.png", PNG),
    )).case  # fmt: skip
    scan = case.attachments.get(kind=Attachment.Kind.PETITION_SCAN)
    url = reverse("cases:case_attachment", args=[case.pk, scan.pk])
    client.force_login(world.head)
    response = client.post(url, {"scan-reason": "Đối chiếu chữ ký trên đơn tố cáo"})
    assert response.status_code == 302 and response["Location"].startswith(reverse("web:second_factor_enrol"))
    assert not AuditEvent.objects.filter(action="cases.identity_open").exists()
    second_factor(world.head, client)
    response = client.post(url, {"scan-reason": "Đối chiếu chữ ký trên đơn tố cáo"})
    assert response.status_code == 200 and b"".join(response)[:8] == PNG[:8]


@pytest.mark.parametrize("target", ["https://evil.example/x", "//evil.example/x", "/\\evil.example"])
def test_next_is_same_origin_only(client, world, frozen_clock, target):
    device = TOTPDevice.objects.create(user=world.head, name="t", confirmed=True)
    client.force_login(world.head)
    response = client.post(f"{reverse('web:second_factor_verify')}?next={target}",
                           {"code": step_up.current_code(device)})  # fmt: skip
    assert response.status_code == 302 and "evil" not in response["Location"]
