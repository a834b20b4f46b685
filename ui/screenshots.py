"""`main.py screenshots --out DIR`: render the windows offscreen, in both languages.

Each curator view is saved at 1366×768 and 1920×1080 as PNG, each kiosk
screen at 1920×1080, from a fresh copy of the sample archive, with window
settings kept in a temporary folder so a developer's own layout does not
leak into the pictures. `--only curator kiosk …` renders some parts.
"""
from __future__ import annotations

import argparse
import importlib
import os
import sys
import tempfile
from pathlib import Path

SIZES = ((1366, 768), (1920, 1080))
LANGS = ("zh", "en")


def _settle(app, rounds: int = 6) -> None:
    from PySide6.QtCore import QThreadPool

    for _ in range(rounds):
        app.processEvents()
        QThreadPool.globalInstance().waitForDone(2000)
    app.processEvents()


PARTS = ("curator", "kiosk", "printing", "interchange")
DEFAULT_PARTS = PARTS


def render(out: Path, archive_dir: Path | None = None, parts: tuple[str, ...] = DEFAULT_PARTS) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ui.kiosk.app import prepare_environment, use_software_renderer_if_headless

    prepare_environment()  # the kiosk's on-screen keyboard: chosen before the application exists
    use_software_renderer_if_headless()
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from exhibit.archive import Archive
    from exhibit.sample.loader import load_sample

    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="exhibit-shots-") as tmp:
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp)
        app = QApplication.instance() or QApplication(["exhibit-screenshots"])
        app.setOrganizationName("ExhibitScreenshots")
        from ui.common import i18n, typefaces

        typefaces.install(wait=True)  # what a start after the first one shows (the cut is cached)
        if archive_dir is None:
            archive = Archive.open(Path(tmp) / "archive", user="screenshots")
            load_sample(archive)
        else:
            archive = Archive.open(archive_dir, user="screenshots")
        written: list[Path] = []
        try:
            if "curator" in parts:
                for lang in LANGS:
                    i18n.set_language(lang, remember=False)
                    for width, height in SIZES:
                        written += _shoot_window(app, archive, out, lang, width, height)
            for part in ("printing", "interchange"):
                if part in parts:
                    module = importlib.import_module(f"ui.{part}")
                    written += module.render_screenshots(out, archive)
        finally:
            archive_root = archive.root
            archive.close()
            i18n.set_language("en", remember=False)
        if "kiosk" in parts:
            from ui.kiosk.screenshots import render_all

            written += render_all(out, sizes=((1920, 1080),), languages=LANGS, archive_dir=archive_root)
    return written


def _shoot_window(app, archive, out: Path, lang: str, width: int, height: int) -> list[Path]:
    from exhibit import services
    from ui.curator.window import RECORD_TYPES, CuratorWindow

    window = CuratorWindow(archive)
    window.resize(width, height)
    window.show()
    _settle(app)
    shots: list[Path] = []

    def shoot(name: str) -> None:
        _settle(app)
        path = out / f"curator-{name}-{lang}-{width}x{height}.png"
        window.grab().save(str(path))
        shots.append(path)

    window.navigator.setCurrentRow(RECORD_TYPES.index("object"))
    window.tabs.setCurrentIndex(0)
    shoot("objects")
    window.tabs.setCurrentIndex(1)
    shoot("images")
    window.view_toggle.setChecked(True)
    shoot("grid")
    window.view_toggle.setChecked(False)
    window.navigator.setCurrentRow(RECORD_TYPES.index("media"))  # an image record shows its picture
    window.tabs.setCurrentIndex(0)
    shoot("image-record")
    window.navigator.setCurrentRow(RECORD_TYPES.index("event"))
    shoot("events")
    panel = services.list_records(archive, "panel", limit=1)
    if panel:
        window.open_record("panel", panel[0].id)
        window.tabs.setCurrentIndex(3)
        shoot("panel-preview")
        window.tabs.setCurrentIndex(2)
        shoot("panel-links")
    window.close()
    window.deleteLater()
    _settle(app, 2)
    return shots


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="main.py screenshots")
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--archive", type=Path, help="render this archive instead of a fresh sample")
    parser.add_argument("--only", nargs="+", choices=PARTS, default=list(DEFAULT_PARTS),
                        help="render only these parts (default: all)")
    args = parser.parse_args(argv)
    for path in render(args.out, args.archive, tuple(args.only)):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
