"""The last line of defence: an exception nobody expected becomes one sentence and a crash log.

Expected problems are ExhibitErrors with a message written for the user. Anything
else is a bug; a traceback on the console tells a curator nothing and is lost
when the window closes. So main.py and the windows catch what is left, say in
one sentence that something went wrong and where the details are, and append
the traceback (with the time, the command and the versions) to
`exhibit-crash.log` in the archive folder, or in the user's cache folder when
the archive folder is not known or not writable.
"""
from __future__ import annotations

import os
import platform
import sys
import tempfile
import traceback
from datetime import datetime, timezone
from pathlib import Path
from types import TracebackType

LOG_NAME = "exhibit-crash.log"
MAX_BYTES = 1024 * 1024  # a bigger log is moved aside to .old before the next entry


def archive_folder(argv: list[str]) -> Path | None:
    """The archive folder a command line names (--archive DIR, --archive=DIR, $EXHIBIT_ARCHIVE,
    else the current folder), if an archive is there."""
    chosen = None
    for i, arg in enumerate(argv):
        if arg == "--archive" and i + 1 < len(argv):
            chosen = argv[i + 1]
        elif arg.startswith("--archive="):
            chosen = arg.split("=", 1)[1]
    chosen = chosen or os.environ.get("EXHIBIT_ARCHIVE") or "."
    if "://" in chosen:
        return None
    path = Path(chosen)
    folder = path.parent if path.suffix == ".db" else path
    try:
        return folder.resolve() if (folder / "archive.db").is_file() else None
    except OSError:
        return None


def _fallback_folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "exhibit"


def write(exc_info: tuple[type[BaseException], BaseException, TracebackType | None],
          folder: Path | None = None, context: str = "",
          command: list[str] | None = None) -> Path | None:
    """Append the traceback to the crash log; returns its path (None if no folder would take it)."""
    kind, value, tb = exc_info
    stamp = datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds")
    words = ["main.py", *command] if command is not None else sys.argv
    entry = (f"===== {stamp}  pid {os.getpid()}\n"
             f"command: {' '.join(words)}\n"
             + (f"where: {context}\n" if context else "")
             + f"python {platform.python_version()} on {platform.platform()}\n"
             + "".join(traceback.format_exception(kind, value, tb)) + "\n")
    for candidate in (folder, _fallback_folder(), Path(tempfile.gettempdir())):
        if candidate is None:
            continue
        log = candidate / LOG_NAME
        try:
            candidate.mkdir(parents=True, exist_ok=True)
            if log.exists() and log.stat().st_size > MAX_BYTES:
                log.replace(log.with_name(LOG_NAME + ".old"))
            with log.open("a", encoding="utf-8", errors="replace") as handle:
                handle.write(entry)
            return log
        except OSError:
            continue
    return None


def sentence(log: Path | None, exc: BaseException) -> str:
    """What the user reads: one line, naming the log."""
    what = type(exc).__name__
    if log is None:
        return f"error: an unexpected problem ({what}) stopped this command, and no crash log could be written"
    return (f"error: an unexpected problem ({what}) stopped this command; the details are in {log} "
            "(please send that file to whoever looks after Exhibit)")


def report(exc: BaseException, argv: list[str]) -> int:
    """For main.py: log `exc`, print one line on stderr, return the exit status 1."""
    log = write((type(exc), exc, exc.__traceback__), archive_folder(argv), command=argv)
    try:
        print(sentence(log, exc), file=sys.stderr, flush=True)
    except (OSError, ValueError):
        pass  # stderr is gone too: the log is all there is
    return 1
