"""``{% people_figures_link organization year %}``: the link from a unit's evaluation page to its officials'
figures, shown only to a reader who may open them (the evaluation's view is left as it is)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from danvan.emulation.selectors.commitments import may_read_reviews_of

register = template.Library()


@register.simple_tag(takes_context=True)
def people_figures_link(context: dict[str, Any], organization: Any, year: int) -> SafeString | str:
    request = context.get("request")
    if request is None or not may_read_reviews_of(request.user, person_id=None, organization=organization):
        return ""
    url = f"{reverse('emulation:evaluation_people')}?{urlencode({'don_vi': organization.pk, 'year': year})}"
    return format_html('<p id="people-figures-link"><a href="{}">{}</a></p>', url, _("Figures of each official"))
