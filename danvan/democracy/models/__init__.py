"""Grassroots democracy's tables, one module per part of the capability (docs/democracy.md).

villages     villages and residential groups of a commune, and their households
disclosures  dân biết: publications of Art. 11 items, their channels, proofs and quarterly lists
decisions    dân bàn và quyết định: matters, initiatives, vote rounds (meeting, ballot, online), records
boards       dân kiểm tra, giám sát: Ban TTND and Ban GSĐTCĐ, members, plans, inspections, recommendations
conferences  the yearly community conference of each village (Art. 33)
"""

from danvan.democracy.models.boards import Board, BoardMember, BoardPlan, BoardReport, Inspection, Recommendation
from danvan.democracy.models.conferences import Conference, ConferenceItem, ConferenceReport
from danvan.democracy.models.decisions import (
    BallotReturn,
    DecisionRecord,
    InitiativeAgreement,
    Matter,
    OnlineBallot,
    OnlineConsent,
    OnlineVoter,
    VoteCode,
    VoteRound,
)
from danvan.democracy.models.disclosures import Disclosure, DisclosureChannel, DisclosureList, DisclosureProof
from danvan.democracy.models.villages import Household, Village

__all__ = [
    "BallotReturn", "Board", "BoardMember", "BoardPlan", "BoardReport", "Conference", "ConferenceItem",
    "ConferenceReport", "DecisionRecord", "Disclosure", "DisclosureChannel", "DisclosureList", "DisclosureProof",
    "Household", "InitiativeAgreement", "Inspection", "Matter", "OnlineBallot", "OnlineConsent", "OnlineVoter",
    "Recommendation", "Village", "VoteCode", "VoteRound",
]  # fmt: skip
