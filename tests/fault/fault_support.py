"""Shared by the fault battery: nightly switch, child processes, line reading with a timeout."""
from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
NIGHTLY = os.environ.get("EXHIBIT_NIGHTLY", "") not in ("", "0")


def child_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), str(HERE), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env.setdefault("EXHIBIT_USER", "fault")
    env.update(extra)
    return env


def python(*args: str, **kwargs) -> subprocess.CompletedProcess:
    """Run `python args…` with the project importable; returns the completed process (text)."""
    kwargs.setdefault("timeout", 300)
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, encoding="utf-8",
                          cwd=ROOT, env=kwargs.pop("env", None) or child_env(), **kwargs)


class Lines:
    """Lines of a child's stdout, with a timeout so a stuck child fails the test instead of hanging it."""

    def __init__(self, stream) -> None:
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._thread = threading.Thread(target=self._pump, args=(stream,), daemon=True)
        self._thread.start()

    def _pump(self, stream) -> None:
        for line in stream:
            self._queue.put(line.rstrip("\n"))
        self._queue.put(None)

    def next(self, timeout: float = 120.0) -> str:
        try:
            line = self._queue.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError(f"no output from the child for {timeout:.0f} s") from None
        if line is None:
            raise AssertionError("the child closed its output (it exited or crashed)")
        return line
