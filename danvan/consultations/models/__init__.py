"""Consultations' tables, one module per part: the draft and its audience (``drafts``), the people's
views and votes (``participation``), the opinion map's snapshots (``maps``), the authority's answers and
the published summary (``answers``)."""

from danvan.consultations.models.answers import CommentGroup, Summary
from danvan.consultations.models.drafts import (
    AffectedPerson,
    Consultation,
    ConsultationDocument,
    DraftSection,
    DraftVersion,
)
from danvan.consultations.models.maps import OpinionMap
from danvan.consultations.models.participation import Comment, KeyedTally, Participant, Statement, Vote

__all__ = [
    "AffectedPerson",
    "Comment",
    "CommentGroup",
    "Consultation",
    "ConsultationDocument",
    "DraftSection",
    "DraftVersion",
    "KeyedTally",
    "OpinionMap",
    "Participant",
    "Statement",
    "Summary",
    "Vote",
]
