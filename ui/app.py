"""Start the curator window (or say in one line why it cannot be shown)."""
from __future__ import annotations

import argparse
import os
import sys


def display_available() -> bool:
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    if sys.platform.startswith("linux") or sys.platform.startswith("freebsd"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def run_curator(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="main.py")
    parser.add_argument("--archive", metavar="DIR")
    parser.add_argument("--no-sample", action="store_true")
    args = parser.parse_args(argv)
    if not display_available():
        print("No display found: the curator window needs a screen; the headless commands "
              "still work (uv run main.py --help).", file=sys.stderr)
        return 1

    from exhibit.archive import Archive
    from exhibit.errors import ExhibitError
    from exhibit.sample.loader import ensure_sample

    try:
        archive = Archive.open(args.archive)
        if not args.no_sample:
            ensure_sample(archive)
    except ExhibitError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1

    from PySide6.QtWidgets import QApplication

    from ui.curator import CuratorWindow
    from ui.qtfonts import ensure_cjk_font

    from ui import i18n

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Exhibit")
    app.setOrganizationName("Exhibit")
    ensure_cjk_font()
    # The language chosen last time, else the system's (Chinese or English).
    i18n.set_language(i18n.saved_language(), remember=False)
    window = CuratorWindow(archive)
    window.show()
    from ui import memory

    memory.warm_then_settle()
    return app.exec()
