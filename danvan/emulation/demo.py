"""Emulation's demo (called by `danvan demo` after consultations): in Huế, models at each stage (one
replicated twice), exemplars, a commendation, commitments for the demo officers, a course, and a yearly
evaluation that draws on the demo's cases and satisfaction data. Running it again changes nothing."""

from __future__ import annotations


def demo_emulation_seed(addr: str) -> list[str]:
    from danvan.emulation import (
        demo_commendation,
        demo_commitments,
        demo_dvk,
        demo_evaluation,
        demo_evaluation_people,
        demo_training,
    )

    lines: list[str] = []
    lines += demo_dvk.seed(addr)
    lines += demo_commendation.seed(addr)  # after dvk: it lists the decision dvk's demo made through it
    lines += demo_commitments.seed(addr)
    lines += demo_training.seed(addr)
    lines += demo_evaluation.seed(addr)  # last: it reads what the others made
    lines += demo_evaluation_people.seed(addr)  # reads what the others made; writes nothing
    return lines
