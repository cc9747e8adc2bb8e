"""Timing helpers shared by the benchmarks: repeat, then report the median and the spread."""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Timing:
    label: str
    runs: list[float]  # seconds

    @property
    def median(self) -> float:
        return statistics.median(self.runs)

    @property
    def p95(self) -> float:
        """The 95th percentile (nearest rank): what one rerun in twenty exceeds."""
        ordered = sorted(self.runs)
        return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]

    def line(self, command: str) -> str:
        ms = [run * 1000 for run in self.runs]
        return (
            f"{self.label:<48} median {statistics.median(ms):8.1f} ms   "
            f"p95 {self.p95 * 1000:8.1f}   min {min(ms):8.1f}   max {max(ms):8.1f}   "
            f"n={len(ms)}   ({command})"
        )


def measure(label: str, work: Callable[[], object], repeat: int, warmup: int = 1) -> Timing:
    for _ in range(warmup):
        work()
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        runs.append(time.perf_counter() - start)
    return Timing(label, runs)
