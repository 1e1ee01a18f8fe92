"""Reception's demo (called by `danvan demo` after cases): a week of sessions in Huế with bookings and
visits, one crowd, a notice of conclusions with its tasks, and a dialogue with commitments. Each part
seeds its own rows in its ``demo_<part>`` function and returns the lines the command prints.
Running it again changes nothing."""

from __future__ import annotations

from danvan.reception import demo_booking, demo_conclusions
from danvan.reception.demo_dialogues import demo_dialogues_seed
from danvan.reception.demo_register import demo_register_seed
from danvan.reception.demo_visit_cases import demo_visit_cases_seed


def demo_reception_seed(addr: str) -> list[str]:
    from danvan.reception.demo_schedule import demo_schedule

    lines: list[str] = []
    lines += demo_schedule(addr)
    lines += demo_booking.demo_booking_seed(addr)  # after the schedule's sessions
    lines += demo_register_seed(addr)  # visits: some from the bookings
    lines += demo_visit_cases_seed(addr)  # a visit's PAKN and sealed tố cáo, two crowds on one matter
    lines += demo_conclusions.demo_conclusions_seed(addr)
    lines += demo_dialogues_seed(addr)  # dialogues (docs/reception/dialogues.md)
    lines.append(f"Tiếp công dân — tuân thủ, sổ và báo cáo (chutich): http://{addr}/van-hanh/tiep-cong-dan/tuan-thu/")
    return lines
