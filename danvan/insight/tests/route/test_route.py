"""Routing by the deployment's model: what it learns from, intake above and below the threshold, the clerk's
choice kept and learnt, refusals, a missing or corrupt model, tố cáo, rollback."""

from __future__ import annotations

import random
import re

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.utils import translation

from danvan.cases.choices import Status, Track
from danvan.cases.models import Case, CaseEvent, TopicCategory
from danvan.cases.tests.factories import make_world, submit
from danvan.core.errors import DomainError
from danvan.core.models import AuditEvent
from danvan.insight import errors as codes
from danvan.insight.models import ModelKind, ModelVersion, RoutingCorrection, RoutingSuggestion
from danvan.insight.services import route as services
from danvan.org.choices import Role
from danvan.org.tests.factories import officer

pytestmark = pytest.mark.django_db

SUBJECTS = {
    "ngap-ung": ["đường bị ngập nước", "cống thoát nước bị tắc", "nước mưa tràn vào nhà", "hẻm ngập sâu sau mưa"],
    "rac-thai": ["rác thải không được thu gom", "bãi rác bốc mùi hôi", "xe rác không đến", "người dân đổ rác bừa bãi"],
}
FRAMES = ["Tôi phản ánh {s} tại {p}.", "Kính gửi phường: {s} ở {p} đã lâu.", "Đề nghị xử lý {s} khu {p}.",
          "Nhiều hộ dân bức xúc vì {s}, {p}.", "{s} gần {p}, mong chính quyền giải quyết."]  # fmt: skip
PLACES = ["tổ 3", "kiệt 12", "chợ An Cựu", "thôn Đông", "trường tiểu học"]


@pytest.fixture(autouse=True)
def fresh_cache():
    services._loaded.clear()
    yield
    services._loaded.clear()


@pytest.fixture
def world():
    w = make_world()
    for code, name in [("ngap-ung", "Ngập úng"), ("rac-thai", "Rác thải")]:
        TopicCategory.objects.create(code=code, name=name)
    return w


def confirmed(world, n: int = 60, seed: int = 3) -> list[Case]:
    """``n`` handled cases of Phú Xuân: flooding answered by the ward, waste by the other body (history)."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        topic = sorted(SUBJECTS)[i % 2]
        text = rng.choice(FRAMES).format(s=rng.choice(SUBJECTS[topic]), p=rng.choice(PLACES))
        case = submit(content=text, title=text[:60], topic_code=topic).case
        body = world.phuong if topic == "ngap-ung" else world.other
        Case.objects.filter(pk=case.pk).update(status=Status.REGISTERED, handling_organization=body)
        out.append(case)
    return out


def trained(world, **kw):
    confirmed(world)
    return services.route_train(**kw)


def test_it_learns_only_from_confirmed_cases_never_from_to_cao(world):
    history = confirmed(world, 10)
    waiting = submit(topic_code="rac-thai").case  # still received: its body did not confirm it
    to_cao = submit(track=Track.TO_CAO, topic_code="rac-thai", content="Tố cáo cán bộ nhận hối lộ khi thu gom rác").case
    Case.objects.filter(pk=to_cao.pk).update(status=Status.ACCEPTED)
    examples = services.route_training_examples()
    ids = {e.text for e in examples}
    assert len(examples) == 10 and all(e.rule_bodies for e in examples)
    assert not any("hối lộ" in t for t in ids) and waiting.content not in ids
    assert {e.body for e in examples} == {str(world.phuong.pk), str(world.other.pk)}
    assert history


def test_a_confident_model_routes_the_new_case_itself_and_says_so(world):
    version = trained(world)
    assert version.number == 1 and version.in_use and version.threshold is not None
    assert version.metrics["as_written"]["accuracy"] >= 0.9
    with translation.override("en"):
        case = submit(content="Bãi rác bốc mùi hôi ở kiệt 5, xe rác không đến", title="Rác").case
    case.refresh_from_db()
    row = RoutingSuggestion.objects.get(case=case)
    assert row.auto and row.version_id == version.pk and len(row.suggestions) >= 2
    assert (case.topic.code, case.handling_organization_id) == ("rac-thai", world.other.pk)
    event = CaseEvent.objects.get(case=case, action="routed_by_model")
    confidence = row.suggestions[0]["confidence"]
    assert confidence >= version.threshold
    assert event.note == f"Routed automatically by routing model v1 (confidence {confidence:.2f})."
    assert re.fullmatch(r"Routed automatically by routing model v1 \(confidence [01]\.\d\d\)\.", event.note)
    audit = AuditEvent.objects.get(action="cases.routed_by_model", object_id=str(case.pk))
    after = audit.after or {}
    assert audit.actor_id is None and after["handling_organization_id"] == world.other.pk
    assert after["topic_id"] == case.topic_id


def test_below_the_threshold_the_case_waits_for_the_clerk_with_three_suggestions(world):
    version = trained(world)
    ModelVersion.objects.filter(pk=version.pk).update(threshold=1.01)
    case = submit(content="Cống thoát nước bị tắc, đường ngập", title="Ngập").case
    row = RoutingSuggestion.objects.get(case=case)
    assert not row.auto and row.threshold == 1.01
    assert row.suggestions[0]["topic"] == "ngap-ung" and 2 <= len(row.suggestions) <= 3
    case.refresh_from_db()
    assert case.handling_organization_id == world.phuong.pk and case.topic is None  # the rules' routing
    assert not CaseEvent.objects.filter(case=case, action="routed_by_model").exists()


def test_the_clerks_choice_is_kept_applied_and_learnt_by_the_next_training(world):
    version = trained(world)
    ModelVersion.objects.filter(pk=version.pk).update(threshold=None)
    case = submit(content="Đường bị ngập nước sau mưa", title="Ngập").case
    client = Client()
    client.force_login(world.handler)
    page = client.get(f"/van-hanh/ho-so/{case.pk}/")
    assert b'id="route-suggestions"' in page.content and b'data-topic="ngap-ung"' in page.content
    # the clerk chooses another topic and the other body: a transfer, and a correction
    answer = client.post(f"/dan-y/dinh-tuyen/ho-so/{case.pk}/chon/",
                         {"topic": "rac-thai", "organization": world.other.pk})  # fmt: skip
    assert answer.status_code == 302
    case.refresh_from_db()
    assert (case.topic.code, case.handling_organization_id) == ("rac-thai", world.other.pk)
    assert CaseEvent.objects.filter(case=case, action="transfer").exists()
    assert CaseEvent.objects.filter(case=case, action="topic_set").exists()
    correction = RoutingCorrection.objects.get(case=case)
    assert correction.by == world.handler and correction.suggested["topic"] == "ngap-ung" and not correction.accepted
    learnt = [e for e in services.route_training_examples() if e.text.endswith("Đường bị ngập nước sau mưa")]
    assert [(e.topic, e.body) for e in learnt] == [("rac-thai", str(world.other.pk))]
    second = services.route_train()
    assert second.number == 2 and second.training_size + second.held_back_size == 61
    assert second.metrics["corrections"] == 1


def test_accepting_the_first_suggestion_is_kept_as_a_confirmation(world):
    trained(world)
    ModelVersion.objects.filter(kind=ModelKind.ROUTE).update(threshold=None)
    case = submit(content="Hẻm ngập sâu sau mưa, cống bị tắc", title="Ngập").case
    first = (RoutingSuggestion.objects.get(case=case).suggestions or [{}])[0]
    services.route_choose(actor=world.handler, case=case, topic_code=first["topic"],
                          organization_id=int(first["body"]))  # fmt: skip
    assert RoutingCorrection.objects.get(case=case).accepted


def test_only_who_may_handle_the_case_sees_suggestions_and_only_while_it_waits(world):
    trained(world)
    ModelVersion.objects.filter(kind=ModelKind.ROUTE).update(threshold=None)
    case = submit(content="Đường bị ngập nước", title="Ngập").case
    reader = Client()
    reader.force_login(world.dan_van)  # reads the province's cases, handles none
    page = reader.get(f"/van-hanh/ho-so/{case.pk}/")
    assert page.status_code == 200 and b"route-suggestions" not in page.content
    stranger = Client()
    stranger.force_login(world.other_handler)
    assert stranger.post(f"/dan-y/dinh-tuyen/ho-so/{case.pk}/chon/",
                         {"topic": "ngap-ung", "organization": world.phuong.pk}).status_code == 404  # fmt: skip
    Case.objects.filter(pk=case.pk).update(status=Status.REGISTERED)
    clerk = Client()
    clerk.force_login(world.handler)
    assert b"route-suggestions" not in clerk.get(f"/van-hanh/ho-so/{case.pk}/").content
    # Nor by a forged POST: the service applies the panel's rule (the page shows why, nothing is kept).
    clerk.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    answer = clerk.post(f"/dan-y/dinh-tuyen/ho-so/{case.pk}/chon/", {"topic": "ngap-ung", "organization": world.other.pk},
                        follow=True)  # fmt: skip
    assert "The case is no longer waiting to be routed." in answer.content.decode()
    with pytest.raises(DomainError) as refused:  # ``case`` as read before: judged again on the locked row
        services.route_choose(actor=world.handler, case=case, topic_code="ngap-ung", organization_id=world.other.pk)
    assert refused.value.code == codes.ROUTE_NOT_WAITING
    assert not RoutingCorrection.objects.filter(case=case).exists()
    assert Case.objects.get(pk=case.pk).handling_organization_id == world.phuong.pk


def test_a_to_cao_is_never_suggested_nor_shown_suggestions(world):
    trained(world)
    ModelVersion.objects.filter(kind=ModelKind.ROUTE).update(threshold=0.0)  # would route anything
    case = submit(track=Track.TO_CAO, content="Tố cáo cán bộ thu gom rác nhận tiền", title="Tố cáo").case
    assert not RoutingSuggestion.objects.filter(case=case).exists()
    case.refresh_from_db()
    assert case.handling_organization_id == world.phuong.pk and case.topic is None
    officer("xuly_tc", Role.HANDLER, world.phuong)
    client = Client()
    client.force_login(world.head)
    assert b"route-suggestions" not in client.get(f"/van-hanh/ho-so/{case.pk}/").content
    forged = client.post(
        f"/dan-y/dinh-tuyen/ho-so/{case.pk}/chon/", {"topic": "ngap-ung", "organization": world.other.pk}
    )
    assert forged.status_code == 404
    assert not RoutingCorrection.objects.filter(case=case).exists()


def test_too_few_confirmed_cases_are_refused_with_the_number_needed(world):
    confirmed(world, 12)
    with pytest.raises(DomainError) as refused:
        services.route_train()
    assert refused.value.code == codes.TOO_FEW_LABELLED
    assert refused.value.details == {"needed": 40, "have": 12}
    with pytest.raises(CommandError, match="40"):
        call_command("insight", "train", "route")
    assert not ModelVersion.objects.exists()


def test_without_a_model_the_rules_route_and_the_page_says_suggestions_are_off(world):
    case = submit().case
    assert RoutingSuggestion.objects.get(case=case).off_reason
    client = Client()
    client.force_login(world.handler)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(f"/van-hanh/ho-so/{case.pk}/")
    assert b'id="route-off"' in page.content and b"Suggestions are off: no routing model is in use yet" in page.content


def test_a_corrupt_model_leaves_the_rules_routing_and_the_page_says_why(world, caplog):
    version = trained(world)
    ModelVersion.objects.filter(pk=version.pk).update(artifact=b"not a model")
    case = submit(content="Bãi rác bốc mùi hôi", title="Rác").case  # the intake still works
    case.refresh_from_db()
    assert case.handling_organization_id == world.phuong.pk
    assert "checksum" in RoutingSuggestion.objects.get(case=case).off_reason
    assert "cannot be used" in caplog.text
    client = Client()
    client.force_login(world.handler)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(f"/van-hanh/ho-so/{case.pk}/")
    assert b"Suggestions are off: routing model v1 cannot be read" in page.content


def test_empty_emoji_huge_and_mixed_texts_get_an_answer_without_failing(world):
    # the intake refuses empty and oversized petitions itself; the model must still cope with what it is given
    trained(world)
    case = submit(content="Rác thải không được thu gom", title="Rác").case
    for content, title in [("😀🙏🔥 !!!", "🙏"), ("", ""), ("rác thải " * 200_000, "x"),
                           ("Рác thải 垃圾 không thu gom ở kiệt 3", "mixed")]:  # fmt: skip
        Case.objects.filter(pk=case.pk).update(content=content, title=title)
        row = services.route_received(case.pk)
        if content.startswith("😀") or not content:
            assert row.suggestions == [] and not row.auto
        else:
            assert row.suggestions and row.suggestions[0]["topic"] == "rac-thai"


def test_versions_are_listed_and_an_older_one_is_put_back_in_use(world, admin_user):
    trained(world)
    services.route_train()
    call_command("insight", "use", "route", "1", "--reason", "v2 routes land cases wrongly")
    assert ModelVersion.objects.get(kind=ModelKind.ROUTE, in_use=True).number == 1
    assert AuditEvent.objects.filter(action="insight.model_put_in_use", reason__contains="wrongly").exists()
    with pytest.raises(CommandError):
        call_command("insight", "use", "route", "9", "--reason", "x")
    client = Client()
    client.force_login(admin_user)
    page = client.get("/dan-y/dinh-tuyen/phien-ban/")
    assert page.status_code == 200 and b'data-number="2"' in page.content
    assert client.post("/dan-y/dinh-tuyen/phien-ban/", {"number": 2, "reason": "fixed"}).status_code == 302
    assert ModelVersion.objects.get(kind=ModelKind.ROUTE, in_use=True).number == 2
    clerk = Client()
    clerk.force_login(world.handler)
    assert clerk.get("/dan-y/dinh-tuyen/phien-ban/").status_code == 404


def test_the_train_command_prints_its_figures_last(world, capsys):
    confirmed(world)
    from io import StringIO

    out = StringIO()
    call_command("insight", "train", "route", stdout=out)
    lines = out.getvalue().strip().splitlines()
    assert lines[0].startswith("routing model v1 in use")
    assert lines[-1].startswith("without diacritics: topic and body right")
    out = StringIO()
    call_command("insight", "versions", "route", stdout=out)
    assert out.getvalue().strip().splitlines()[-1] == "versions 1"


def test_the_weekly_task_retrains_or_says_how_many_are_needed(world):
    from danvan.insight.tasks import _next_route_retrain_at, route_retrain

    assert route_retrain.call(False) == {"trained": False, "needed": 40, "have": 0}
    confirmed(world)
    assert route_retrain.call(False)["trained"] is True
    import datetime as dt

    sunday = _next_route_retrain_at(dt.datetime(2026, 12, 4, 10, 0, tzinfo=dt.UTC))
    assert sunday.weekday() == 6 and sunday.hour == 2


def test_the_versions_page_offers_only_the_versions_not_in_use_and_refuses_others_with_400(world, admin_user):
    trained(world)
    services.route_train()  # v2, in use
    client = Client()
    client.force_login(admin_user)
    page = client.get("/dan-y/dinh-tuyen/phien-ban/").content.decode()
    assert '<option value="1">v1</option>' in page and '<option value="2">' not in page
    for number in ("2", "9", "x"):  # in use already, no such version, not a number
        refused = client.post("/dan-y/dinh-tuyen/phien-ban/", {"number": number, "reason": "thử"})
        assert refused.status_code == 400
        assert [e.code for e in refused.context["form"].errors.as_data()["number"]] == ["invalid_choice"]
    assert ModelVersion.objects.get(kind=ModelKind.ROUTE, in_use=True).number == 2
