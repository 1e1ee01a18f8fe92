"""Who may key in and moderate a consultation: the one rule the services, the staff pages, the REST
operations, the staff blocks and the staff list all ask.

A consultation belongs to the body that consults (``Consultation.permission_organization``), and the
roles held there (or above it, with the subtree) act on it as everywhere else. Two bodies beside it take
part by law (Art. 26 Luật 10/2022/QH15: community meetings, the Front and mass organisations; legal
spec §5.3), and neither sits under the consulting body: the commune's Front committee is its sibling,
and a village's body sits under the commune's People's Committee, below the body that consults. So they
are reached the way grassroots democracy reaches them (``democracy.selectors.communes``: the Front
committee of a commune by ``FRONT_KIND``, a village body by ``VILLAGE_KINDS`` and the commune it is in):

* the **Front committee of a commune** (``FRONT_TAKES_PART`` — Front officers only) keys in and moderates
  the consultations of that commune's bodies (the consulting body's unit is the commune);
* a **village head** (``VILLAGE_KEYS_IN`` on the village's body) keys in views for a consultation whose
  audience includes the village: the whole commune the village is in (audience *commune*), or the
  villages consulted, theirs among them (audience *villages*). Not a province's audience (the province's
  bodies key in there) nor Art. 27's people affected (heard one by one by the consulting body).

Nothing else is granted: the Front's and the village's other roles, another commune's Front or villages,
operators gain nothing. The keyed-in view records no village (``services.participation.comment_key_in``
and ``tally_key_in`` take a source, not a place), so a village head keys in for the consultation as a
whole, like the consulting body's officers.

The rule is written once, as a filter on consultations (``acting_filter``); ``may_act`` asks it of one
consultation (one query, only for someone who holds one of the two roles and no ordinary grant).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from danvan.consultations.enums import Audience, Status
from danvan.consultations.models import Consultation
from danvan.consultations.permissions import FRONT_TAKES_PART, KEY_IN, MODERATE, VILLAGE_KEYS_IN
from danvan.core.errors import PermissionDenied
from danvan.democracy.selectors.communes import FRONT_KIND, VILLAGE_KINDS
from danvan.org.choices import UnitLevel
from danvan.org.models import Organization
from danvan.org.permissions import scope_filter, user_may

# The grants held on another body that also give a consultation's action.
ROUTES: dict[str, tuple[str, ...]] = {
    KEY_IN: (FRONT_TAKES_PART, VILLAGE_KEYS_IN),
    MODERATE: (FRONT_TAKES_PART,),
}


def _front_communes(user: Any) -> Any:
    """The communes whose Front committee ``user`` takes part for (ids, a subquery)."""
    fronts = Organization.objects.filter(scope_filter(user, FRONT_TAKES_PART), kind__code=FRONT_KIND,
                                         unit__level=UnitLevel.COMMUNE, is_active=True)  # fmt: skip
    return fronts.values("unit_id")


def _village_bodies(user: Any) -> Any:
    """The village bodies ``user`` heads (a subquery of organizations)."""
    return Organization.objects.filter(scope_filter(user, VILLAGE_KEYS_IN), kind__code__in=VILLAGE_KINDS,
                                       is_active=True)  # fmt: skip


# The Front and the villages take part in a consultation once it is open: a draft being prepared (its
# text not yet public) and a withdrawn one stay the consulting body's.
ROUTED_STATUSES = (Status.OPEN, Status.CLOSED, Status.PUBLISHED)


def _routed(user: Any, route: str) -> Q:
    if route == FRONT_TAKES_PART:
        return Q(organization__unit_id__in=_front_communes(user), status__in=ROUTED_STATUSES)
    bodies = _village_bodies(user)
    consulted = Consultation.villages.through.objects.filter(village__organization__in=bodies)
    return Q(status__in=ROUTED_STATUSES) & (
        Q(audience=Audience.COMMUNE, place_id__in=bodies.values("unit_id"))
        | Q(audience=Audience.VILLAGES, pk__in=consulted.values("consultation_id"))
    )


def acting_filter(user: Any, action: str) -> Q:
    """The consultations ``user`` may do ``action`` on: those of their bodies, and those the Front committee
    or the village they act for takes part in (above). A filter on ``Consultation``."""
    condition = scope_filter(user, action, "organization")
    for route in ROUTES.get(action, ()):
        if user_may(user, route):  # holds the role somewhere: else no subquery at all
            condition |= _routed(user, route)
    return condition


def may_act(user: Any, action: str, consultation: Consultation) -> bool:
    """May ``user`` do ``action`` (a consultations' action) on ``consultation``? (``acting_filter`` for one.)"""
    if user_may(user, action, consultation):
        return True
    routes = [r for r in ROUTES.get(action, ()) if user_may(user, r)]
    if not routes or consultation.pk is None:
        return False
    condition = Q(pk__in=[])
    for route in routes:
        condition |= _routed(user, route)
    return Consultation.objects.filter(condition, pk=consultation.pk).exists()


def require_act(user: Any, action: str, consultation: Consultation) -> None:
    """``PermissionDenied`` (code ``forbidden``, as ``org.permissions.require``) unless ``may_act``."""
    if not may_act(user, action, consultation):
        raise PermissionDenied(f"not allowed: {action}", code="forbidden")
