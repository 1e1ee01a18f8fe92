"""What reception contributes to the page shell: its menu entries and home-page cards."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from danvan.ui.registry import Area, HomeCard, MenuItem, register


def register_navigation() -> None:
    _dialogues()


_STAFF_PAGES = ("reception:dialogue_plan", "reception:dialogue_detail", "reception:dialogue_act",
                "reception:dialogue_question_act")  # fmt: skip


def _dialogues() -> None:
    from danvan.reception.permissions import MANAGE_DIALOGUES, WORK_TASKS

    register(
        HomeCard("reception.dialogues", "reception/dialogues/home_card.html", order=40),
        MenuItem("reception.dialogues", _("Dialogues"), "reception:dialogue_list", Area.WORK, order=60,
                 action=MANAGE_DIALOGUES, current_for=_STAFF_PAGES),
        MenuItem("reception.dialogue_commitments", _("Dialogue commitments"), "reception:dialogue_commitments",
                 Area.WORK, order=61, action=WORK_TASKS),
    )  # fmt: skip
