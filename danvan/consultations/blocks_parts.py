"""One function per part registering its blocks on a consultation's pages (see ``blocks``); each part
edits only its own function."""

from __future__ import annotations


def drafts() -> None:
    """The draft's own page is the drafts part's; it adds blocks only if it needs more."""


def participation() -> None:
    """How to take part (public); moderation and keying in (staff)."""
    from django.utils.translation import gettext_lazy as _

    from danvan.consultations.blocks import Block, register
    from danvan.consultations.views.participation_blocks import public_context, staff_context

    register(Block(key="participation", title=_("Take part"), order=20, area="public",
                   template="consultations/participation/_public_block.html", context=public_context))  # fmt: skip
    register(Block(key="participation_staff", title=_("Views: moderation and keying in"), order=20, area="staff",
                   template="consultations/participation/_staff_block.html", context=staff_context))  # fmt: skip


def maps() -> None:
    """The opinion map's summary and link (public); its figures (staff)."""


def answers() -> None:
    """The published answers (public); the groups to answer and the summary to publish (staff)."""


def dashboards() -> None:
    """No blocks."""


def register_blocks() -> None:
    for part in (drafts, participation, maps, answers, dashboards):
        part()
