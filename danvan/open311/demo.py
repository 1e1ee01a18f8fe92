"""The demo's Open311 side: the services it publishes and a partner key a GeoReport client can use.

Idempotent: services are matched on their code, the key on its name. The key's secret is derived
from the server's SECRET_KEY, so every run prints the same working key (demo only: a real key is
random and shown once, ``partners.services.api_key_issue``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.db import transaction

from danvan.cases.choices import Track
from danvan.cases.models import TopicCategory
from danvan.core.tokens import derived_token
from danvan.open311.models import Open311Service
from danvan.org.models import Organization, User
from danvan.partners.choices import Scope
from danvan.partners.models import ApiKey
from danvan.partners.services import KEY_PREFIX, api_key_consent_agreement_set, api_key_issue

DEMO_KEY_NAME = "Ứng dụng Open311 (demo)"
DEMO_AGREEMENT = "Thỏa thuận kết nối số 01/2026/TTKN (demo), Điều 5: đối tác tự xin sự đồng ý của người dân"
# (code, track, topic code or "", name, group, keywords), in the order a client lists them.
SERVICES = [
    ("pakn-giao-thong-ha-tang", Track.PAKN, "giao-thong-ha-tang", "Đường hỏng, đèn đường, hạ tầng",
     "Hạ tầng", "ổ gà,đèn đường,cống,vỉa hè"),
    ("pakn-moi-truong", Track.PAKN, "moi-truong", "Rác thải, ô nhiễm", "Môi trường", "rác,ngập,ô nhiễm,tiếng ồn"),
    ("pakn-xay-dung-trat-tu-do-thi", Track.PAKN, "xay-dung-trat-tu-do-thi", "Xây dựng, lấn chiếm vỉa hè",
     "Trật tự đô thị", "xây dựng,lấn chiếm,vỉa hè"),
    ("pakn-dien-nuoc", Track.PAKN, "dien-nuoc", "Điện, nước sinh hoạt", "Hạ tầng", "mất điện,mất nước"),
    ("pakn", Track.PAKN, "", "Phản ánh, kiến nghị khác", "Khác", ""),
    ("khieu-nai", Track.KHIEU_NAI, "", "Khiếu nại quyết định, hành vi hành chính", "Khiếu nại", ""),
]  # fmt: skip


@dataclass(frozen=True)
class DemoOpen311:
    services: int
    key: str  # the plaintext a client sends as api_key; "" when there is no partner body to hold it


def demo_key_plaintext(prefix: str) -> str:
    return f"{KEY_PREFIX}_{prefix}_{derived_token('demo-open311-key', prefix)}"


@transaction.atomic
def demo_open311_seed(province_code: int) -> DemoOpen311:
    topics = {t.code: t for t in TopicCategory.objects.filter(is_active=True)}
    for order, (code, track, topic_code, name, group, keywords) in enumerate(SERVICES, start=1):
        topic = topics.get(topic_code) if topic_code else None
        if topic_code and topic is None:
            continue  # an operator retired the topic: its service is not offered
        Open311Service.objects.get_or_create(
            code=code,
            defaults={"track": track, "topic": topic, "name": name, "group": group, "keywords": keywords,
                      "sort_order": order * 10, "is_published": True},
        )  # fmt: skip
    partner = Organization.objects.filter(code=f"{province_code}-vp-ubnd").first()
    operator = User.objects.filter(username="vanhanh").first()
    if partner is None or operator is None:
        return DemoOpen311(Open311Service.objects.filter(is_published=True).count(), "")
    key = ApiKey.objects.filter(name=DEMO_KEY_NAME, organization=partner, revoked_at__isnull=True).first()
    if key is None:
        key = api_key_issue(
            actor=operator, organization=partner, name=DEMO_KEY_NAME, scopes=[Scope.SUBMIT, Scope.READ_OWN],
            rate_limit_per_minute=120,
        ).api_key  # fmt: skip
        secret = demo_key_plaintext(key.prefix).split("_", 2)[2]
        ApiKey.objects.filter(pk=key.pk).update(secret_hash=hashlib.sha256(secret.encode()).hexdigest())
    api_key_consent_agreement_set(actor=operator, api_key=key, agreement=DEMO_AGREEMENT, reason="demo")
    return DemoOpen311(Open311Service.objects.filter(is_published=True).count(), demo_key_plaintext(key.prefix))
