"""Every ``aria-describedby`` and ``aria-labelledby`` names ids that exist on its page (issue 14, item 10).

Django names a field's hint ``id_<field>_helptext`` and its error ``id_<field>_error``; templates that
rendered ``id_<field>_help`` and no error id left screen readers with nothing to read. Pages with forms,
empty and refused, citizen's and officer's.
"""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse

from danvan.cases.choices import Track
from danvan.cases.models import RoutingRule
from danvan.cases.services.intake import Petition, case_submit
from danvan.org.choices import Role
from danvan.org.tests.factories import commune, grant, make_user, organization

pytestmark = pytest.mark.django_db


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.refs: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        for attribute in ("aria-describedby", "aria-labelledby", "aria-controls"):
            for ident in (values.get(attribute) or "").split():
                self.refs.append((f"<{tag} {attribute}> of {values.get('id') or values.get('name')}", ident))


def dangling(response: Any) -> list[tuple[str, str]]:
    assert response.status_code in {200, 400}, response.status_code
    page = _Refs()
    page.feed(response.content.decode())
    return [(where, ident) for where, ident in page.refs if ident not in page.ids]


def test_every_aria_reference_of_the_form_pages_exists():
    body = organization("UBND Phường Phú Xuân", unit=commune(19753))
    RoutingRule.objects.create(organization=body, unit=None, track="")
    case = case_submit(actor=AnonymousUser(), petition=Petition(
        content="Đường kiệt 12 Phú Xuân bị ngập nước mỗi khi mưa lớn, đề nghị nạo vét cống.", track=Track.PAKN,
        place_text="phuong phu xuan, hue", name="Nguyễn Văn An", phone="0912345678", consent=True,
        consent_text="Tôi đồng ý.",
    )).case  # fmt: skip
    handler = make_user(username="xuly")
    grant(handler, Role.HANDLER, body)
    client = Client()
    pages = {
        "form": client.get(reverse("cases:case_submit")),
        "form refused": client.post(reverse("cases:case_submit"), {"track": "pakn", "phone": "abc", "latitude": "1"}),
        "look-up": client.get(reverse("cases:case_lookup")),
        "look-up refused": client.post(reverse("cases:case_lookup"), {"code": "??", "secret": ""}),
        "login refused": client.post(reverse("web:login"), {"username": "x", "password": "y"}),
        "ranking": client.get(reverse("surveys:satisfaction_ranking")),
    }
    client.force_login(handler)
    pages["inbox"] = client.get(reverse("cases:case_inbox"), {"q": "ngap"})
    pages["case"] = client.get(reverse("cases:case_detail", args=[case.pk]))
    problems = {name: found for name, response in pages.items() if (found := dangling(response))}
    assert problems == {}
