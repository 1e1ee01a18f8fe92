"""Reception's demo (called by `danvan demo` after cases): a week of sessions in Huế with bookings and
visits, one crowd, a notice of conclusions with its tasks, and a dialogue with commitments. Each part
seeds its own rows in its ``demo_<part>`` function and returns the lines the command prints.
Running it again changes nothing."""

from __future__ import annotations


def demo_reception_seed(addr: str) -> list[str]:
    from danvan.reception.demo_dialogues import demo_dialogues_seed

    lines: list[str] = []
    lines += demo_dialogues_seed(addr)  # dialogues (docs/reception/dialogues.md)
    return lines
