"""What machine a benchmark ran on, printed beside its figures."""

from __future__ import annotations

import os
import platform


def describe_machine() -> dict:
    mem_gb = None
    try:
        with open("/proc/meminfo", encoding="ascii") as handle:
            mem_gb = round(int(handle.readline().split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    cpu = platform.processor()
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as handle:
            cpu = next((line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")), cpu)
    except OSError:
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": mem_gb, "python": platform.python_version(),
            "system": platform.platform(), "load_average": load_average()}


def load_average() -> list[float]:
    """1, 5 and 15-minute load: above the core count, other work shared the CPU with the benchmark."""
    return [round(x, 1) for x in os.getloadavg()]
