"""Reception and dialogue's tables, one module per part of the capability (docs/reception.md).

points    where and who: reception points, and each head's duty to receive there
schedule  the editable frequency table and the sessions (regular, ad hoc, online)
booking   citizens' requests for a slot at a session, with the waiting list
visits    the register (sổ tiếp công dân): visits, their documents, the cases they brought, crowds
conclusions  the head's notice of conclusions and its tasks
dialogues    dialogue conferences, their questions and commitments
"""

from danvan.reception.models.booking import Booking
from danvan.reception.models.conclusions import ConclusionNotice, ConclusionTask
from danvan.reception.models.dialogues import Dialogue, DialogueCommitment, DialogueQuestion
from danvan.reception.models.points import HeadDuty, ReceptionPoint
from danvan.reception.models.schedule import ReceptionSession, ScheduleRule
from danvan.reception.models.visits import Crowd, Visit, VisitCase, VisitDocument

__all__ = [
    "Booking",
    "ConclusionNotice",
    "ConclusionTask",
    "Crowd",
    "Dialogue",
    "DialogueCommitment",
    "DialogueQuestion",
    "HeadDuty",
    "ReceptionPoint",
    "ReceptionSession",
    "ScheduleRule",
    "Visit",
    "VisitCase",
    "VisitDocument",
]
