"""Shared by the hostile battery: run main.py in a child with a memory cap, and judge the result.

Every attack asserts the same four things a user would check: the command
refused (exit status 1) with one readable line and no traceback; the archive
is byte-identical, or passes `integrity_check` with the same counts; nothing
was written outside the folders the command may write to; and the child's
peak memory stayed under the cap, which `resource.setrlimit` enforces in the
child itself (RLIMIT_DATA: heap and private writable mappings, not address
space a thread or arena merely reserves).
"""
from __future__ import annotations

import hashlib
import os
import resource
import sqlite3
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MEMORY_CAP_MB = 500


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str
    peak_rss_mb: float

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def child_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env.setdefault("EXHIBIT_USER", "hostile")
    env["PYTHONIOENCODING"] = "utf-8"
    env.pop("EXHIBIT_ARCHIVE", None)
    env.update(extra)
    return env


def _cap_memory(mb: int):
    def apply() -> None:
        limit = mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))
    return apply


# Runs main.py and, on the way out, writes the process's own VmHWM (kB) to $EXHIBIT_TEST_HWM.
# On Linux ru_maxrss from wait4() is at least the parent's RSS when it forked (the forked
# copy's high-water mark survives exec), so under a pytest process that has loaded Qt it
# reads ~300 MB for any child; VmHWM belongs to the memory map made at exec.
_BOOT = """
import atexit, os, runpy, sys
def _hwm():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                with open(os.environ["EXHIBIT_TEST_HWM"], "w") as out:
                    out.write(line.split()[1])
atexit.register(_hwm)
sys.argv = sys.argv[1:]
runpy.run_path(sys.argv[0], run_name="__main__")
"""


def run_main(*args: str, cwd: Path | None = None, memory_mb: int = MEMORY_CAP_MB,
             timeout: float = 120, stdin: bytes | None = None, env: dict[str, str] | None = None,
             preexec=None) -> Run:
    """`python main.py args…` in a child capped at `memory_mb`; peak_rss_mb is the child's own VmHWM.

    `preexec` replaces the default memory cap as the child's set-up (it must cap memory itself).
    """
    with tempfile.TemporaryDirectory() as scratch, tempfile.TemporaryFile() as out, \
            tempfile.TemporaryFile() as err:
        hwm = Path(scratch) / "hwm"
        env = dict(env or child_env())
        env["EXHIBIT_TEST_HWM"] = str(hwm)
        proc = subprocess.Popen([sys.executable, "-c", _BOOT, str(ROOT / "main.py"), *args], cwd=cwd or ROOT,
                                stdout=out, stderr=err,
                                stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                                env=env, preexec_fn=preexec or _cap_memory(memory_mb))
        if stdin is not None:
            assert proc.stdin is not None
            proc.stdin.write(stdin)
            proc.stdin.close()
        try:
            _, status, usage = _wait4(proc.pid, timeout)
        except TimeoutError:
            proc.kill()
            os.waitpid(proc.pid, 0)
            proc.returncode = -9
            raise AssertionError(f"main.py {' '.join(args)} ran past {timeout:.0f} s") from None
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        # No file when the child ended by os._exit or a signal: fall back to wait4's figure.
        peak = int(hwm.read_text()) / 1024 if hwm.exists() else usage.ru_maxrss / 1024
        if os.environ.get("EXHIBIT_HOSTILE_PEAKS"):  # the battery's worst case, for the closing note
            with open(os.environ["EXHIBIT_HOSTILE_PEAKS"], "a", encoding="utf-8") as log:
                log.write(f"{peak:.1f}\t{' '.join(args)[:200]}\n")
        return Run(proc.returncode, out.read().decode("utf-8", "replace"),
                   err.read().decode("utf-8", "replace"), peak)


def _wait4(pid: int, timeout: float):
    import time

    deadline = time.monotonic() + timeout
    while True:
        got, status, usage = os.wait4(pid, os.WNOHANG)
        if got:
            return got, status, usage
        if time.monotonic() > deadline:
            raise TimeoutError
        time.sleep(0.02)


def assert_refused(run: Run, *words: str) -> str:
    """Exit status 1 with one readable line (no traceback) that contains every word; returns the line."""
    assert "Traceback" not in run.output, run.output
    assert run.returncode == 1, f"exit status {run.returncode}: {run.output}"
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, f"expected one line on stderr, got {len(lines)}:\n{run.stderr}"
    line = lines[0]
    for word in words:
        assert word.lower() in line.lower(), f"{word!r} not in: {line}"
    assert run.peak_rss_mb < MEMORY_CAP_MB, f"peak RSS {run.peak_rss_mb:.0f} MB"
    return line


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else "missing"


def tree(root: Path) -> dict[str, str]:
    """Every file under root with its digest: compared before and after an attack."""
    found: dict[str, str] = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            found[str(path.relative_to(root))] = file_digest(path)
    return found


def counts(db_path: Path) -> dict[str, int]:
    """Rows per table (read-only, without creating a WAL)."""
    conn = sqlite3.connect(f"file:{db_path.as_posix()}?mode=ro", uri=True)
    try:
        names = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND sql NOT LIKE 'CREATE VIRTUAL%'")]
        return {n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}
    finally:
        conn.close()


def assert_archive_intact(db_path: Path, before_digest: str, before_counts: dict[str, int]) -> None:
    """Byte-identical, or `integrity_check` ok with the same rows in every table."""
    if file_digest(db_path) == before_digest:
        return
    conn = sqlite3.connect(f"file:{db_path.as_posix()}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    assert counts(db_path) == before_counts
