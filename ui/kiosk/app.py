"""`uv run main.py kiosk [--windowed] [--archive DIR | --snapshot DIR] [--set-pin]`.

The kiosk opens a published, read-only snapshot (exhibit.publish), never the
curators' live archive: `--snapshot DIR` names a kiosk folder (several kiosks
may read one); otherwise the archive folder's kiosk/ is used, published first
if there is none yet. While it runs it watches that folder and switches to a
newer generation at its next idle reset (ui/kiosk/snapshot_watch.py).
Fullscreen and frameless unless `--windowed`.
"""
from __future__ import annotations

import argparse
import getpass
import logging
import os
import sqlite3
import sys
import tempfile
from pathlib import Path

from exhibit.cli_checks import OneLineParser, bounded_float
from exhibit.publish.pin import PIN_DIGITS

QML_DIR = Path(__file__).parent / "qml"


def prepare_environment() -> None:
    """What must be set before the QGuiApplication exists."""
    # The on-screen keyboard is an input method; Qt picks it up only at start.
    os.environ.setdefault("QT_IM_MODULE", "qtvirtualkeyboard")
    # No separate desktop keyboard window: the InputPanel is part of the kiosk's scene.
    os.environ.setdefault("QT_VIRTUALKEYBOARD_DESKTOP_DISABLE", "1")
    # Pinyin's learned words go to a scratch folder, never into a visitor-independent profile.
    os.environ.setdefault("QT_VIRTUALKEYBOARD_PINYIN_USER_DATA",
                          tempfile.mkdtemp(prefix="exhibit-kiosk-vkb-"))


def use_software_renderer_if_headless() -> None:
    """No GPU and no display (CI, screenshots, tests): Qt Quick's software renderer works everywhere."""
    from PySide6.QtQuick import QQuickWindow, QSGRendererInterface

    if os.environ.get("QT_QPA_PLATFORM", "").startswith(("offscreen", "minimal")) \
            or os.environ.get("QT_QUICK_BACKEND") == "software":
        QQuickWindow.setGraphicsApi(QSGRendererInterface.GraphicsApi.Software)


def load_qml(view, path: Path) -> None:
    """view.setSource without deadlocking on a Python Qt message handler.

    setSource waits, holding Python's GIL, for QML's loader thread; a warning
    raised on that thread would call a Python message handler (pytest-qt and
    the bench install one) that waits for the GIL: a deadlock. So Qt's own
    handler is in place while QML loads, and the caller's is put back after.
    """
    from PySide6.QtCore import QUrl, qInstallMessageHandler

    previous = qInstallMessageHandler(None)
    try:
        view.setSource(QUrl.fromLocalFile(str(path)))
    finally:
        qInstallMessageHandler(previous)


def quiet_known_noise() -> None:
    """Silence two messages that say nothing about the kiosk: the keyboard's key-click sounds
    look for PipeWire/PulseAudio (absent on a headless machine), and a Qt-internal property
    override in the keyboard's own popup list."""
    from PySide6.QtCore import QLoggingCategory

    QLoggingCategory.setFilterRules("qt.multimedia.symbolsresolver=false\n"
                                    "qt.qml.propertyCache.append=false")


class KioskView:
    """The kiosk's window, controller and guards, ready to show (used by main, tests, bench, screenshots)."""

    def __init__(self, snapshot, settings=None, visits=None, *, size: tuple[int, int] = (1920, 1080),
                 locked: bool = True, on_exit=None):
        from PySide6.QtQuick import QQuickView

        from ui.common import i18n
        from ui.kiosk import mapitem  # noqa: F401  (registers Kiosk.MapCanvas for QML)
        from ui.kiosk.controller import Kiosk
        from ui.kiosk.language import KioskTranslations
        from ui.kiosk.lockdown import Lockdown
        from ui.kiosk.settings import KioskSettings

        self.settings = settings or KioskSettings()
        quiet_known_noise()
        self.view = QQuickView()
        self.view.setTitle("Exhibit kiosk")
        self.view.setResizeMode(QQuickView.ResizeMode.SizeRootObjectToView)
        self.view.setColor("#1b1916")

        # The kiosk's own translators (ui/kiosk/language.py); any the curator side installed
        # through ui.common.i18n are removed first, or English would still show their Chinese.
        i18n.set_language("en", remember=False)
        self.translations = KioskTranslations()

        def apply_language(lang: str) -> None:
            self.translations.use(lang)
            self.view.engine().retranslate()

        # A child of the view: QML is torn down before the object it binds to.
        self.kiosk = Kiosk(snapshot, self.settings, visits, set_language=apply_language, parent=self.view)
        self.translations.use(self.kiosk.lang)
        self.lockdown = Lockdown(self.view)
        self.locked = locked
        if locked:
            self.view.installEventFilter(self.lockdown)
        self.view.installEventFilter(self.kiosk.idle)
        self.view.rootContext().setContextProperty("kiosk", self.kiosk)
        # The on-screen keyboard finds its styles on the import path (qml/keyboard: the kiosk's style).
        self.view.engine().addImportPath(str(QML_DIR / "keyboard"))
        self.view.resize(*size)
        load_qml(self.view, QML_DIR / "Main.qml")
        errors = self.view.errors()
        if errors:
            raise RuntimeError("the kiosk's QML failed to load:\n" + "\n".join(e.toString() for e in errors))
        self._on_exit = on_exit
        self.kiosk.exitRequested.connect(self._exit)
        self.watch = None

    def watch_folder(self, folder: Path, generation: int, poll_seconds: float | None = None):
        """Switch to newer snapshot generations published into `folder` (this one shows
        `generation`); the watch closes the snapshots it replaces, never the one shown."""
        from ui.kiosk.snapshot_watch import POLL_SECONDS, SnapshotWatch

        self.watch = SnapshotWatch(folder, self.kiosk, generation,
                                   poll_seconds=poll_seconds or POLL_SECONDS, parent=self.kiosk)
        self.watch.start()
        return self.watch

    @property
    def root(self):
        return self.view.rootObject()

    def find(self, name: str):
        from PySide6.QtQuick import QQuickItem

        return self.root.findChild(QQuickItem, name)

    def _exit(self) -> None:
        from PySide6.QtGui import QGuiApplication

        self.lockdown.release()
        self.view.close()
        (self._on_exit or QGuiApplication.quit)()

    def show(self, fullscreen: bool) -> None:
        from PySide6.QtCore import Qt

        if fullscreen:
            self.view.setFlags(self.view.flags() | Qt.WindowType.FramelessWindowHint
                               | Qt.WindowType.WindowStaysOnTopHint)
            self.view.showFullScreen()
        else:
            self.view.show()

    def close(self) -> None:
        from PySide6.QtCore import QUrl

        self.lockdown.release()
        self.kiosk.idle.stop()
        if self.watch is not None:
            self.watch.stop()
        self.kiosk.flush_visits()
        self.view.close()
        self.view.setSource(QUrl())  # unbind QML before the controller goes
        self.translations.release()

    def dispose(self) -> None:
        """Close and free the window now (tests and the screenshots make many)."""
        self.close()
        self.view.deleteLater()


def _read_pin() -> str:
    if sys.stdin.isatty():
        first = getpass.getpass(f"New staff PIN ({PIN_DIGITS[0]}–{PIN_DIGITS[1]} digits): ")
        again = getpass.getpass("Again: ")
        if first != again:
            raise SystemExit("error: the two PINs differ; nothing was changed")
        return first
    return sys.stdin.readline().strip()


def open_kiosk_snapshot(args: argparse.Namespace):
    """The snapshot to show, checked, its generation and folder: --snapshot DIR, else kiosk/
    in the archive folder (published first if it has none this program reads, or its current
    one fails the kiosk's checks: the archive is at hand)."""
    from exhibit.archive import Archive, default_location
    from exhibit.publish import snapshot as snap
    from exhibit.publish.generations import SnapshotRefused
    from exhibit.sample.loader import ensure_sample

    if args.snapshot:
        return (*snap.open_current(args.snapshot), Path(args.snapshot))
    root = Path(args.archive) if args.archive else default_location()
    root = root.parent if root.suffix == ".db" else root
    folder = root / snap.DEFAULT_FOLDER
    if snap.is_current(folder):
        try:
            return (*snap.open_current(folder), folder)
        except SnapshotRefused as exc:
            print(f"note: {exc}; publishing again", file=sys.stderr)
    archive = Archive.open(root)
    try:
        if not args.no_sample:
            ensure_sample(archive)
        report = snap.publish(archive, folder)
    finally:
        archive.close()
    print(report.summary(), file=sys.stderr)
    return (*snap.open_current(folder), folder)


def main(argv: list[str]) -> int:
    parser = OneLineParser(prog="main.py kiosk", description="the visitors' touchscreen kiosk")
    parser.add_argument("--windowed", action="store_true", help="a normal window, for development")
    parser.add_argument("--archive", metavar="DIR", help="the curators' archive folder (its kiosk/ snapshot)")
    parser.add_argument("--snapshot", metavar="DIR",
                        help="a kiosk folder `main.py publish --to DIR` writes (several kiosks may "
                             "share one; a newer snapshot is shown from the next idle reset)")
    parser.add_argument("--visits", metavar="FILE",
                        help="this kiosk's visit counts (default: visits.db in the kiosk folder); give "
                             "each kiosk a local file when several share a folder on a network share")
    parser.add_argument("--no-sample", action="store_true")
    parser.add_argument("--idle", type=bounded_float(5, 86400), metavar="SECONDS",
                        help="idle time before “still there?” (5 to 86400)")
    parser.add_argument("--set-pin", action="store_true",
                        help="set the staff PIN (asked twice, or one line on stdin) and exit")
    args = parser.parse_args(argv)

    from exhibit.errors import ExhibitError
    from exhibit.publish.pin import is_weak
    from ui.kiosk.settings import KioskSettings

    try:
        if args.set_pin:
            from ui.kiosk.lockdown import set_pin
            from ui.kiosk.settings import settings_path

            set_pin(_read_pin())
            print(f"staff PIN saved (salted scrypt hash) in {settings_path()}; keep that file "
                  "on the kiosk: a copy of it lets anyone try PINs at leisure")
            return 0
        settings = KioskSettings.load()
        if args.idle:
            settings.idle_seconds = args.idle
        from ui.app import display_available

        if not display_available():
            print("No display found: the kiosk needs a screen (QT_QPA_PLATFORM=offscreen renders "
                  "without one).", file=sys.stderr)
            return 1
        snapshot, generation, folder = open_kiosk_snapshot(args)
    except ExhibitError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if not settings.pin:
        print("note: no staff PIN is set, so staff cannot leave the kiosk from the screen; "
              "set one with `main.py kiosk --set-pin`", file=sys.stderr)
    elif is_weak(settings.pin):
        print("note: the staff PIN was stored with an older, weaker hash; set a new PIN of "
              "6 or more digits with `main.py kiosk --set-pin`", file=sys.stderr)

    prepare_environment()
    from PySide6.QtGui import QGuiApplication

    from exhibit.publish.visits import VisitCounter, visits_path
    from ui.common import typefaces

    use_software_renderer_if_headless()
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    app.setApplicationName("Exhibit kiosk")
    app.setOrganizationName("Exhibit")
    typefaces.install()  # the app font QML's Text items take: the printed labels' pairing
    try:
        visits = VisitCounter(Path(args.visits) if args.visits else visits_path(folder))
    except ExhibitError as exc:
        snapshot.close()
        print(f"error: {exc}", file=sys.stderr)
        return 1
    try:
        kiosk = KioskView(snapshot, settings, visits, locked=not args.windowed)
    except sqlite3.DatabaseError as exc:  # a damaged snapshot: staff publish it again
        visits.close()
        snapshot.close()
        print(f"error: the kiosk snapshot in {folder} cannot be read ({exc}); "
              "publish it again with `main.py publish`", file=sys.stderr)
        return 1
    from ui.common import crash

    # Visitors never see a crash dialog: the kiosk logs (next to its snapshot) and starts over.
    crash.install_for_kiosk(lambda: folder, kiosk.kiosk.reset)
    # Snapshot switches and refusals, one line each on stderr, for whoever looks after the kiosk.
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", datefmt="%Y-%m-%d %H:%M:%S")
    kiosk.watch_folder(folder, generation)
    kiosk.show(fullscreen=not args.windowed)
    try:
        return app.exec()
    finally:
        kiosk.close()
        visits.close()
        kiosk.kiosk.snapshot.close()  # the generation shown last (the watch closed the others)
