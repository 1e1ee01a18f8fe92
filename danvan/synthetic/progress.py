"""A progress bar on stderr: rows done of the total, rate and time left. No dependency.

On a terminal it redraws one line; in a log file (``nohup … > log``) it writes a line every ten
seconds instead, so the log stays readable.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO


def _duration(seconds: float) -> str:
    seconds = max(0, int(seconds))
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


class Progress:
    def __init__(self, label: str, total: int, *, stream: TextIO | None = None, enabled: bool = True) -> None:
        self.label, self.total, self.done = label, max(total, 1), 0
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.started = self._last = time.perf_counter()

    def advance(self, count: int = 1) -> None:
        self.done += count
        now = time.perf_counter()
        if self.enabled and now - self._last >= (0.25 if self.tty else 10.0):
            self._last = now
            self._draw(now)

    def line(self, now: float | None = None) -> str:
        now = now or time.perf_counter()
        elapsed = now - self.started
        rate = self.done / elapsed if elapsed > 0 else 0.0
        left = (self.total - self.done) / rate if rate > 0 else 0.0
        share = min(1.0, self.done / self.total)
        bar = "#" * int(share * 30)
        return (f"{self.label} [{bar:<30}] {self.done:,}/{self.total:,} {share:6.1%} "
                f"{rate:,.0f}/s  đã chạy {_duration(elapsed)}  còn {_duration(left)}")  # fmt: skip

    def _draw(self, now: float) -> None:
        if self.tty:
            self.stream.write("\r" + self.line(now))
        else:
            self.stream.write(self.line(now) + "\n")
        self.stream.flush()

    def finish(self) -> float:
        now = time.perf_counter()
        if self.enabled:
            self.stream.write(("\r" if self.tty else "") + self.line(now) + "\n")
            self.stream.flush()
        return now - self.started
