"""What a transactional test's flush takes out is put back (``core.testing.browser.reference_data_restore``) in
the order ``migrate`` seeds it: a seed that reads another app's rows finds them."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from danvan.core.testing.browser import reference_data_restore, seed_order

pytestmark = pytest.mark.django_db


def test_every_migration_comes_after_those_it_depends_on() -> None:
    loader = MigrationLoader(connection)
    order = seed_order(loader)
    position = {node: i for i, node in enumerate(order)}
    assert set(order) == set(loader.disk_migrations)
    for node, migration in loader.disk_migrations.items():
        for dependency in migration.dependencies:
            if dependency in position:
                assert position[dependency] < position[node], (node, dependency)
    assert position[("org", "0007_village_head")] < position[("emulation", "0009_commendation_authority")]


def test_the_commendation_authorities_come_back() -> None:
    from danvan.emulation.models import CommendationAuthority

    seeded = CommendationAuthority.objects.count()
    assert seeded > 0
    CommendationAuthority.objects.all().delete()
    reference_data_restore()
    assert CommendationAuthority.objects.count() == seeded
