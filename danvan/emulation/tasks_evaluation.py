"""The yearly evaluation's background work: a run for many units goes through the task queue in
batches (``services.evaluation.evaluation_run``), each batch a task that rechecks the permission."""

from __future__ import annotations

from django.tasks import task


@task()
def evaluation_run_batch(user_id: int, organization_ids: list[int], year: int) -> int:
    from danvan.emulation.services.evaluation import evaluation_run_batch as run
    from danvan.org.models import User

    user = User.objects.get(pk=user_id)
    return run(user=user, organization_ids=organization_ids, year=year).computed
