"""More limits for a main.py child than support.run_main sets: a file-size cap that acts as a
full disk.

RLIMIT_FSIZE makes a write past `fsize` bytes fail with EFBIG, as a full disk
fails with ENOSPC, without needing root to mount a tiny file system. SIGXFSZ,
which the kernel sends with it and which would kill the child, is ignored so
that the write returns the error to the program.
"""
from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.hostile.support import MEMORY_CAP_MB, ROOT, Run, _wait4, child_env


def _caps(memory_mb: int, fsize: int):
    def apply() -> None:
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))
        resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    return apply


def run_main_disk_full(*args: str, fsize: int, cwd: Path | None = None,
                       env: dict[str, str] | None = None, timeout: float = 120) -> Run:
    """`python main.py args…` where no file can grow past `fsize` bytes."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen([sys.executable, "-X", "faulthandler", str(ROOT / "main.py"), *args],
                                cwd=cwd or ROOT, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                env=env or child_env(PYTHONDONTWRITEBYTECODE="1"),
                                preexec_fn=_caps(MEMORY_CAP_MB, fsize))
        try:
            _, status, usage = _wait4(proc.pid, timeout)
        except TimeoutError:
            proc.kill()
            os.waitpid(proc.pid, 0)
            raise AssertionError(f"main.py {' '.join(args)} ran past {timeout:.0f} s") from None
        out.seek(0)
        err.seek(0)
        return Run(os.waitstatus_to_exitcode(status), out.read().decode("utf-8", "replace"),
                   err.read().decode("utf-8", "replace"), usage.ru_maxrss / 1024)
