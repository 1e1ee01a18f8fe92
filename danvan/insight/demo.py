"""Insight in the demo: each part seeds what its pages need from the demo's cases and ratings and returns
the lines ``danvan demo`` prints. Parts add their block to ``demo_insight_seed``."""

from __future__ import annotations

import datetime as dt


def demo_insight_seed(addr: str) -> list[str]:
    lines: list[str] = []
    # --- topics ---
    lines += _demo_topics(addr)
    return lines


# --- topics ---
def _demo_topics(addr: str) -> list[str]:
    """The tone model trained from the demo's ratings (when they are enough), then the topics of the demo's
    cases of the last 90 days against the 90 before, with their tone."""
    from danvan.core import clock
    from danvan.core.errors import DomainError
    from danvan.insight.services.tone import tone_train
    from danvan.insight.services.topics import topic_run_discover

    lines = []
    try:
        version = tone_train()
        lines.append(f"Mô hình sắc thái (phiên bản {version.number}) học từ nhận xét kèm đánh giá sao.")
    except DomainError as refused:
        lines.append(f"Chưa có mô hình sắc thái: {refused.message}")
    today = clock.today()
    try:
        run = topic_run_discover(starts_on=today - dt.timedelta(days=89), ends_on=today)
    except DomainError as refused:
        return [*lines, f"Chưa tìm được chủ đề: {refused.message}"]
    lines.append(f"Dân nói gì — {run.k} chủ đề trong {run.texts} vụ việc 90 ngày qua (chutich, danvan): "
                 f"http://{addr}/dan-y/chu-de/")  # fmt: skip
    lines.append(f"Chủ đề bị đánh giá thấp nhất của từng cơ quan: http://{addr}/dan-y/danh-gia-thap/")
    return lines
