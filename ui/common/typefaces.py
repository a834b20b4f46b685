"""The curator window and the kiosk in the printed labels' typefaces.

Labels pair Noto Sans SC (Han) with Source Sans 3 (Latin), see exhibit.typefaces.
The windows used one CJK face for everything, which sets "Harbour’s" with a
full-width apostrophe and curly quotes a whole em wide. Here the application
font becomes the family list [Source Sans 3, Noto Sans SC]: Qt takes each
character from the first family that has it, so Latin letters, digits, quotes,
apostrophes and dashes come from the Latin face and Han from the CJK face.
Qt chooses per character, not by the text around it as the PDF code does, so
curly quotes and dashes inside Chinese text are the Latin ones too; the
full-width ，。：（） are the CJK face's own and stay full-width.

The dependencies install variable fonts, of which Qt loads only the thinnest
instance, so the static instances exhibit.typefaces cuts for printing (same
files, same cache folder) are registered instead. Cutting them takes about
half a minute (Noto Sans SC: ~13 s per weight), so a start never cuts: when
files are missing, one low-priority background process cuts them, this run
keeps the previous set-up (`ensure_cjk_font`) with one log line, and the next
start has the pairing. Printing once fills the same cache.
"""
from __future__ import annotations

import logging
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from PySide6.QtGui import QFontDatabase, QGuiApplication

from exhibit.errors import ExhibitError
from exhibit.typefaces import BOLD, REGULAR, Face, bundled_sources, cache_dir, instance_path, static_instance
from ui.common.qtfonts import ensure_cjk_font

LATIN = "Source Sans 3"
CJK = "Noto Sans SC"
LOCK_NAME = "screen-fonts.lock"   # in the cache folder: "cutting" while a cut runs, "failed: …" after one failed
RUNNING_FOR = 10 * 60             # s: a "cutting" lock older than this was left by a cut that was stopped
RETRY_AFTER = 24 * 3600           # s: a failed cut is tried again the next day, not at every start
_ROOT = Path(__file__).resolve().parents[2]
_log = logging.getLogger(__name__)
_registered: dict[Path, list[str]] = {}   # file → its families, so a second install() adds nothing


@dataclass(frozen=True)
class Instance:
    """One static face the windows use, cut from a bundled variable font."""
    source: Path
    weight: int
    family: str
    italic: bool = False


def wanted() -> list[Instance] | None:
    """Regular and bold of both faces, and the Latin italics (the map's river names are
    italic: Qt would slant the upright face without them); None without the bundled fonts."""
    sources = bundled_sources()
    if sources is None:
        return None
    return [Instance(sources.latin, REGULAR, LATIN), Instance(sources.latin, BOLD, LATIN),
            Instance(sources.latin_italic, REGULAR, LATIN, True),
            Instance(sources.latin_italic, BOLD, LATIN, True),
            Instance(sources.cjk, REGULAR, CJK), Instance(sources.cjk, BOLD, CJK)]


def missing(instances: list[Instance]) -> list[Instance]:
    """The instances not in the cache folder yet (looking only: nothing is cut)."""
    return [i for i in instances if not instance_path(i.source, i.weight).is_file()]


def cut(instances: list[Instance]) -> list[Face]:
    """Cut (or read from the cache) each instance: exhibit.typefaces does the work."""
    return [static_instance(i.source, i.weight, i.family, italic=i.italic) for i in instances]


# ---------------------------------------------------------------- the background cut

def _lock_says_wait(lock: Path) -> str | None:
    """Why no cut should start now (one is running, or one failed today), or None."""
    try:
        text = lock.read_text(encoding="utf-8").strip()
        age = time.time() - lock.stat().st_mtime
    except OSError:
        return None
    if text.startswith("failed") and age < RETRY_AFTER:
        return f"the last cut {text} (tried again a day later)"
    if text.startswith("cutting") and age < RUNNING_FOR:
        return "another start is cutting them now"
    return None


def start_background_cut() -> str:
    """Start one low-priority process that cuts the missing instances into the cache;
    returns what happened, for the log line. Never raises: a start must not fail on fonts."""
    lock = cache_dir() / LOCK_NAME
    reason = _lock_says_wait(lock)
    if reason:
        return reason
    try:
        lock.parent.mkdir(parents=True, exist_ok=True)
        lock.write_text("cutting\n", encoding="utf-8")
    except OSError as exc:
        return f"the cache folder cannot be written ({exc})"
    options: dict = {"start_new_session": True}   # outlives the window, and Ctrl+C in its terminal
    if sys.platform == "win32":
        options = {"creationflags": subprocess.CREATE_NO_WINDOW | subprocess.BELOW_NORMAL_PRIORITY_CLASS}
    try:
        subprocess.Popen([sys.executable, "-m", "ui.common.typefaces"], cwd=_ROOT, stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, close_fds=True, **options)
    except OSError as exc:
        lock.unlink(missing_ok=True)
        return f"the cutting process could not start ({exc})"
    return "cutting them in the background (about half a minute, once)"


def cut_missing() -> int:
    """The background process's work: cut what is missing, then clear the lock (or leave
    the reason it failed in it). Returns the process's exit status."""
    lock = cache_dir() / LOCK_NAME
    if hasattr(os, "nice"):
        os.nice(10)   # the window or kiosk that started this keeps the CPU
    try:
        cut(missing(wanted() or []))
    except (ExhibitError, OSError) as exc:
        try:
            lock.write_text(f"failed: {exc}\n", encoding="utf-8")
        except OSError:
            pass
        return 1
    lock.unlink(missing_ok=True)
    return 0


# ---------------------------------------------------------------- the application font

def _faces(wait: bool, start_cut: Callable[[], str]) -> list[Face] | None:
    """The static faces to register, or None (after its one log line) to keep the old set-up."""
    instances = wanted()
    if instances is None:
        _log.warning("screen fonts: the bundled %s and %s are not installed; keeping the system's fonts",
                     CJK, LATIN)
        return None
    if wait:
        return cut(instances)
    absent = missing(instances)
    if absent:
        _log.warning("screen fonts: %d of the %s/%s faces are not in %s yet; %s; this start keeps the "
                     "previous fonts", len(absent), CJK, LATIN, cache_dir(), start_cut())
        return None
    return [Face(instance_path(i.source, i.weight)) for i in instances]


def _register(face: Face) -> list[str]:
    """Register one static face with Qt (from memory when the cache could not keep it)."""
    if face.data is None and face.path in _registered:
        return _registered[face.path]
    font_id = (QFontDatabase.addApplicationFontFromData(face.data) if face.data is not None
               else QFontDatabase.addApplicationFont(str(face.path)))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if face.data is None and families:
        _registered[face.path] = families
    return families


def install(*, wait: bool = False, start_cut: Callable[[], str] = start_background_cut) -> list[str] | None:
    """Make [Source Sans 3, Noto Sans SC] the application font (QApplication or
    QGuiApplication, before windows and QML are made); returns that family list.

    With the faces not cut yet, `wait=False` (a start) hands the cut to `start_cut`
    and keeps the previous set-up, returning None; `wait=True` (screenshots) cuts them
    here first. Anything else that goes wrong also keeps the previous set-up, with one
    log line: no font problem may stop the window or the kiosk from starting."""
    app = QGuiApplication.instance()
    font = QGuiApplication.font()
    if font.families()[:2] == [LATIN, CJK]:
        return [LATIN, CJK]
    try:
        faces = _faces(wait, start_cut)
        registered = {family for face in faces or [] for family in _register(face)}
    except Exception as exc:   # fontTools, the file system, a damaged cache file: each means "not now"
        _log.warning("screen fonts: %s and %s could not be loaded (%s); keeping the previous fonts",
                     CJK, LATIN, exc)
        faces, registered = None, set()
    if faces is not None and not {LATIN, CJK} <= registered:
        _log.warning("screen fonts: Qt did not take the files in %s; keeping the previous fonts", cache_dir())
        faces = None
    if faces is None:
        ensure_cjk_font()
        return None
    font.setFamilies([LATIN, CJK])   # Latin first: quotes, apostrophes and dashes are the Latin face's
    if isinstance(app, QGuiApplication):
        app.setFont(font)   # QApplication.setFont when it is one: every widget takes it
    return [LATIN, CJK]


if __name__ == "__main__":
    sys.exit(cut_missing())
