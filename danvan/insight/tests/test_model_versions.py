import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression

from danvan.core.errors import DomainError, PermissionDenied
from danvan.core.models import AuditEvent
from danvan.insight import errors as codes
from danvan.insight.models import ModelKind
from danvan.insight.selectors import model_versions as selectors
from danvan.insight.services import model_versions as services

pytestmark = pytest.mark.django_db


def _model() -> LogisticRegression:
    return LogisticRegression().fit(np.array([[0.0], [1.0], [2.0], [3.0]]), np.array([0, 0, 1, 1]))


def _store(**kw):
    return services.model_version_store(kind=ModelKind.ROUTE, model=_model(), training_size=4, held_back_size=1,
                                        metrics={"macro_f1": 0.9}, threshold=0.7, **kw)  # fmt: skip


def test_each_training_is_the_next_version_and_the_one_in_use():
    first, second = _store(), _store()
    assert (first.number, second.number) == (1, 2)
    assert selectors.model_version_in_use(ModelKind.ROUTE).number == 2
    assert [v.number for v in selectors.model_versions(ModelKind.ROUTE)] == [2, 1]
    assert AuditEvent.objects.filter(action="insight.model_trained").count() == 2


def test_a_version_stored_aside_leaves_the_one_in_use():
    _store()
    _store(put_in_use=False)
    assert selectors.model_version_in_use(ModelKind.ROUTE).number == 1


def test_a_rollback_puts_the_older_version_back_and_says_why(django_user_model):
    _store(), _store()
    editor = django_user_model.objects.create_superuser("quantri", password="x")
    services.model_version_put_in_use(actor=editor, kind=ModelKind.ROUTE, number=1, reason="v2 routes roads wrong")
    assert selectors.model_version_in_use(ModelKind.ROUTE).number == 1
    event = AuditEvent.objects.get(action="insight.model_put_in_use")
    assert (event.before, event.after, event.reason) == ({"in_use": 2}, {"in_use": 1}, "v2 routes roads wrong")


def test_a_rollback_to_a_version_that_is_not_there_is_refused(django_user_model):
    _store()
    editor = django_user_model.objects.create_superuser("quantri", password="x")
    with pytest.raises(DomainError) as refused:
        services.model_version_put_in_use(actor=editor, kind=ModelKind.ROUTE, number=7, reason="x")
    assert refused.value.code == codes.VERSION_UNKNOWN
    assert selectors.model_version_in_use(ModelKind.ROUTE).number == 1


def test_an_operator_of_a_unit_may_not_roll_back_the_deployments_model(django_user_model):
    _store(), _store()
    staff = django_user_model.objects.create_user("nv", password="x", is_staff=True)
    with pytest.raises(PermissionDenied):
        services.model_version_put_in_use(actor=staff, kind=ModelKind.ROUTE, number=1, reason="x")
    assert selectors.model_version_in_use(ModelKind.ROUTE).number == 2


def test_the_next_number_follows_the_kinds_highest_whatever_the_other_kinds():
    from danvan.insight.models import ModelVersion

    _store(), _store()
    ModelVersion.objects.filter(kind=ModelKind.ROUTE, number=2).update(number=5)
    tone = services.model_version_store(kind=ModelKind.SENTIMENT, model=_model(), training_size=4, held_back_size=1,
                                        metrics={})  # fmt: skip
    assert (tone.number, _store().number) == (1, 6)


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_trainings_storing_at_once_take_the_next_two_numbers(monkeypatch):
    """Both read the kind's numbers before either inserts (the insert waits): without the per-kind lock
    both took n + 1 and one failed on the unique number."""
    import threading
    import time

    from django.db import connection

    from danvan.insight.models import ModelVersion

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: concurrent transactions")
    _store()
    original = ModelVersion.save

    def slow_save(self, *args, **kwargs):
        time.sleep(0.5)  # the other training reads the numbers meanwhile
        original(self, *args, **kwargs)

    monkeypatch.setattr(ModelVersion, "save", slow_save)
    start = threading.Barrier(2, timeout=10)
    failures: list[BaseException] = []

    def train() -> None:
        try:
            start.wait()
            _store()
        except BaseException as exc:
            failures.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=train) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert failures == []
    assert sorted(ModelVersion.objects.filter(kind=ModelKind.ROUTE).values_list("number", flat=True)) == [1, 2, 3]
    assert ModelVersion.objects.filter(kind=ModelKind.ROUTE, in_use=True).count() == 1
