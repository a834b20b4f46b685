"""Pictures of the print dialog with a preview, in both UI languages (for ui/screenshots.py)."""
from __future__ import annotations

from pathlib import Path

SIZE = (1366, 768)


def _settle(app, seconds: float = 1.5) -> None:
    """QPdfView renders pages on its own thread: let the rendered pages arrive."""
    import time

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def render_screenshots(out_dir: Path, archive, *, size: tuple[int, int] = SIZE) -> list[Path]:
    """Save the print dialog showing the labels of the first two objects of the first
    section on an A4 2×2 sheet, after Check and Preview, as print-dialog-{zh,en}-WxH.png."""
    from PySide6.QtWidgets import QApplication

    from exhibit.printing.select import Selection, select_objects
    from ui.common import i18n
    from ui.common.qtfonts import ensure_cjk_font
    from ui.printing.print_dialog import PrintDialog

    app = QApplication.instance()
    ensure_cjk_font()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    first = select_objects(archive, Selection(everything=True))[:2]
    before = i18n.current_language()
    written = []
    try:
        for lang in ("zh", "en"):
            i18n.set_language(lang, remember=False)
            dialog = PrintDialog(archive, Selection(accessions=tuple(o.accession for o in first)))
            dialog.options.qr_edit.setText("https://museum.example/objects/{accession}")
            dialog.resize(*size)
            dialog.show()
            dialog.preview()
            dialog.runner.wait()
            _settle(app)
            path = out_dir / f"print-dialog-{lang}-{size[0]}x{size[1]}.png"
            dialog.grab().save(str(path))
            written.append(path)
            dialog.done(0)
            dialog.deleteLater()
            app.processEvents()
    finally:
        i18n.set_language(before, remember=False)
    return written
