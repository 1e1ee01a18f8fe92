"""``{{ code|short_code }}``: the short code of a tracking code, for receipts and the citizen's pages."""

from django import template

from danvan.cases import short_code as codes

register = template.Library()


@register.filter
def short_code(tracking_code: str) -> str:
    return codes.short_code(str(tracking_code or ""))
