from typing import Any

from django import template

from danvan.org import permissions

register = template.Library()


@register.filter
def may(user: Any, action: str) -> bool:
    """``{% if user|may:"org.view_organization" %}``: the same answer as ``permissions.user_may``."""
    return permissions.user_may(user, action)
