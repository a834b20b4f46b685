"""Whether a second process would have a core to itself now.

The import's worker (interchange/pipeline.py) and printing's QR worker
(printing/qr.py) pay only when a core would otherwise idle. On a machine whose
other core is busy with another program, the worker's CPU time is taken from
the main process, and its start-up and messages are extra work: the 100,000-row
import took 55-58 s with the worker against 39-44 s without.

What is idle is measured now, over a tenth of a second of /proc/stat, rather
than read from the 1-minute load average: that average still counts a big
import that has just ended (two busy processes for 20 s leave it near 1.5 on
two cores), so the next import ran in one process, at 27 s instead of 17-20 s.
Where /proc/stat is missing (not Linux) the load average decides.
"""
from __future__ import annotations

import os
import time

SAMPLE_S = 0.1


def cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def spare_core() -> bool:
    """At least two cores, and about one and a half of them idle (this process is not
    counted: it waits while the sample is taken), or, without /proc/stat, a 1-minute
    load average below cores − 0.5 (which counts this process itself)."""
    count = cores()
    if count < 2:
        return False
    idle = idle_cores()
    if idle is not None:
        return idle >= count - 0.5
    try:
        load = os.getloadavg()[0]
    except (OSError, AttributeError):  # not on Windows
        return True
    return load < count - 0.5


def idle_cores(sample_s: float = SAMPLE_S) -> float | None:
    """Cores' worth of idle time (waiting for the disk counts as idle) over the next
    `sample_s` seconds, or None where /proc/stat cannot be read."""
    first = _cpu_ticks()
    if first is None:
        return None
    time.sleep(sample_s)
    second = _cpu_ticks()
    if second is None:
        return None
    total = second[0] - first[0]
    if total <= 0:
        return None
    idle = (second[1] - first[1]) / total * (os.cpu_count() or 1)
    return min(idle, float(cores()))


def _cpu_ticks() -> tuple[int, int] | None:
    """(all ticks, idle + iowait ticks) of every CPU, from /proc/stat's first line."""
    try:
        with open("/proc/stat", encoding="ascii") as stat:
            fields = stat.readline().split()
    except OSError:
        return None
    if not fields or fields[0] != "cpu" or len(fields) < 6:
        return None
    ticks = [int(value) for value in fields[1:9]]  # user nice system idle iowait irq softirq steal
    return sum(ticks), ticks[3] + ticks[4]
