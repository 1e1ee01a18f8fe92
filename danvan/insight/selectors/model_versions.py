"""Insight's reads. The model versions are the deployment's, not people's data: listing them needs no
scope; their bytes are read only to load the version in use."""

from __future__ import annotations

from django.db.models import QuerySet

from danvan.insight.models import ModelVersion


def model_versions(kind: str) -> QuerySet[ModelVersion]:
    """Every version of ``kind``, newest first, without their bytes."""
    return ModelVersion.objects.filter(kind=kind).defer("artifact").order_by("-number")


def model_version_in_use(kind: str) -> ModelVersion | None:
    """The version of ``kind`` in use, with its bytes; None when none was trained or all were retired."""
    return ModelVersion.objects.filter(kind=kind, in_use=True).first()
