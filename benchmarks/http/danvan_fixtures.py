"""Pick from a generated database who and what the HTTP benchmark uses, and write it to a manifest.

Run in the project's venv with Django set up on the benchmark's database (the harness does it):
passwords are set on a few generated officers (generated accounts have none), one operator account
and one partner key are made (marked ``bench-``), and samples of cases, bodies and places are drawn
with a fixed seed. Running it again reuses what it made.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

BENCH_PASSWORD = "Bench@2026-not-secret"  # noqa: S105 - synthetic accounts on a benchmark database
OPERATOR = "bench-operator"
KEY_NAME = "bench-partner"


def _user(username: str) -> Any:
    from danvan.org.models import User

    user = User.objects.get(username=username)
    user.set_password(BENCH_PASSWORD)
    user.save(update_fields=["password"])
    return user


def _api_key(operator: Any, organization: Any) -> str:
    from danvan.partners.choices import Scope
    from danvan.partners.models import ApiKey
    from danvan.partners.services import api_key_issue

    # A key's secret is shown once: make a new one each run, revoking none (they are benchmark rows).
    ApiKey.objects.filter(name=KEY_NAME).delete()
    issued = api_key_issue(
        actor=operator, organization=organization, name=KEY_NAME, scopes=[Scope.SUBMIT],
        rate_limit_per_minute=1_000_000,  # a national portal's key: the per-key limit is data, set by the operator
    )  # fmt: skip
    return issued.plaintext


def build(seed: int = 1) -> dict[str, Any]:
    from django.db.models import Count

    from danvan.cases.models import Case
    from danvan.cases.transitions import OPEN as OPEN_STATUSES
    from danvan.open311.models import Open311Service
    from danvan.org.choices import Role
    from danvan.org.models import Organization, RoleAssignment, User

    rng = random.Random(seed)
    operator, _ = User.objects.get_or_create(username=OPERATOR, defaults={"is_superuser": True, "is_staff": True})
    operator.is_superuser = operator.is_staff = True
    operator.set_password(BENCH_PASSWORD)
    operator.save()

    # The province with the most cases: its provincial committee's code is gen-<province>-ubnd.
    provinces = Organization.objects.filter(code__regex=r"^gen-[0-9]+-ubnd$").values("code", "path").order_by("code")
    sizes = {p["code"]: Case.objects.filter(handling_organization__path__startswith=p["path"]).count()
             for p in provinces}  # fmt: skip
    province_code = max(sizes, key=lambda code: sizes[code])
    province = Organization.objects.get(code=province_code)
    key = province_code.removesuffix("-ubnd")
    inspector = _user(f"{key}-thanh-tra-tt1")
    provincial_head = _user(f"{province_code}-ld")

    # The busiest ward People's Committee of that province.
    ward_stats = (
        Case.objects.filter(handling_organization__path__startswith=province.path,
                            handling_organization__code__regex=r"^gen-[0-9]+-[0-9]+-ubnd$")
        .values("handling_organization").annotate(n=Count("id")).order_by("-n")[:1]
    )  # fmt: skip
    ward = Organization.objects.get(pk=ward_stats[0]["handling_organization"])
    ward_head = _user(f"{ward.code}-ld")
    handlers = list(
        RoleAssignment.objects.filter(organization=ward, role=Role.HANDLER).values_list("user_id", flat=True)
    )

    ward_cases = list(Case.objects.filter(handling_organization=ward).values_list("id", flat=True))
    ward_open = list(
        Case.objects.filter(handling_organization=ward, status__in=OPEN_STATUSES).values_list("id", flat=True)
    )
    last_id = Case.objects.order_by("-id").values_list("id", flat=True).first() or 0
    any_cases = [row for row in rng.sample(range(1, last_id + 1), min(2000, last_id))]
    any_cases = list(Case.objects.filter(id__in=any_cases).values_list("id", flat=True))[:500]
    body_status = list(
        Case.objects.filter(handling_organization__path__startswith=province.path, status__in=OPEN_STATUSES)
        .values_list("handling_organization", "status").annotate(n=Count("id")).order_by("-n")[:50]
    )  # fmt: skip
    place_texts = list(
        Case.objects.filter(handling_organization__path__startswith=province.path).exclude(place_text="")
        .values_list("place_text", flat=True)[:200]
    )  # fmt: skip
    # Services are configured by operators (none ship with the app): a general feedback one if none is there.
    service = Open311Service.objects.filter(is_published=True, track="pakn").order_by("code").first()
    if service is None:
        service = Open311Service.objects.create(code="phan-anh-chung", track="pakn", name="Phản ánh, kiến nghị chung")
    year = Case.objects.order_by("-received_on").values_list("received_on", flat=True).first()

    return {
        "cases": Case.objects.count(),
        "password": BENCH_PASSWORD,
        "users": {
            "national": OPERATOR,
            "province": inspector.username,
            "ward": ward_head.username,
            "provincial head": provincial_head.username,
        },
        "province": {"code": province_code, "cases": sizes[province_code]},
        "ward": {"code": ward.code, "cases": len(ward_cases), "open": len(ward_open)},
        "api_key": _api_key(operator, province),
        "open311_service": service.code,
        "year": str(year.year if year else 2026),
        "samples": {
            "ward_cases": rng.sample(ward_cases, min(500, len(ward_cases))),
            "ward_open_cases": rng.sample(ward_open, min(200, len(ward_open))),
            "ward_handlers": handlers,
            "any_cases": any_cases,
            "province_body_status": [[body, status] for body, status, _n in body_status],
            "place_texts": place_texts,
        },
    }


def cleanup() -> int:
    """Remove the petitions earlier runs submitted (generated ones have ``SG-`` codes), so that every
    run reads the same data."""
    from django.db import connection, transaction

    from danvan.cases.models import Case
    from danvan.core import chain

    submitted = (
        "SELECT e.id FROM cases_caseevent e JOIN cases_case c ON c.id = e.case_id WHERE c.tracking_code NOT LIKE 'SG-%'"
    )
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # The timeline is append-only: the owner role deletes only in a transaction that says it purges
            # (as `danvan generate --purge` does), and the chain is cut and linked again, visibly.
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL danvan.purge = 'on'")
        first = chain.chain_cut("cases_caseevent", submitted)
        deleted, _ = Case.objects.exclude(tracking_code__startswith="SG-").delete()
        if first:
            chain.chain_extend("cases_caseevent", only_after_last=False)
    return deleted


def main() -> None:
    import argparse

    import django

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cleanup-only", action="store_true", help="only remove what earlier runs submitted")
    args = parser.parse_args()
    django.setup()
    if args.cleanup_only:
        print(f"removed {cleanup()} rows of petitions submitted by earlier runs")
        return
    manifest = build(args.seed)
    Path(args.out).write_text(json.dumps(manifest, ensure_ascii=False, indent=1))
    print(f"{args.out}: {manifest['cases']} cases, province {manifest['province']}, ward {manifest['ward']}")


if __name__ == "__main__":
    main()
