"""A one-line description of the machine a benchmark ran on."""

from __future__ import annotations

import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path


def describe_machine() -> str:
    """CPU model, core count, Python version and today's date."""
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return (
        f"machine: {cpu}, {os.cpu_count()} cores, {platform.system()} {platform.machine()}, "
        f"Python {sys.version.split()[0]}, {date.today().isoformat()}"
    )


def median_ms(action: Callable[[], object], repeat: int, *, warm_up: bool = False) -> float:
    """Median wall time of ``action`` in milliseconds over ``repeat`` runs."""
    if warm_up:
        action()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)
