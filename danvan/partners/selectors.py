"""Reads of partners' keys and submissions."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from danvan.org import permissions
from danvan.partners import permissions as partner_permissions
from danvan.partners.models import ApiKey, ApiKeySubmission


def api_key_list_for(*, user: Any) -> QuerySet[ApiKey]:
    return ApiKey.objects.filter(
        permissions.scope_filter(user, partner_permissions.MANAGE_KEYS, "organization")
    ).select_related("organization", "user")


def api_key_case_ids(*, api_key: ApiKey) -> QuerySet[ApiKeySubmission, Any]:
    """The ids of the cases the key's partner submitted (through any of its keys, so that a rotated
    key still reads what the old one sent), as a subquery (``values("case_id")``)."""
    return ApiKeySubmission.objects.filter(api_key__organization_id=api_key.organization_id).values("case_id")
