"""The opinion maps of the demo's consultations (after the participation part's demo has seeded their
votes): the market relocation's map from its 300 synthetic participants, and the closed pavement
consultation's final map. It also starts the minute refresh chain, so a vote cast in the demo reaches the
map within a minute. Idempotent: a map is computed only when its votes changed since the latest one, and
the chain is queued only when no run is waiting."""

from __future__ import annotations

DEMO_CODES = ("di-doi-cho-phu-xuan", "chinh-trang-via-he-phu-xuan")


def seed(addr: str) -> list[str]:
    from danvan.consultations.models import Consultation
    from danvan.consultations.services import maps as services
    from danvan.consultations.tasks_maps import maps_refresh, next_refresh_at
    from danvan.core import clock
    from danvan.core.periodic import chain_continue

    lines: list[str] = []
    for code in DEMO_CODES:
        consultation = Consultation.objects.filter(code=code).first()
        if consultation is None:
            continue
        services.recompute(consultation)
        row = consultation.maps.order_by("-computed_at", "-id").first()
        if row is None or row.participants == 0:  # the pavements have comments, no statements voted on
            continue
        lines.append(
            f"Bản đồ ý kiến «{consultation.title}»: {row.participants} người, {row.groups} nhóm — "
            f"http://{addr}/gop-y/{code}/ban-do-y-kien/"
        )
    if maps_refresh.get_backend().supports_defer:  # the tests' immediate backend cannot wait a minute
        chain_continue(maps_refresh, True, run_after=next_refresh_at(clock.now()))
    return lines
