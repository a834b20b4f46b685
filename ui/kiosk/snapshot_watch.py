"""A running kiosk watches its folder for a newer snapshot and switches at its next idle reset.

Several kiosks read one folder that `main.py publish` writes numbered generations
into (exhibit/publish/generations.py). Each kiosk notices a new manifest from
a QFileSystemWatcher, which is prompt on a local disk, and from a periodic look,
because network shares often send no notifications at all. Checking a new
generation (SHA-256, SQLite's integrity_check, the schema, the kiosk's own
opening) reads the whole file, so it runs off the UI thread. The switch waits
for the attract loop: at once if nobody is using the kiosk, else at the next
idle reset, so no visitor sees the content change under their finger.

A generation that fails a check is logged in one line and the kiosk keeps what
it shows; the same manifest is not looked at again, so a damaged file is
retried only when a newer generation is published.
"""
from __future__ import annotations

import hashlib
import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from exhibit.archive import Archive
from exhibit.errors import ExhibitError
from exhibit.publish import generations
from exhibit.publish.snapshot import open_snapshot
from ui.common.background import run_task

log = logging.getLogger("exhibit.kiosk")

POLL_SECONDS = 30.0  # a network share that never notifies: a new generation shows within this
SETTLE_MS = 500      # a publish renames two files in a row: look once, after both


@dataclass
class Found:
    """What one look at the folder found."""
    key: str                       # the manifest's bytes, hashed: the same manifest is looked at once
    generation: int | None = None
    snapshot: Archive | None = None  # a newer generation, checked and opened
    refused: str = ""              # why a newer generation (or the manifest) cannot be shown


def look(folder: Path, shown: int, seen_key: str) -> Found | None:
    """Off the UI thread: the folder's manifest and, if it names a generation newer than
    `shown`, that generation checked and opened. None when the manifest is missing or is the
    one with `seen_key`."""
    try:
        raw = generations.manifest_bytes(folder)
    except generations.SnapshotRefused as exc:  # the share is away: look again next time
        return Found("", refused=str(exc))
    if raw is None:
        return None
    key = hashlib.sha256(raw).hexdigest()
    if key == seen_key:
        return None
    try:
        manifest = generations.parse_manifest(raw, folder)
    except generations.SnapshotRefused as exc:
        return Found(key, refused=str(exc))
    if manifest.generation <= shown:
        return Found(key, manifest.generation)
    try:
        path = generations.check(folder, manifest)
        snapshot = open_snapshot(path)
    except (ExhibitError, sqlite3.Error, OSError) as exc:
        return Found(key, manifest.generation, refused=str(exc))
    return Found(key, manifest.generation, snapshot)


class SnapshotWatch(QObject):
    """Keeps `kiosk` (the controller) on the newest sound generation in `folder`."""

    switched = Signal(int)   # the generation now shown
    refused = Signal(str)    # the line that was logged

    def __init__(self, folder: Path | str, kiosk, generation: int, *,
                 poll_seconds: float = POLL_SECONDS, parent: QObject | None = None):
        super().__init__(parent)
        self.folder = Path(folder)
        self.kiosk = kiosk
        self.generation = generation  # the one the kiosk shows
        self._seen_key = ""
        self._pending: Found | None = None
        self._busy = False
        self._again = False
        self._running = False
        self._last_line = ""
        self._files = QFileSystemWatcher(self)
        self._files.directoryChanged.connect(self._soon)
        self._files.fileChanged.connect(self._soon)
        self._settle = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._settle.timeout.connect(self.check_now)
        self._poll = QTimer(self, interval=max(1, int(poll_seconds * 1000)))
        self._poll.timeout.connect(self.check_now)
        kiosk.resetDone.connect(self._at_reset)

    @property
    def pending_generation(self) -> int | None:
        """A newer generation checked and waiting for the attract loop, if any."""
        return self._pending.generation if self._pending else None

    def start(self) -> None:
        self._running = True
        self._watch_paths()
        self._poll.start()
        self.check_now()

    def stop(self) -> None:
        """Stop looking; a generation still waiting is closed (the shown one is the kiosk's)."""
        self._running = False
        self._poll.stop()
        self._settle.stop()
        paths = self._files.files() + self._files.directories()
        if paths:
            self._files.removePaths(paths)
        self._drop_pending()

    def check_now(self) -> None:
        """Look at the folder now (off the UI thread); one look at a time."""
        if not self._running:
            return
        if self._busy:
            self._again = True
            return
        self._busy = True
        shown = max(self.generation, self.pending_generation or 0)
        folder, seen = self.folder, self._seen_key
        run_task(lambda: look(folder, shown, seen), self._looked, self._look_failed, owner=self)

    # ---------------------------------------------------------------- results, on the UI thread
    def _soon(self, _path: str = "") -> None:
        self._settle.start()

    def _watch_paths(self) -> None:
        """The folder, and the manifest: renaming a new one over it drops it from the watch list."""
        wanted = [str(self.folder), str(generations.manifest_path(self.folder))]
        have = set(self._files.files() + self._files.directories())
        missing = [p for p in wanted if p not in have and Path(p).exists()]
        if missing:
            self._files.addPaths(missing)

    def _looked(self, found: Found | None) -> None:
        self._busy = False
        if not self._running:
            if found is not None and found.snapshot is not None:
                found.snapshot.close()
            return
        self._watch_paths()
        if found is None or not found.refused:
            self._last_line = ""  # the folder reads again: a later outage is said again
        if found is not None:
            if found.key:
                self._seen_key = found.key
            if found.refused:
                self._refuse(found.refused)
            elif found.snapshot is not None:
                self._drop_pending()
                self._pending = found
                if self.kiosk.screen == "attract":  # nobody is here: no need to wait
                    self._switch()
        if self._again:
            self._again = False
            self.check_now()

    def _look_failed(self, exc: Exception) -> None:
        self._busy = False
        self._refuse(f"the kiosk folder {self.folder} could not be looked at ({exc})")

    def _at_reset(self) -> None:
        if self._pending is not None:
            self._switch()

    def _switch(self) -> None:
        found, self._pending = self._pending, None
        if found is None or found.snapshot is None or found.generation is None:
            return
        shown = self.kiosk.snapshot
        try:
            self.kiosk.use_snapshot(found.snapshot)
        except (ExhibitError, sqlite3.Error) as exc:  # the kiosk's own reading failed: back
            self.kiosk.use_snapshot(shown)
            found.snapshot.close()
            self._refuse(f"kiosk snapshot generation {found.generation} in {self.folder} "
                         f"cannot be shown ({exc})")
            return
        shown.close()
        self.generation = found.generation
        self._last_line = ""
        log.info("showing kiosk snapshot generation %d from %s", self.generation, self.folder)
        self.switched.emit(self.generation)

    def _refuse(self, reason: str) -> None:
        line = f"{reason}; still showing generation {self.generation}"
        if line == self._last_line:  # a share that stays away: said once, not every half minute
            return
        self._last_line = line
        log.warning("%s", line)
        self.refused.emit(line)

    def _drop_pending(self) -> None:
        if self._pending is not None and self._pending.snapshot is not None:
            self._pending.snapshot.close()
        self._pending = None
