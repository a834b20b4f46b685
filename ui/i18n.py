"""The UI language: Qt translations (.ts committed, .qm built on demand), Chinese or English.

Source strings are English; `translations/exhibit_zh_CN.ts` holds the Chinese.
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

TRANSLATIONS = Path(__file__).parent / "translations"
LANGUAGES = {"zh": "zh_CN", "en": "en"}
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


def compiled(locale_name: str) -> Path | None:
    """The .qm for `locale_name`, compiled from the .ts if missing or older."""
    ts = TRANSLATIONS / f"exhibit_{locale_name}.ts"
    if not ts.exists():
        return None
    qm = _cache_dir() / f"exhibit_{locale_name}.qm"
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
    _installed.clear()
    if lang == "zh":
        ours = QTranslator(app)
        qm = compiled(LANGUAGES[lang])
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
    from ui.events import events
    events().language_changed.emit(lang)
    return lang


def current_language() -> str:
    return "zh" if _installed else "en"


if __name__ == "__main__":  # python -m ui.i18n: refresh the .ts from the sources
    sources = sorted(str(p) for p in Path(__file__).parent.glob("*.py"))
    lupdate = str(Path(_lrelease()[0]).with_name("lupdate"))
    subprocess.run([lupdate, *sources, "-ts", str(TRANSLATIONS / "exhibit_zh_CN.ts")], check=True)
    sys.exit(0)
