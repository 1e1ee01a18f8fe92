"""One function per part registering its blocks on a consultation's pages (see ``blocks``); each part
edits only its own function."""

from __future__ import annotations


def drafts() -> None:
    """The draft's own page is the drafts part's; it adds blocks only if it needs more."""


def participation() -> None:
    """How to take part (public); moderation and keying in (staff)."""


def maps() -> None:
    """The opinion map's summary and link (public); its figures (staff)."""
    from django.utils.translation import gettext_lazy as _

    from danvan.consultations.blocks import Block, register
    from danvan.consultations.views import maps as views

    register(Block(key="maps", title=_("Opinion map"), order=30, area="public",
                   template="consultations/maps/block_public.html", context=views.block_public))  # fmt: skip
    register(Block(key="maps-staff", title=_("Opinion map"), order=30, area="staff",
                   template="consultations/maps/block_staff.html", context=views.block_staff))  # fmt: skip


def answers() -> None:
    """The published answers (public); the groups to answer and the summary to publish (staff)."""


def dashboards() -> None:
    """No blocks."""


def register_blocks() -> None:
    for part in (drafts, participation, maps, answers, dashboards):
        part()
