"""The actions of the partners app (registered with org.permissions)."""

from danvan.org.choices import Role
from danvan.org.permissions import register_action

MANAGE_KEYS = "partners.manage_keys"


def register_partner_actions() -> None:
    # Keys are issued to a partner body by an operator whose role covers that body.
    register_action(MANAGE_KEYS, roles={Role.OPERATOR}, description="Issue and revoke partners' API keys")
