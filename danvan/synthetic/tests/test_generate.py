"""``danvan generate`` on the test database: what it makes, that the app's own code accepts it, that the
same seed makes the same data, and that ``--purge`` takes all of it away."""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from danvan.cases import rules
from danvan.cases.choices import Status, Track
from danvan.cases.models import Attachment, Case, CaseEvent, SealedIdentity, Suspension
from danvan.cases.services.protection import identity_open
from danvan.core.chain import CHAINS, chain_verify
from danvan.core.errors import DomainError
from danvan.core.text import fold
from danvan.core.tokens import token_digest
from danvan.files import sealing
from danvan.org.models import Organization, RoleAssignment, User
from danvan.surveys.models import Answer, Campaign, Invitation, Response
from danvan.surveys.services.invitations import EDIT_PURPOSE, rating_state, rating_token
from danvan.synthetic import checks, services
from danvan.synthetic.generator import CODE_PREFIX

pytestmark = pytest.mark.django_db

END = dt.date(2026, 11, 23)
HUE = 46  # Thành phố Huế: 40 communes


def _generate(cases: int = 300, **options: object) -> services.GenerateReport:
    values: dict[str, object] = {"cases": cases, "seed": 7, "provinces": (HUE,), "start": dt.date(2025, 7, 1),
                                 "end": END, "progress": False, "snapshots": False, "chunk": 120}  # fmt: skip
    values.update(options)
    return services.dataset_generate(services.GenerateOptions(**values))


def _generated() -> list[Case]:
    return list(Case.objects.filter(tracking_code__startswith=CODE_PREFIX).order_by("id"))


def test_generates_the_cases_asked_for_on_all_three_tracks() -> None:
    report = _generate(300)
    cases = _generated()
    assert len(cases) == 300 == report.rows["cases_case"]
    tracks = Counter(c.track for c in cases)
    # 70 / 20 / 10 with one case forced into every state of every track; split parts and second
    # complaints move the shares a little.
    assert 0.55 <= tracks[Track.PAKN] / 300 <= 0.8
    assert 0.12 <= tracks[Track.KHIEU_NAI] / 300 <= 0.32
    assert 0.06 <= tracks[Track.TO_CAO] / 300 <= 0.2
    assert all(c.idempotency_key == f"gen:{c.pk}" for c in cases)
    assert len({c.tracking_code for c in cases}) == 300
    assert all(c.place_unit_id is not None for c in cases if c.place_text and c.place_text != "Huế")
    assert CaseEvent.objects.filter(case__in=cases).count() >= 3 * 300
    with_files = Attachment.objects.filter(case__in=cases).values("case").distinct().count()
    assert 0.08 <= with_files / 300 <= 0.4


def test_every_state_of_every_track_is_present() -> None:
    _generate(300)
    present = {(c.track, c.status) for c in _generated()}
    assert set(services.coverage_targets()) <= present


def test_the_app_reads_every_generated_case_back_without_a_complaint() -> None:
    _generate(300, ratings_share=0.8)
    report = checks.dataset_check(sample=10_000)
    assert report.sample == 300
    assert report.actions_checked == 300
    assert report.replay_failures == []  # each timeline is a valid path of transitions.py
    assert report.deadline_mismatches == []  # due_on, warn_on, explanation as case_deadline_refresh computes
    assert report.missing_due == []
    assert report.search_mismatches == []  # search_text exactly as intake and publication fold it
    assert report.identity_failures == []
    assert report.inbox_total > 0
    assert report.ok


def test_search_text_is_folded_like_intake() -> None:
    _generate(120)
    for case in _generated():
        text = f"{case.tracking_code} {case.title} {case.redacted_content or case.content} {case.place_text}"
        if case.public_answer:
            text += f" {case.public_answer}"
        assert case.search_text == fold(text)


def test_open_cases_have_their_legal_clock_and_some_are_overdue() -> None:
    _generate(300)
    open_cases = [c for c in _generated() if c.status in rules_open()]
    for case in open_cases:
        clock = rules.clock_for(case.track, case.status, case.round)
        if clock is not None and case.status != Status.SUSPENDED:
            assert case.due_step == f"{clock.procedure}.{clock.step}"
            # Also a complaint suspended before its decision: that suspension belongs to an earlier clock.
            assert case.due_on is not None, case.tracking_code
    assert any(c.due_on is not None and c.due_on < END for c in open_cases)
    suspended = Case.objects.filter(tracking_code__startswith=CODE_PREFIX, status=Status.SUSPENDED)
    assert all(Suspension.objects.filter(case=c, resumed_on__isnull=True).exists() for c in suspended)


def rules_open() -> frozenset[str]:
    from danvan.cases.transitions import OPEN

    return OPEN


def test_a_denunciation_is_redacted_and_its_identity_sealed_like_intake() -> None:
    _generate(300)
    to_cao = [c for c in _generated() if c.track == Track.TO_CAO and not c.is_anonymous]
    assert to_cao
    for case in to_cao:
        assert case.contact_name == case.contact_phone == case.contact_email == case.contact_address == ""
        identity = sealing.unseal_json(SealedIdentity.objects.get(case=case).token)
        values = [identity[k] for k in ("name", "phone", "email", "address", "id_number")]
        # The stored text is what rules.redact makes of the letter, as case_submit stores it.
        assert case.content == case.redacted_content == rules.redact(identity["content"], values)
        assert identity["name"] not in case.content and identity["name"] not in case.search_text
        assert rules.REDACTED in case.content
    anonymous = [c for c in _generated() if c.track == Track.TO_CAO and c.is_anonymous]
    assert not SealedIdentity.objects.filter(case__in=anonymous).exists()


def test_the_head_of_the_body_can_open_a_generated_identity(second_factor) -> None:
    _generate(300)
    case = next(c for c in _generated() if c.track == Track.TO_CAO and not c.is_anonymous)
    head = RoleAssignment.objects.get(organization=case.handling_organization, role="head").user
    identity = identity_open(case=case, actor=head, reason="Kiểm tra dữ liệu sinh tự động",
                             second_factor_at=second_factor(head))  # fmt: skip
    assert identity["name"] and identity["name"] not in case.content


def test_ratings_are_linked_to_their_case_only_through_the_edit_key() -> None:
    _generate(300, ratings_share=0.9)
    # No column links a response to an invitation or to a case (legal-spec §8.4).
    assert not [f for f in Response._meta.get_fields() if f.is_relation and f.related_model in {Invitation, Case}]
    used = Invitation.objects.filter(used=True, subject__startswith="case:").order_by("id")
    assert used.exists()
    for invitation in used[:40]:
        case_id = int(invitation.subject.split(":")[1])
        token = rating_token(case_id)
        assert invitation.token_hash == token_digest(token)
        response = Response.objects.get(edit_key_hash=token_digest(token, purpose=EDIT_PURPOSE))
        case = Case.objects.get(pk=case_id)
        assert response.service == case.track and response.organization_id == case.handling_organization_id
        assert response.answered_on >= (case.notified_on or case.decided_on)
        assert Answer.objects.filter(response=response).count() == 6
        assert rating_state(token).state in {"editable", "closed"}
    answered = Case.objects.filter(tracking_code__startswith=CODE_PREFIX, notified_on__isnull=False).count()
    assert Invitation.objects.filter(subject__startswith="case:").count() == answered


def test_campaign_answers_go_to_one_sipas_campaign_per_province() -> None:
    _generate(120, campaign_responses=40)
    campaign = Campaign.objects.get(code=f"gen-sipas-{HUE}")
    assert campaign.responses.count() == 40
    assert campaign.organizations.count() > 30
    assert Answer.objects.filter(response__campaign=campaign, aspect="satisfaction").count() == 40 * 22


def test_the_same_seed_gives_the_same_data() -> None:
    _generate(150)
    first = [(c.tracking_code, c.title, c.content, c.status, c.received_on, c.due_on) for c in _generated()]
    services.dataset_purge()
    _generate(150)
    again = [(c.tracking_code, c.title, c.content, c.status, c.received_on, c.due_on) for c in _generated()]
    assert first == again
    services.dataset_purge()
    _generate(150, seed=8)
    assert [c[0] for c in first] != [c.tracking_code for c in _generated()]


def test_the_data_do_not_depend_on_the_chunk_boundaries_being_written_one_by_one() -> None:
    report = _generate(150, chunk=50)
    assert report.rows["cases_case"] == 150
    assert len({c.tracking_code for c in _generated()}) == 150


def test_a_second_run_is_refused_unless_appended() -> None:
    _generate(80)
    with pytest.raises(DomainError) as error:
        _generate(80)
    assert error.value.code == "generated_exists"
    _generate(40, append=True)
    cases = _generated()
    assert len(cases) == 120 and len({c.tracking_code for c in cases}) == 120
    assert Organization.objects.filter(code=f"gen-{HUE}-ubnd").count() == 1


def test_purge_removes_everything_generated() -> None:
    before = _counts()
    _generate(200, campaign_responses=20)
    assert _counts() != before
    removed = services.dataset_purge()
    assert removed["cases_case"] == 200
    assert _counts() == before
    assert not User.objects.filter(username__startswith="gen-").exists()
    assert not services.generated_exists()
    assert all(chain_verify(table).ok for table in CHAINS)


def test_purge_removes_the_notifications_about_generated_cases_and_keeps_the_others() -> None:
    from danvan.notifications.models import Notification
    from danvan.notifications.services import notification_send

    _generate(60)
    generated = _generated()[0]
    fields = {"channel": "email", "address": "an@example.vn", "template": "answered", "subject": "s", "body": "b",
              "about_kind": "cases.case"}  # fmt: skip
    gone = notification_send(**fields, about_id=generated.pk)
    kept = notification_send(**fields, about_id=generated.pk + 10**9)  # about no generated case
    removed = services.dataset_purge()
    assert removed["notifications_notification"] == 1
    assert list(Notification.objects.values_list("pk", flat=True)) == [kept.pk] and gone.pk != kept.pk


def test_the_generated_timeline_is_a_verifiable_chain_and_a_real_event_after_a_purge_is_too() -> None:
    from danvan.cases.tests.factories import submit

    real = submit().case  # a real case, before the generated ones (routed before their bodies exist)
    _generate(120)
    events = CaseEvent.objects.count()
    verdict = chain_verify("cases_caseevent")
    assert verdict.ok and verdict.links == events > 120
    CaseEvent.objects.create(case=real, action="note", to_status=real.status)  # and one after them
    services.dataset_purge()
    verdict = chain_verify("cases_caseevent")
    assert verdict.ok and verdict.links == CaseEvent.objects.filter(case=real).count() >= 1


def _counts() -> dict[str, int]:
    from django.apps import apps

    counts = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.db_table in {"core_auditevent", "core_chainlink"}:
            continue  # append-only: generation and purge each leave one event (and its link)
        counts[model._meta.db_table] = model._default_manager.count()
    return counts


def test_purge_refuses_when_a_real_case_is_handled_by_a_generated_body() -> None:
    _generate(80)
    body = Organization.objects.filter(code__startswith="gen-").first()
    Case.objects.create(tracking_code="PA-2611-AAAAAA", access_token_hash="x", track=Track.PAKN, title="Thật",
                        content="Một hồ sơ thật", handling_organization=body)  # fmt: skip
    with pytest.raises(DomainError) as error:
        services.dataset_purge()
    assert error.value.code == "purge_blocked"
    assert services.generated_exists()


def test_the_command_generates_checks_and_purges() -> None:
    out, err = io.StringIO(), io.StringIO()
    call_command("generate", "--cases", "90", "--provinces", str(HUE), "--end", "2026-11-23", "--seed", "3",
                 "--no-snapshots", stdout=out, stderr=err)  # fmt: skip
    text = out.getvalue()
    assert "Đã sinh 90 hồ sơ" in text and "dòng thời gian sai quy trình: 0" in text
    assert "hồ sơ [" in err.getvalue()  # the progress bar
    with pytest.raises(CommandError):
        call_command("generate", "--cases", "10", "--provinces", str(HUE), stdout=io.StringIO())
    out = io.StringIO()
    call_command("generate", "--purge", stdout=out)
    assert "Đã xóa" in out.getvalue()
    assert not Case.objects.filter(tracking_code__startswith=CODE_PREFIX).exists()


def test_the_command_refuses_an_unknown_province() -> None:
    with pytest.raises(CommandError, match="999"):
        call_command("generate", "--cases", "10", "--provinces", "999", stdout=io.StringIO())


@pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY is PostgreSQL's")
def test_on_postgresql_rows_go_in_by_copy_and_sequences_follow() -> None:
    _generate(120)
    last = Case.objects.order_by("-id").values_list("id", flat=True).first()
    created = Case.objects.create(tracking_code="PA-2611-BBBBBB", access_token_hash="x", track=Track.PAKN,
                                  title="Sau khi sinh", content="Hồ sơ tạo sau khi sinh dữ liệu")  # fmt: skip
    assert last is not None and created.pk > last
