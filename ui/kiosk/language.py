"""The kiosk's Chinese translators: loaded once, then only installed or removed.

ui.common.i18n.set_language makes and loads a new set of QTranslators on every call
and never deletes the old ones: right for the curator window, which changes
language a few times a day, but a kiosk switches hundreds of times a day,
and each switch would leave six loaded catalogues behind (the soak measured
the growth) and read them from disk again. The kiosk's QML uses only its own
catalogue (ui/translations/kiosk_zh_CN.ts) and Qt's, so it keeps those two.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ui.common import i18n

CATALOGUE = "kiosk"


class KioskTranslations:
    """Switches the application between English (no translator) and Chinese."""

    def __init__(self) -> None:
        self._zh: list[QTranslator] | None = None
        self._installed = False

    def _load(self) -> list[QTranslator]:
        app = QCoreApplication.instance()
        loaded: list[QTranslator] = []
        ours = QTranslator(app)
        qm = i18n.compiled(i18n.LANGUAGES["zh"], CATALOGUE)
        if qm is not None and ours.load(str(qm)):
            loaded.append(ours)
        qt = QTranslator(app)  # Qt's own strings
        if qt.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China), "qtbase", "_",
                   QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            loaded.append(qt)
        return loaded

    def use(self, lang: str) -> None:
        want = lang == "zh"
        if want == self._installed:
            return
        if self._zh is None:
            self._zh = self._load()
        app = QCoreApplication.instance()
        for translator in self._zh:
            if want:
                app.installTranslator(translator)
            else:
                app.removeTranslator(translator)
        self._installed = want

    def release(self) -> None:
        """Remove and free the translators (the kiosk window is closing)."""
        self.use("en")
        for translator in self._zh or []:
            translator.deleteLater()
        self._zh = None
