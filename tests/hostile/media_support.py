"""Shared by the media attacks: an archive to attack, and the checks that nothing was lost or leaked.

`Attack` records the archive database, every file under its media folder and
every file outside the archive before the command runs; afterwards a test
asks for the checks it needs: archive intact (a refused import), the old
media files untouched (a partial import), nothing written outside.
"""
from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from tests.hostile import support
from tests.hostile.support import Run, assert_archive_intact, counts, file_digest, tree

# What a terminal would act on: C0 (but newline), DEL, C1, bidi controls, lone surrogates.
RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029"
                         "\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def media_rows(db: Path) -> list[tuple]:
    conn = sqlite3.connect(f"file:{db.as_posix()}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT id, sha256, path, original_name, width, height FROM media "
                            "ORDER BY id").fetchall()
    finally:
        conn.close()


PEAKS: list[tuple[str, float]] = []  # (command, peak MB) of every attack run, for the report


@dataclass
class Attack:
    """One attack on the archive at `root`; `workdir` holds it and the hostile input."""

    root: Path
    workdir: Path
    db_digest: str = ""
    db_counts: dict[str, int] = field(default_factory=dict)
    media_before: dict[str, str] = field(default_factory=dict)
    outside_before: dict[str, str] = field(default_factory=dict)
    rows_before: list[tuple] = field(default_factory=list)

    @property
    def db(self) -> Path:
        return self.root / "archive.db"

    @property
    def media(self) -> Path:
        return self.root / "media"

    def _outside(self) -> dict[str, str]:
        inside = self.root.relative_to(self.workdir).as_posix() + "/"
        return {k: v for k, v in tree(self.workdir).items() if not k.startswith(inside)}

    def snapshot(self) -> "Attack":
        self.db_digest = file_digest(self.db)
        self.db_counts = counts(self.db)
        self.media_before = tree(self.media) if self.media.exists() else {}
        self.outside_before = self._outside()
        self.rows_before = media_rows(self.db)
        return self

    def run(self, *args: str, **kw) -> Run:
        run = support.run_main("--archive", str(self.root), "--no-sample", *args, **kw)
        PEAKS.append((" ".join(args)[:70], run.peak_rss_mb))
        return run

    def assert_nothing_changed(self) -> None:
        """A refused command: same database, same media files, nothing new outside."""
        assert_archive_intact(self.db, self.db_digest, self.db_counts)
        assert (tree(self.media) if self.media.exists() else {}) == self.media_before
        self.assert_nothing_outside()

    def assert_nothing_lost(self) -> None:
        """A partly successful command: every earlier record and media file still there, unchanged."""
        rows = media_rows(self.db)
        assert rows[:len(self.rows_before)] == self.rows_before
        now = tree(self.media)
        assert {k: now.get(k) for k in self.media_before} == self.media_before
        self.assert_nothing_outside()

    def assert_nothing_outside(self) -> None:
        assert self._outside() == self.outside_before

    def new_rows(self) -> list[tuple]:
        return media_rows(self.db)[len(self.rows_before):]


def assert_no_raw_controls(text: str) -> None:
    found = RAW_CONTROL.findall(text)
    assert not found, f"raw control characters {found!r} reached the terminal:\n{text!r}"
