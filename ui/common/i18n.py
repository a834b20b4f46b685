"""The UI language: Qt translations (.ts committed, .qm built on demand), Chinese or English.

Source strings are English; `translations/<catalogue>_zh_CN.ts` holds the Chinese.
Each part of the UI has its own catalogue (see CATALOGUES), so the curator
window, the kiosk, printing and import can be translated independently.
The .qm is compiled with the lrelease that ships with PySide6 the first time
it is needed (or when the .ts is newer) into a cache folder, so no generated
file is committed.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

UI = Path(__file__).parent.parent
TRANSLATIONS = UI / "translations"
LANGUAGES = {"zh": "zh_CN", "en": "en"}
# catalogue name -> the source folder it is extracted from (.py and .qml). "exhibit" is
# the curator window's: everything under ui/ that no other catalogue claims.
CATALOGUES: dict[str, Path] = {
    "exhibit": UI,
    "kiosk": UI / "kiosk",
    "printing": UI / "printing",
    "interchange": UI / "interchange",
    "keeping": UI / "keeping",
}
# Core modules a catalogue also translates: the problem sentences (exhibit/problem_text.py), which
# the core writes into files as well, are translated in the curator window's catalogue.
CORE_SOURCES: dict[str, tuple[Path, ...]] = {"exhibit": (UI.parent / "exhibit" / "problem_text.py",)}


def catalogue_sources(name: str) -> list[str]:
    folder = CATALOGUES[name]
    claimed = [f for n, f in CATALOGUES.items() if n != name and f.is_relative_to(folder)]
    return sorted([str(p) for p in folder.rglob("*") if p.suffix in (".py", ".qml")
                   and not any(p.is_relative_to(f) for f in claimed)] + [str(p) for p in CORE_SOURCES.get(name, ())])


def catalogue_file(name: str, locale_name: str = "zh_CN") -> Path:
    return TRANSLATIONS / f"{name}_{locale_name}.ts"
SETTINGS_KEY = "ui/language"

_installed: list[QTranslator] = []


def _lrelease() -> list[str]:
    import PySide6

    for name in ("lrelease", "lrelease.exe"):
        candidate = Path(PySide6.__file__).parent / name
        if candidate.exists():
            return [str(candidate)]
    found = shutil.which("pyside6-lrelease") or shutil.which("lrelease")
    if found:
        return [found]
    raise FileNotFoundError("lrelease not found (it ships with PySide6)")


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or (Path.home() / ".cache")
    path = Path(base) / "exhibit" / "translations"
    try:
        path.mkdir(parents=True, exist_ok=True)
        return path
    except OSError:
        fallback = Path(tempfile.gettempdir()) / "exhibit-translations"
        fallback.mkdir(parents=True, exist_ok=True)
        return fallback


def compiled(locale_name: str, catalogue: str = "exhibit") -> Path | None:
    """The .qm for `locale_name`, compiled from the .ts if missing or older."""
    ts = catalogue_file(catalogue, locale_name)
    if not ts.exists():
        return None
    qm = _cache_dir() / f"{catalogue}_{locale_name}.qm"
    if not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime:
        tmp = qm.with_suffix(".qm.part")
        subprocess.run([*_lrelease(), "-silent", str(ts), "-qm", str(tmp)], check=True,
                       capture_output=True, timeout=60)
        tmp.replace(qm)
    return qm


def system_language() -> str:
    return "zh" if QLocale.system().language() == QLocale.Language.Chinese else "en"


def saved_language() -> str:
    value = QSettings().value(SETTINGS_KEY)
    return value if value in LANGUAGES else system_language()


def set_language(lang: str, remember: bool = True) -> str:
    """Install the translators for `lang` ("zh" or "en"); widgets get QEvent.LanguageChange."""
    app = QCoreApplication.instance()
    if lang not in LANGUAGES:
        lang = "en"
    for translator in _installed:
        app.removeTranslator(translator)
        translator.deleteLater()  # else every switch to Chinese keeps six more alive (found by the kiosk soak)
    _installed.clear()
    if lang == "zh":
        for catalogue in CATALOGUES:
            ours = QTranslator(app)
            qm = compiled(LANGUAGES[lang], catalogue)
            if qm is not None and ours.load(str(qm)):
                app.installTranslator(ours)
                _installed.append(ours)
        qt = QTranslator(app)  # Qt's own dialogs and buttons
        if qt.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China), "qtbase", "_",
                   QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt)
            _installed.append(qt)
    if remember:
        QSettings().setValue(SETTINGS_KEY, lang)
    from ui.common.events import events
    events().language_changed.emit(lang)
    return lang


def current_language() -> str:
    return "zh" if _installed else "en"


def lupdate(catalogue: str, ts: Path | None = None, extra: tuple[str, ...] = ()) -> None:
    """Refresh a catalogue's .ts from its sources (new strings arrive unfinished)."""
    tool = str(Path(_lrelease()[0]).with_name("lupdate"))
    subprocess.run([tool, *extra, *catalogue_sources(catalogue), "-ts",
                    str(ts or catalogue_file(catalogue))], check=True, timeout=300)


if __name__ == "__main__":  # python -m ui.common.i18n [CATALOGUE…]: refresh the .ts files from the sources
    for name in sys.argv[1:] or [n for n in CATALOGUES if CATALOGUES[n].is_dir()]:
        if catalogue_sources(name):
            lupdate(name)
    sys.exit(0)
