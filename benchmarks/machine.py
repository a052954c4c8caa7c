"""A one-line description of the machine a benchmark ran on."""

from __future__ import annotations

import os
import platform
import sys
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
