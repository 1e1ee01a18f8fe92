"""The per-official figures' demo (see demo.py): nothing to write — the figures come from what the other
demos made this year in the demo's first ward of Huế (the handler's cases, the chair's reception
sessions, the commitments, the certificate of the course). Prints the ward's list for this year, which
its chair (``chutich``) and the province's dân vận officer (``danvan``, evaluating from above) may open."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse

from danvan.core import clock
from danvan.org.choices import Role
from danvan.org.models import RoleAssignment


def seed(addr: str) -> list[str]:
    head = RoleAssignment.objects.filter(user__username="chutich", role=Role.HEAD).select_related("organization")
    assignment = head.order_by("pk").first()
    if assignment is None:
        return []
    ward, year = assignment.organization, clock.today().year
    url = f"http://{addr}{reverse('emulation:evaluation_people')}?{urlencode({'don_vi': ward.pk, 'year': year})}"
    return [f"Số liệu công tác dân vận của từng cán bộ {ward.name}, năm {year} (chutich, danvan): {url}"]
