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
    from django.utils.translation import gettext_lazy as _

    from danvan.consultations.blocks import Block, register
    from danvan.consultations.views import maps as views

    register(Block(key="maps", title=_("Opinion map"), order=30, area="public",
                   template="consultations/maps/block_public.html", context=views.block_public))  # fmt: skip
    register(Block(key="maps-staff", title=_("Opinion map"), order=30, area="staff",
                   template="consultations/maps/block_staff.html", context=views.block_staff))  # fmt: skip


def answers() -> None:
    """The published answers (public); the groups to answer and the summary to publish (staff)."""
    from typing import Any

    from django.urls import reverse
    from django.utils.translation import gettext_lazy as _

    from danvan.consultations import choices
    from danvan.consultations.blocks import Block, register
    from danvan.consultations.selectors import answers as selectors

    def public(consultation: Any, request: Any) -> dict[str, Any] | None:
        if consultation.status != choices.Status.PUBLISHED:
            return None
        summary = selectors.summary_of(consultation)
        if summary is None:
            return None
        return {"summary": summary, "figures": summary.figures,
                "url": reverse("consultations:summary", args=[consultation.code])}  # fmt: skip

    def staff(consultation: Any, request: Any) -> dict[str, Any] | None:
        user = getattr(request, "user", None)
        if consultation.status not in (choices.Status.OPEN, choices.Status.CLOSED, choices.Status.PUBLISHED):
            return None
        if not (selectors.may_answer(user, consultation) or selectors.may_publish(user, consultation)):
            return None
        return {"counts": selectors.answer_counts(consultation), "due_on": consultation.summary_due_on,
                "published": consultation.status == choices.Status.PUBLISHED,
                "url": reverse("consultations:answers", args=[consultation.code]),
                "public_url": reverse("consultations:summary", args=[consultation.code])}  # fmt: skip

    register(Block(key="answers.summary", title=_("The answers to the views"), order=40, area="public",
                   template="consultations/answers/_public_block.html", context=public))  # fmt: skip
    register(Block(key="answers.answering", title=_("Answering the views"), order=40, area="staff",
                   template="consultations/answers/_staff_block.html", context=staff))  # fmt: skip


def dashboards() -> None:
    """No blocks."""


def register_blocks() -> None:
    for part in (drafts, participation, maps, answers, dashboards):
        part()
