"""The print dialog driven as staff would: choose, check, preview, cancel, save, print, switch language."""
from __future__ import annotations

import re
import time
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QWidget

from exhibit import services
from exhibit.printing import labels as labels_mod
from exhibit.printing.select import Selection
from ui.common import i18n
from ui.common.qtfonts import ensure_cjk_font
from ui.printing import PrintDialog, open_print_dialog

A4 = (595.28, 841.89)


@pytest.fixture
def make_dialog(qtbot, archive):
    ensure_cjk_font()
    i18n.set_language("en", remember=False)
    made: list[PrintDialog] = []

    def make(selection: Selection | None = None) -> PrintDialog:
        d = PrintDialog(archive, selection)
        qtbot.addWidget(d)
        d.show()
        made.append(d)
        return d

    yield make
    i18n.set_language("en", remember=False)
    for d in made:
        d.shutdown()


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def run(dialog: PrintDialog) -> None:
    assert dialog.runner.wait(120_000), "the print job did not end"


def built(dialog: PrintDialog):
    """Run the job; it must have built a PDF (else say why)."""
    run(dialog)
    assert dialog.built is not None, dialog.error_label.text() or dialog.status_label.text()
    return dialog.built


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_preview_labels_of_two_selected_objects(qtbot, archive):
    ensure_cjk_font()
    i18n.set_language("en", remember=False)
    one, two = (services.object_by_accession(archive, a) for a in ("HY1944.0001", "HY1944.0002"))
    window = QWidget()
    qtbot.addWidget(window)
    dialog = open_print_dialog(window, archive, [one.id, two.id], None)
    try:
        assert dialog.isVisible() and dialog.options.rb_selected.isChecked()
        assert "(2)" in dialog.options.rb_selected.text()
        dialog.options.set_setup("sheet", "a4-1x2")
        assert dialog.document.pageCount() == 0
        click(qtbot, dialog.preview_button)
        assert dialog.runner.is_running() or dialog.built is not None   # the UI thread is not blocked
        run(dialog)
        assert dialog.document.status() == QPdfDocument.Status.Ready
        assert dialog.document.pageCount() == 1                          # 2 labels on a 1×2 sheet
        assert dialog.status_label.text() == "Preview: 2 labels on 1 page"
        assert dialog.pages_label.text() == "1 page"
        assert not dialog.error_label.isVisible()
        size = dialog.document.pagePointSize(0)
        assert (round(size.width(), 1), round(size.height(), 1)) == (595.3, 841.9)
        text = squash(dialog.document.getAllText(0).text())
        for obj in (one, two):
            assert squash(obj.name_zh) in text and squash(obj.name_en) in text and obj.accession in text
    finally:
        dialog.shutdown()
        dialog.close()


def test_section_on_a_letter_sheet_and_zoom(make_dialog, qtbot):
    dialog = make_dialog(Selection())
    o = dialog.options
    o.rb_section.setChecked(True)
    o.section_combo.setCurrentIndex(o.section_combo.findData("s1-road"))
    o.set_setup("sheet", "letter-1x2")
    o.crop_check.setChecked(True)
    click(qtbot, dialog.preview_button)
    reader = PdfReader(built(dialog).pdf)
    assert [round(float(v), 1) for v in reader.pages[0].mediabox[2:]] == [612.0, 792.0]
    assert dialog.document.pageCount() == len(reader.pages) == -(-dialog.built.labels // 2)
    zoom = dialog.view.zoomFactor()
    click(qtbot, dialog.zoom_in)
    assert dialog.view.zoomFactor() > zoom or dialog.zoom_combo.currentText().endswith("%")
    before = dialog.view.zoomFactor()
    click(qtbot, dialog.zoom_in)
    assert dialog.view.zoomFactor() > before
    # Changing an option says the preview is out of date; saving rebuilds first.
    o.lang_combo.setCurrentIndex(o.lang_combo.findData("en"))
    assert "Preview again" in dialog.status_label.text()


def test_cancel_during_a_long_job_leaves_no_file(make_dialog, qtbot, monkeypatch):
    slow_draw = labels_mod.draw

    def draw(*args, **kw):      # a big batch: each label takes a while
        time.sleep(0.05)
        return slow_draw(*args, **kw)

    monkeypatch.setattr(labels_mod, "draw", draw)
    dialog = make_dialog(Selection())
    dialog.options.rb_all.setChecked(True)
    dialog.runner.progress.connect(lambda done, total: dialog.cancel_button.click())
    click(qtbot, dialog.preview_button)
    assert dialog.cancel_button.isVisible() and dialog.progress.isVisible()
    assert not dialog.preview_button.isEnabled()
    run(dialog)
    assert dialog.status_label.text() == "Cancelled; no file was written."
    assert dialog.built is None and dialog.document.pageCount() == 0
    assert files_in(dialog.tmp_dir) == []                  # no PDF, no .part
    assert not dialog.cancel_button.isVisible() and dialog.preview_button.isEnabled()


def test_empty_selection_shows_the_message(make_dialog, qtbot):
    dialog = make_dialog(Selection())          # nothing selected in the curator window
    assert dialog.options.rb_section.isChecked()          # so it offers the section first
    assert dialog.options.rb_selected.text() == "The s&elected objects (0)"
    dialog.options.rb_selected.setChecked(True)
    click(qtbot, dialog.preview_button)
    assert not dialog.runner.is_running()
    assert dialog.error_label.isVisible()
    assert "No objects are selected" in dialog.error_label.text()
    assert dialog.document.pageCount() == 0

    # A selection that matches nothing is refused by the core, reported in the dialog.
    dialog.options.rb_since.setChecked(True)
    dialog.options.since_edit.setDate(dialog.options.since_edit.date().addYears(20))
    click(qtbot, dialog.preview_button)
    run(dialog)
    assert "nothing to print" in dialog.error_label.text()
    assert dialog.status_label.text() == "Nothing was printed."
    assert dialog.isVisible() and dialog.preview_button.isEnabled()
    assert files_in(dialog.tmp_dir) == []


def test_missing_glyph_and_text_that_does_not_fit_are_shown(make_dialog, qtbot, archive):
    rare = services.object_by_accession(archive, "HY1944.0005")
    services.update(archive, replace(rare, name_zh="𠀀字碑"))            # U+20000: not in the font
    long = services.object_by_accession(archive, "HY1944.0002")
    services.update(archive, replace(long, label_zh="衡阳" * 1000))
    dialog = make_dialog(Selection(accessions=("HY1944.0005", "HY1944.0002", "HY1944.0001")))
    dialog.options.set_setup("page", "A4")

    click(qtbot, dialog.check_button)
    run(dialog)
    assert dialog.tabs.currentIndex() == 1
    rows = [[dialog.warnings_list.topLevelItem(i).text(c) for c in range(3)]
            for i in range(dialog.warnings_list.topLevelItemCount())]
    assert any("HY1944.0005" in label and level == "error" and "U+20000" in msg for label, level, msg in rows)
    assert any("HY1944.0002" in label and level == "error" and "does not fit" in msg for label, level, msg in rows)
    assert "2 labels cannot be printed" in dialog.status_label.text()

    click(qtbot, dialog.preview_button)
    run(dialog)
    message = dialog.error_label.text()
    assert dialog.error_label.isVisible() and "U+20000" in message and "does not fit" in message
    assert dialog.built is None and files_in(dialog.tmp_dir) == []

    # Shortening over-long text lets the long one print; the rare character still stops it.
    dialog.options.truncate_check.setChecked(True)
    dialog.options.accessions = ["HY1944.0002"]
    click(qtbot, dialog.preview_button)
    run(dialog)
    assert dialog.document.pageCount() == 1 and not dialog.error_label.isVisible()
    assert any(dialog.warnings_list.topLevelItem(i).text(2).startswith("cut to fit")
               for i in range(dialog.warnings_list.topLevelItemCount()))


def test_save_pdf_builds_then_copies_to_the_chosen_file(make_dialog, qtbot, tmp_path):
    dialog = make_dialog(Selection(accessions=("HY1944.0001",)))
    dialog.options.set_setup("page", "A4")
    target = tmp_path / "out" / "label"
    target.parent.mkdir()
    asked = []
    dialog.choose_save_path = lambda parent, suggested: asked.append(suggested) or str(target)
    click(qtbot, dialog.save_button)       # no preview yet: builds, then asks where to save
    run(dialog)
    saved = target.with_name("label.pdf")
    assert asked and saved.read_bytes() == dialog.built.pdf.read_bytes()
    page = PdfReader(saved).pages[0]
    assert [round(float(v) * 25.4 / 72) for v in page.mediabox[2:]] == [210, 297]
    assert files_in(saved.parent) == ["label.pdf"]
    assert "Saved to" in dialog.status_label.text()


def _dark_pixels(pdf: Path, page: int) -> int:
    from PySide6.QtCore import QSize

    doc = QPdfDocument()
    doc.load(str(pdf))
    image = doc.render(page, QSize(300, 424))
    doc.close()
    return sum(1 for y in range(0, image.height(), 2) for x in range(0, image.width(), 2)
               if QColor(image.pixel(x, y)).lightness() < 128)


def test_print_to_a_pdf_printer_produces_the_pages(make_dialog, qtbot, tmp_path):
    dialog = make_dialog(Selection(section="s3-siege"))
    dialog.options.rb_section.setChecked(True)
    dialog.options.section_combo.setCurrentIndex(dialog.options.section_combo.findData("s3-siege"))
    dialog.options.set_setup("sheet", "a4-1x2")
    click(qtbot, dialog.preview_button)
    built(dialog)
    pages = dialog.document.pageCount()
    assert pages >= 2

    out = tmp_path / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    dialog.choose_printer = lambda parent: printer
    click(qtbot, dialog.print_button)
    run(dialog)
    assert dialog.status_label.text() == f"{pages} pages sent to the printer"
    reader = PdfReader(out)
    assert len(reader.pages) == pages
    assert [round(float(v), 0) for v in reader.pages[0].mediabox[2:]] == [595, 842]
    # The printed pages carry the labels, not blank paper.
    assert _dark_pixels(out, 0) > 0.5 * _dark_pixels(dialog.built.pdf, 0) > 0


def test_catalogue_preview(make_dialog, qtbot):
    dialog = make_dialog(Selection())
    o = dialog.options
    o.doc_combo.setCurrentIndex(o.doc_combo.findData("catalogue"))
    assert not dialog.check_button.isEnabled() and not o.template_combo.isVisible()
    o.rb_section.setChecked(True)
    o.section_combo.setCurrentIndex(o.section_combo.findData("s1-road"))
    o.lang_combo.setCurrentIndex(o.lang_combo.findData("zh"))
    click(qtbot, dialog.preview_button)
    run(dialog)
    assert dialog.document.pageCount() >= 4          # cover, contents, section, entries …
    assert dialog.status_label.text().startswith("Preview: catalogue of ")
    assert "图录" in dialog.document.getAllText(0).text()


def test_switching_the_ui_language_translates_the_dialog(make_dialog, qtbot):
    dialog = make_dialog(Selection(accessions=("HY1944.0001", "HY1944.0002")))
    click(qtbot, dialog.preview_button)
    run(dialog)
    english = (dialog.windowTitle(), dialog.preview_button.text(), dialog.status_label.text(),
               dialog.options.template_label.text(), dialog.options.setup_combo.currentText())
    i18n.set_language("zh", remember=False)
    QApplication.processEvents()
    assert dialog.windowTitle() == "打印标签和图录"
    assert dialog.preview_button.text() == "预览(&P)"
    assert dialog.status_label.text() == "预览:2 张标签,共 1 页"
    assert dialog.options.template_label.text() == "模板(&T):"
    assert "标签纸" in dialog.options.setup_combo.currentText()
    assert dialog.tabs.tabText(1) == "检查结果"
    i18n.set_language("en", remember=False)
    QApplication.processEvents()
    assert (dialog.windowTitle(), dialog.preview_button.text(), dialog.status_label.text(),
            dialog.options.template_label.text(), dialog.options.setup_combo.currentText()) == english


def test_keyboard_escape_cancels_a_running_job_then_closes(make_dialog, qtbot, monkeypatch):
    slow_draw = labels_mod.draw
    monkeypatch.setattr(labels_mod, "draw", lambda *a, **kw: (time.sleep(0.05), slow_draw(*a, **kw))[1])
    dialog = make_dialog(Selection(everything=True))
    dialog.options.rb_all.setChecked(True)
    dialog.runner.progress.connect(lambda *_: qtbot.keyClick(dialog, Qt.Key.Key_Escape))
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Return)      # Preview is the default button
    run(dialog)
    assert dialog.isVisible() and "Cancelled" in dialog.status_label.text()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_render_screenshots(archive, tmp_path, qapp):
    from ui.printing import render_screenshots

    shots = render_screenshots(tmp_path, archive)
    assert [p.name for p in shots] == ["print-dialog-zh-1366x768.png", "print-dialog-en-1366x768.png"]
    from PySide6.QtGui import QImage
    for p in shots:
        assert QImage(str(p)).size().width() == 1366


def test_closing_the_curator_window_stops_a_running_job(qtbot, archive, monkeypatch):
    slow_draw = labels_mod.draw
    monkeypatch.setattr(labels_mod, "draw", lambda *a, **kw: (time.sleep(0.05), slow_draw(*a, **kw))[1])
    ensure_cjk_font()
    window = QWidget()
    window.show()
    dialog = open_print_dialog(window, archive, [], None)
    dialog.options.rb_all.setChecked(True)
    dialog.preview()
    assert dialog.runner.is_running()
    window.close()
    assert not dialog.runner.is_running()
    window.deleteLater()                       # takes the dialog with it: no running thread left behind
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
