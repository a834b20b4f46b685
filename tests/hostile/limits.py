"""More limits for a main.py child than support.run_main sets: a file-size cap that acts as a
full disk.

RLIMIT_FSIZE makes a write past `fsize` bytes fail with EFBIG, as a full disk
fails with ENOSPC, without needing root to mount a tiny file system. SIGXFSZ,
which the kernel sends with it and which would kill the child, is ignored so
that the write returns the error to the program.
"""
from __future__ import annotations

import resource
import signal
from pathlib import Path

from tests.hostile.support import MEMORY_CAP_MB, Run, child_env, run_main


def _caps(memory_mb: int, fsize: int):
    def apply() -> None:
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))
        resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    return apply


def run_main_disk_full(*args: str, fsize: int, cwd: Path | None = None,
                       env: dict[str, str] | None = None, timeout: float = 120) -> Run:
    """`python main.py args…` where no file can grow past `fsize` bytes (support.run_main's peak: VmHWM)."""
    return run_main(*args, cwd=cwd, timeout=timeout,
                    env=env or child_env(PYTHONDONTWRITEBYTECODE="1", PYTHONFAULTHANDLER="1"),
                    preexec=_caps(MEMORY_CAP_MB, fsize))
