"""File → Museum…: the curator sets the museum that exports name, and a refused value changes nothing."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from exhibit import institution
from ui.common import i18n
from ui.common.qtfonts import ensure_cjk_font
from ui.curator.museum_dialog import MuseumDialog
from ui.curator.window import CuratorWindow


def test_the_museum_dialog_from_the_file_menu_saves_the_values(qtbot, archive):
    ensure_cjk_font()
    i18n.set_language("en", remember=False)
    window = CuratorWindow(archive)
    window.show()
    try:
        assert window.act_museum in window.menu_file.actions()
        dialog = window.open_museum()
        qtbot.addWidget(dialog)
        # It opens on what the archive holds: the sample's own, marked as a sample.
        assert "(sample)" in dialog.fields["museum.name_en"].text()
        dialog.fields["museum.name_zh"].setText("湘南民俗博物馆")
        dialog.fields["museum.name_en"].setText("South Hunan Folk Museum")
        dialog.fields["museum.isil"].setText("CN-HN01")
        qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save),
                         Qt.MouseButton.LeftButton)
        assert not dialog.isVisible()
        museum = institution.institution(archive)
        assert (museum.name_zh, museum.name_en, museum.isil) == ("湘南民俗博物馆", "South Hunan Folk Museum", "CN-HN01")
    finally:
        window.close()
        window.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_a_refused_value_keeps_the_dialog_open_and_the_archive_unchanged(qtbot, archive):
    before = institution.settings(archive)
    dialog = MuseumDialog(archive)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.fields["museum.name_zh"].setText("别的馆")
    dialog.fields["museum.name_en"].setMaxLength(institution.MAX_LENGTH + 10)
    dialog.fields["museum.name_en"].setText("x" * (institution.MAX_LENGTH + 1))
    assert dialog.save() is False
    assert dialog.isVisible() and "museum.name_en" in dialog.error.text()
    assert institution.settings(archive) == before
