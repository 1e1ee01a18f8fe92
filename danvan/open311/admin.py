"""Operators publish the Open311 services (kinds of case × topics) here."""

from django.contrib import admin

from danvan.open311.models import Open311Service
from danvan.org.admin import AuditedOperatorAdmin


@admin.register(Open311Service)
class Open311ServiceAdmin(AuditedOperatorAdmin):
    list_display = ["code", "name", "track", "topic", "group", "is_published", "sort_order"]
    list_editable = ["is_published", "sort_order"]
    list_filter = ["track", "is_published", "group"]
    search_fields = ["code", "name", "keywords"]
    list_select_related = ["topic"]
