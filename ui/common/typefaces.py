"""The curator window and the kiosk in the printed labels' typefaces.

Labels pair Noto Sans SC (Han) with Source Sans 3 (Latin), see exhibit.typefaces.
The windows used one CJK face for everything, which sets "Harbour’s" with a
full-width apostrophe and curly quotes a whole em wide. Here the application
font becomes a family list of the two faces.

Qt takes each character from the first family in the list that has it, whatever
the text around it: Common-script characters (“ ” ‘ ’ — … and digits) inherit
the script of the Han around them, but that only picks fallbacks for what the
list lacks (measured: with [Source Sans 3] alone, the quotes in 别号“泰山军” are
still Source Sans 3's). QFontDatabase.addApplicationFallbackFontFamily (Qt 6.8)
works at that same fallback step, and PySide6 does not bind it anyway. So the
order of the list is what decides, and it follows the text's language, as the
PDF code splits runs by script with Chinese punctuation rules:
- Chinese: [Noto Sans SC, Source Sans 3]: “ ” ‘ ’ —— …… are the CJK face's,
  full-width as W3C clreq sets them; its Latin letters and digits are Source
  Sans-like (Source Han Sans took them from Source Sans), about 10 % wider.
- English: [Source Sans 3, Noto Sans SC]: narrow Latin quotes and apostrophes,
  Han (a name in passing) from the CJK face.
`families_for(lang)` gives the list. The application font takes the UI
language's (`use_language`, on every ui.common.i18n switch), and a widget whose
language is known sets its own: the curator's _zh/_en fields and columns. QML's
font takes one family and no list, so each face's substitute is the other and
`family_for(lang)` names the first: the kiosk's texts take it through Theme.family
(ui/kiosk/qml/Theme.qml), which follows the visitor's language. One string
holding both languages ("中文 / English" in a title) takes one order: the
window's language's.

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

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

from exhibit.errors import ExhibitError
from exhibit.typefaces import BOLD, REGULAR, Face, bundled_sources, cache_dir, instance_path, static_instance
from ui.common import i18n
from ui.common.events import events
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
    """Make the pairing the application font (QApplication or QGuiApplication, before
    windows and QML are made), in the UI language's order, and keep it in the UI
    language's order from then on; returns the family list.

    With the faces not cut yet, `wait=False` (a start) hands the cut to `start_cut`
    and keeps the previous set-up, returning None; `wait=True` (screenshots) cuts them
    here first. Anything else that goes wrong also keeps the previous set-up, with one
    log line: no font problem may stop the window or the kiosk from starting."""
    if in_force():
        _follow_the_ui_language()
        return QGuiApplication.font().families()[:2]
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
    # Each face's substitute is the other: a font of one family (QML's font.family) then
    # falls back to the partner before any system font, as the family list would.
    QFont.insertSubstitution(LATIN, CJK)
    QFont.insertSubstitution(CJK, LATIN)
    _set_application_families(_ORDER["zh" if i18n.current_language() == "zh" else "en"])
    _follow_the_ui_language()
    return QGuiApplication.font().families()[:2]


# ---------------------------------------------------------------- the order, by language

# CJK first for Chinese: its “ ” ‘ ’ —— …… are full-width; Latin first for the rest.
_ORDER = {"zh": [CJK, LATIN], "en": [LATIN, CJK]}
_following = False


def in_force() -> bool:
    """True while the application font is the pairing (either order): not before install(),
    not when a start kept the previous fonts, not after something put another font in."""
    return set(QGuiApplication.font().families()[:2]) == {LATIN, CJK}


def families_for(lang: str) -> list[str]:
    """The family list for text in `lang` ("zh", else English): see the module's note.
    Without the pairing in force, the application font's own list, in any language."""
    if not in_force():
        return QGuiApplication.font().families()
    return list(_ORDER["zh" if lang == "zh" else "en"])


def family_for(lang: str) -> str:
    """One family name that sets text in `lang` as families_for(lang) does, for QML, whose font
    takes one family (font.family) and no list: the first face, behind which Qt falls back to
    the other before any system font (the substitution install() sets)."""
    return families_for(lang)[0] if in_force() else QGuiApplication.font().family()


def font_for(lang: str, font: QFont | None = None) -> QFont:
    """`font` with `lang`'s family list. Without `font`, a font that sets only the families,
    so a widget given it keeps taking its size and weight from its parent; without the
    pairing in force it sets nothing, and the widget takes the application font as it is."""
    result = QFont(font) if font is not None else QFont()
    if in_force():
        result.setFamilies(families_for(lang))
    return result


def use_language(lang: str) -> None:
    """Put the application font in `lang`'s order (the UI language: labels, menus, messages,
    and any text whose language nobody set). Nothing while the pairing is not in force."""
    if in_force():
        _set_application_families(families_for(lang))


def _set_application_families(families: list[str]) -> None:
    font = QGuiApplication.font()
    if font.families()[:2] == families:
        return
    font.setFamilies(families)
    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication):
        return
    app.setFont(font)   # QApplication.setFont when it is one
    # QApplication.setFont tells only the windows, which pass the font on to their children;
    # but under a style sheet (the application has one: ui.common.plaintext) Qt passes no
    # font on, so a window shown before a language switch kept the old order in all but its
    # frame. Each widget told itself takes the new application font, keeping what it set of
    # its own (the families of a Chinese or English field, a bold heading's weight).
    widgets = getattr(app, "allWidgets", None)
    if widgets is not None:
        for widget in widgets():
            if not widget.isWindow():
                QCoreApplication.sendEvent(widget, QEvent(QEvent.Type.ApplicationFontChange))


def _follow_the_ui_language() -> None:
    """Once per process: every ui.common.i18n switch puts the application font in its order."""
    global _following
    if not _following:
        events().language_changed.connect(use_language)
        _following = True


if __name__ == "__main__":
    sys.exit(cut_missing())
