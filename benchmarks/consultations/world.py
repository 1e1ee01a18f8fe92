"""The load benchmark's database: one open consultation of UBND Phường Phú Xuân (Huế) with a ten-article
draft, ``statements`` published statements, and (``prior_participants``) people who voted before the run,
with realistic sparsity (each on a few dozen statements, the first statements more than the last).

Rows are written directly (bulk inserts): they are the state the run starts from, not behaviour under
test; the run's own votes go through the server. Everything comes from ``seed``; nothing is fetched.
``python -m benchmarks.consultations.world --out FILE`` (with Django's settings in the environment)
builds it and writes the manifest the load client reads: the consultation's code, the statements' ids.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the models are imported once Django is set up (this module is also run as a script)
    from danvan.consultations.models import Consultation
    from danvan.org.models import AdministrativeUnit, Organization

CODE = "tai-bench-di-doi-cho"
PHU_XUAN = 19753  # the ward of the usual world (danvan.org.tests.factories)
HUE = 46
SECTIONS = 10
SUBJECTS = ["vị trí chợ tạm", "thời gian di dời", "bố trí sạp hàng", "hỗ trợ tiểu thương", "giao thông quanh chợ",
            "vệ sinh môi trường", "phí thuê sạp", "chợ mới sau xây dựng", "an toàn phòng cháy", "người bán rong"]  # fmt: skip
STANCES = ["Tôi đồng ý với {s} như dự thảo.", "Cần xem lại {s} cho hợp lý hơn.", "Đề nghị công khai chi tiết về {s}.",
           "Nên lấy thêm ý kiến tiểu thương về {s}.", "Phương án {s} chưa phù hợp với người cao tuổi."]  # fmt: skip


def _body(name: str, unit: AdministrativeUnit, parent: Organization | None) -> Organization:
    from danvan.org import services
    from danvan.org.models import Organization, OrganizationKind

    found = Organization.objects.filter(name=name, unit=unit).first()
    if found is not None:
        return found
    return services.organization_create(actor=None, check_permission=False, code=f"bench-{unit.level}-{unit.code}",
                                        name=name, kind=OrganizationKind.objects.get(code="ubnd"), unit=unit,
                                        parent=parent)  # fmt: skip


def build(*, statements: int = 500, prior_participants: int = 0, votes_each: int = 30, seed: int = 1,
          code: str = CODE) -> dict[str, Any]:  # fmt: skip
    """Make (or remake) the consultation ``code`` and return the manifest."""
    from django.db import transaction
    from django.db.models import Max

    from danvan.consultations import choices
    from danvan.consultations.models import Consultation, DraftSection, DraftVersion, Participant, Statement
    from danvan.consultations.services.participation import statement_totals_refresh
    from danvan.core import clock
    from danvan.org import services
    from danvan.org.choices import UnitEra, UnitLevel
    from danvan.org.models import AdministrativeUnit

    rng = random.Random(seed)
    if not AdministrativeUnit.objects.exists():
        services.units_load()
    province = AdministrativeUnit.objects.get(era=UnitEra.CURRENT, level=UnitLevel.PROVINCE, code=HUE)
    ward = AdministrativeUnit.objects.get(era=UnitEra.CURRENT, level=UnitLevel.COMMUNE, code=PHU_XUAN)
    with transaction.atomic():
        city = _body("UBND thành phố Huế", province, None)
        body = _body(f"UBND {ward.name}", ward, city)
        Consultation.objects.filter(code=code).delete()
        today = clock.today()
        consultation = Consultation.objects.create(
            code=code, organization=body, place=ward, item=choices.Item.SOCIO_ECONOMIC_PLAN,
            title="Phương án di dời chợ Phú Xuân (đo tải)", summary="Dự thảo phương án di dời chợ tạm trong thời gian xây mới.",
            audience=choices.Audience.COMMUNE, verification=choices.Verification.OPEN,
            channels=[choices.Channel.PLATFORM.value], status=choices.Status.OPEN,
            opens_on=today - dt.timedelta(days=10), closes_on=today + dt.timedelta(days=20),
        )  # fmt: skip
        version = DraftVersion.objects.create(consultation=consultation, number=1)
        keys = [f"dieu-{i}" for i in range(1, SECTIONS + 1)]
        DraftSection.objects.bulk_create(
            DraftSection(version=version, key=key, position=i, heading=f"Điều {i}. {SUBJECTS[i - 1].capitalize()}",
                         text=f"Nội dung dự thảo về {SUBJECTS[i - 1]}.")
            for i, key in enumerate(keys, start=1)
        )  # fmt: skip
        made = Statement.objects.bulk_create(
            Statement(consultation=consultation, section_key=keys[n % SECTIONS] if n % 7 else "",
                      text=f"{rng.choice(STANCES).format(s=SUBJECTS[n % SECTIONS])} (#{n + 1})",
                      status=choices.Moderation.PUBLISHED)
            for n in range(statements)
        )  # fmt: skip
        ids = [s.pk for s in made]
        if not all(ids):  # SQLite before 3.35 returns no ids from a bulk insert
            ids = list(Statement.objects.filter(consultation=consultation).order_by("id").values_list("id", flat=True))
        prior = _prior_votes(consultation, ids, prior_participants, votes_each, rng)
        # The bulk inserts bypass the vote service: the statements' stored totals are counted once here,
        # by the same path as ``danvan consultations recount``.
        statement_totals_refresh(consultation=consultation)
    _analyse()
    last = Participant.objects.aggregate(last=Max("id"))["last"] or 0
    return {"code": code, "consultation": consultation.pk, "statements": ids, "prior_participants": prior_participants,
            "prior_votes": prior, "participant_id_above": last, "seed": seed}  # fmt: skip


def _analyse() -> None:
    """Vacuum and analyse the tables just filled, as autovacuum would soon after (PostgreSQL): without
    statistics the planner guesses, and the first minute of the run would measure its guesses."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    command = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"  # a test's transaction: no VACUUM
    with connection.cursor() as cursor:
        for table in ("consultations_vote", "consultations_participant", "consultations_statement"):
            cursor.execute(f"{command} {table}")


def _prior_votes(consultation: Consultation, ids: list[int], people: int, votes_each: int, rng: random.Random) -> int:
    """``people`` participants without an account, each voting on about ``votes_each`` statements (the
    early statements more often, as on a real page that shows the statements in turn)."""
    from danvan.consultations import choices
    from danvan.consultations.models import Participant, Vote
    from danvan.core import clock

    if not people or not ids:
        return 0
    today = clock.today()
    weights = [1.0 / (1 + i / 50) for i in range(len(ids))]
    total = 0
    for start in range(0, people, 2000):
        batch = Participant.objects.bulk_create(
            Participant(consultation=consultation, kind=choices.ParticipantKind.DEVICE,
                        key=hashlib.sha256(f"bench-prior-{consultation.pk}-{n}".encode()).hexdigest(), created_on=today)
            for n in range(start, min(people, start + 2000))
        )  # fmt: skip
        if not all(p.pk for p in batch):
            keys = [p.key for p in batch]
            batch = list(Participant.objects.filter(consultation=consultation, key__in=keys))
        votes = []
        for p in batch:
            count = max(1, min(len(ids), int(rng.expovariate(1 / votes_each))))
            chosen = set(rng.choices(ids, weights=weights, k=count))
            # Two leanings, so the matrix is not noise: odd participants agree with odd statements.
            votes += [Vote(statement_id=s, participant=p, created_on=today,
                           value=rng.choice((1, 1, 0, -1)) if (s + p.pk) % 2 else rng.choice((-1, -1, 0, 1)))
                      for s in chosen]  # fmt: skip
        Vote.objects.bulk_create(votes, batch_size=5000)
        total += len(votes)
    return total


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--statements", type=int, default=500)
    parser.add_argument("--prior-participants", type=int, default=0)
    parser.add_argument("--votes-each", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    manifest = build(statements=args.statements, prior_participants=args.prior_participants,
                     votes_each=args.votes_each, seed=args.seed)  # fmt: skip
    args.out.write_text(json.dumps(manifest))


if __name__ == "__main__":
    import django

    django.setup()
    main()
