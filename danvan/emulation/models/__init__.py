"""Emulation's tables, one module per part (each lists its tables in ``__all__``, so no part edits this
file): "Dân vận khéo" models and exemplars (``dvk``), commitments (``commitments``), training
(``training``), the yearly evaluation and its methodology (``evaluation``),
commendation proposals and discipline records (``commendation``)."""

from danvan.emulation.models.commendation import *  # noqa: F403
from danvan.emulation.models.commitments import *  # noqa: F403
from danvan.emulation.models.dvk import *  # noqa: F403
from danvan.emulation.models.evaluation import *  # noqa: F403
from danvan.emulation.models.training import *  # noqa: F403
