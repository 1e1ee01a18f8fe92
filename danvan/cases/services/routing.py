"""Routing rules that another capability needs to exist, kept idempotent (issue 16: a commune's Ban
Thanh tra nhân dân receives the citizens' reports filed on its topic). Operators edit rules in the
admin; this only makes sure one rule exists, and never changes a rule an operator edited."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from danvan.cases import errors as codes
from danvan.cases import permissions as case_permissions
from danvan.cases.choices import Status, Track
from danvan.cases.models import Case, RoutingRule, TopicCategory
from danvan.cases.services.common import case_state, record
from danvan.core.errors import DomainError
from danvan.org import permissions
from danvan.org.models import Organization


def routing_rule_ensure(
    *, track: str, topic_code: str, topic_name: str, topic_name_en: str, unit: Any, organization: Any, note: str
) -> None:
    """The topic (created when missing) and one active rule (track, topic, unit) → ``organization``."""
    topic, _created = TopicCategory.objects.get_or_create(
        code=topic_code, defaults={"name": topic_name, "name_en": topic_name_en}
    )
    RoutingRule.objects.get_or_create(
        track=track, topic=topic, unit=unit, organization=organization, defaults={"priority": 10, "note": note}
    )


# Routing by the deployment's model (docs/insight.md): insight suggests, this app changes the case ------


def case_route_by_model(*, case: Case, topic_code: str, organization_id: int, confidence: float,
                        version: int) -> bool:  # fmt: skip
    """Give a just-received case the topic and body the routing model is sure of (above the threshold
    chosen for the target precision), with the timeline saying so. Nobody acts: the audit's actor is
    empty and the event names the model version.

    Only a case still waiting for its body to begin (received, no handler, not a tố cáo) is routed; False,
    and nothing changed, otherwise or when the topic or body is no longer active."""
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        if locked.track == Track.TO_CAO or locked.status != Status.RECEIVED or locked.handler_id is not None:
            return False
        topic = TopicCategory.objects.filter(code=topic_code, is_active=True).first()
        body = Organization.objects.filter(pk=organization_id, is_active=True).first()
        if topic is None or body is None:
            return False
        before = case_state(locked)
        # Like a rule-routed case, it shows in the body's inbox: nobody is told more than for those.
        locked.topic = topic
        locked.handling_organization = body
        locked.save(update_fields=["topic", "handling_organization", "updated_at"])
        record(locked, actor=None, action="routed_by_model", before=before, from_status=locked.status,
               note=_("Routed automatically by routing model v%(version)s (confidence %(confidence).2f).")
               % {"version": version, "confidence": confidence},
               data={"version": version, "confidence": round(confidence, 4), "topic": topic.code,
                     "organization": body.pk})  # fmt: skip
    case.refresh_from_db()
    return True


def case_route_choose(*, case: Case, actor: Any, topic_code: str, organization: Organization, note: str = "",
                      check: Callable[[Case], None] | None = None) -> Case:  # fmt: skip
    """A clerk sets the case's topic and body (a routing suggestion accepted, or another choice): the topic
    is recorded on the timeline; another body is a transfer (``case_transfer``, with its reason). ``check``
    judges the locked row (the caller's own rule, e.g. "still waiting to be routed") and raises to refuse:
    a clerk who accepted the case meanwhile is seen."""
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        permissions.require(actor, case_permissions.HANDLE, locked)
        if locked.is_to_cao:
            permissions.require(actor, case_permissions.VIEW_TO_CAO, locked)
        if check is not None:
            check(locked)
        topic = TopicCategory.objects.filter(code=topic_code, is_active=True).first()
        if topic is None:
            raise DomainError(_("Unknown topic."), code=codes.UNKNOWN_TOPIC)
        if locked.topic_id != topic.pk:
            before = case_state(locked)
            locked.topic = topic
            locked.save(update_fields=["topic", "updated_at"])
            record(locked, actor=actor, action="topic_set", before=before, from_status=locked.status,
                   note=_("Topic: %(topic)s") % {"topic": topic.name}, data={"topic": topic.code})  # fmt: skip
        if organization.pk != locked.handling_organization_id:
            from danvan.cases.services.handling import case_transfer

            case_transfer(case=locked, actor=actor, to=organization,
                          reason=note.strip() or _("Routing suggestion accepted."))  # fmt: skip
    case.refresh_from_db()
    return case
