"""Pictures of the import wizard's pages and the export dialog, in both UI languages (for ui/screenshots.py).

The import runs into a private copy of the archive, so the archive passed in
is left as it was.
"""
from __future__ import annotations

import csv
import tempfile
import time
from pathlib import Path

SIZE = (1366, 768)
HEADER = ["总登记号", "名称", "年代", "质地", "完残程度", "尺寸", "描述"]
ROWS = [
    ["HY2101", "铜军号", "1944年", "铜", "完整", "长30厘米", "守军第十军号兵所用军号"],
    ["HY2102", "家书", "1944年7月", "纸", "基本完整", "24×16厘米", "守城士兵寄往湘乡的家书"],
    ["HY2103", "弹壳", "1944", "铜质", "残缺", "", "张家山阵地出土"],   # 铜质: not a term (nearest: 铜)
    ["HY2104", "水壶", "1944", "铝", "完整", "", ""],
]


def sample_csv(path: Path) -> Path:
    """A small catalogue export with Chinese headers and one value that is not a vocabulary term."""
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows([HEADER, *ROWS])
    return path


def _settle(app, seconds: float = 0.3) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def render_screenshots(out_dir: Path, archive, *, size: tuple[int, int] = SIZE) -> list[Path]:
    """Save import-{1..5}-{zh,en}-WxH.png (file, preview, mapping, check, import) and
    export-{zh,en}-WxH.png."""
    from PySide6.QtWidgets import QApplication

    from exhibit.archive import Archive
    from exhibit.keeping.backups import backup_to
    from ui.common import i18n
    from ui.common.qtfonts import ensure_cjk_font
    from ui.interchange.export_dialog import ExportDialog
    from ui.interchange.import_wizard import ImportWizard

    app = QApplication.instance()
    ensure_cjk_font()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    before = i18n.current_language()
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="exhibit-import-shots-") as tmp:
        source = sample_csv(Path(tmp) / "藏品登记表.csv")
        try:
            for lang in ("zh", "en"):
                i18n.set_language(lang, remember=False)
                copy = Archive.open(backup_to(archive, Path(tmp) / f"archive-{lang}"), user=archive.user)
                wizard = ImportWizard(copy)
                wizard.resize(*size)
                wizard.show()

                def shoot(name: str) -> None:
                    _settle(app)
                    path = out_dir / f"{name}-{lang}-{size[0]}x{size[1]}.png"
                    wizard.grab().save(str(path))
                    written.append(path)

                try:
                    wizard.file_page.path_edit.setText(str(source))
                    shoot("import-1")
                    wizard.next()
                    wizard.runner.wait()
                    shoot("import-2")
                    wizard.next()
                    shoot("import-3")
                    wizard.next()
                    wizard.runner.wait()
                    wizard.check_page.view.setFocus()
                    shoot("import-4")
                    wizard.check_page.terms.apply_suggestions()
                    wizard.check_page.recheck.timeout.emit()
                    wizard.runner.wait()
                    wizard.next()
                    wizard.runner.wait()
                    shoot("import-5")
                finally:
                    wizard.shutdown()
                    wizard.deleteLater()
                    copy.close()
                dialog = ExportDialog(archive, "object", [1, 2, 3])
                dialog.resize(720, 360)
                dialog.show()
                _settle(app)
                path = out_dir / f"export-{lang}-720x360.png"
                dialog.grab().save(str(path))
                written.append(path)
                dialog.deleteLater()
                _settle(app, 0.1)
        finally:
            i18n.set_language(before, remember=False)
    return written
