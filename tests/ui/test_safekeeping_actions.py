"""File menu: back up now, check the archive, restore from a backup (the window closes, the app restores)."""
from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from exhibit import services
from exhibit.archive import Archive
from exhibit.keeping import backups
from ui.common import i18n
from ui.curator.window import CuratorWindow


@pytest.fixture
def window(qtbot, archive, monkeypatch):
    from ui.curator.editor.forms import RecordForm

    monkeypatch.setattr(RecordForm, "ask", staticmethod(lambda *a: QMessageBox.StandardButton.Discard))
    i18n.set_language("en", remember=False)
    w = CuratorWindow(archive)
    told: list[tuple[str, str]] = []
    w.safekeeping.inform = lambda parent, title, text: told.append((title, text))
    w.told = told
    w.show()
    yield w
    w.close()
    w.deleteLater()  # a closed window still hears language changes until it is deleted
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def menu_texts(w) -> list[str]:
    return [a.text() for a in w.menu_file.actions() if a.text()]


def test_file_menu_offers_backup_check_restore_and_print(window):
    texts = menu_texts(window)
    for wanted in ("&Back up now", "&Check the archive…", "&Restore from a backup…",
                   "&Print labels or catalogue…", "&Quit"):
        assert wanted in texts
    assert texts[-1] == "&Quit"
    i18n.set_language("zh", remember=False)
    QApplication.processEvents()
    try:
        assert "立即备份(&B)" in menu_texts(window) and "从备份恢复(&R)…" in menu_texts(window)
    finally:
        i18n.set_language("en", remember=False)
        QApplication.processEvents()


def test_back_up_now_writes_a_verified_backup(window, archive):
    before = len(backups.backups(archive))
    window.safekeeping.act_backup.trigger()
    found = backups.backups(archive)
    assert len(found) == before + 1 and found[0].reason == "manual"
    assert backups.integrity_problems(found[0].path) == []
    title, text = window.told[-1]
    assert title == "Backed up" and str(found[0].path) in text


def test_an_idle_window_backs_up_on_its_own_and_says_so(qtbot, window, archive, monkeypatch):
    from ui.keeping import actions

    monkeypatch.setattr(actions, "IDLE_AFTER_MS", 0)  # idle long enough already
    before = len(backups.backups(archive))
    keeping = window.safekeeping
    keeping.backup_finished.connect(keeping.idle_timer.stop)  # one backup is enough here
    with qtbot.waitSignal(keeping.backup_finished, timeout=60_000) as said:
        keeping.idle_timer.setInterval(10)
    found = backups.backups(archive)
    assert len(found) == before + 1 and found[0].reason == "auto"
    assert backups.integrity_problems(found[0].path) == []
    assert said.args == [f"Automatic backup written: {found[0].path.name}"]
    assert window.statusBar().currentMessage() == said.args[0]


def test_check_reports_a_sound_archive_and_a_missing_image(window, archive):
    window.safekeeping.check_archive()
    assert window.told[-1][1].startswith("No problems found")
    media = services.list_records(archive, "media")[0]
    (archive.media_root / media.path).unlink()
    window.safekeeping.check_archive()
    title, text = window.told[-1]
    assert text.startswith("Problems found:") and media.path.split("/")[-1][:12] in text


def test_restore_closes_the_window_and_the_app_restores_the_backup(qtbot, window, archive):
    from ui.app import open_archive

    obj = services.object_by_accession(archive, "HY1944.0004")
    backups.make_backup(archive, "manual")
    services.update(archive, replace(obj, name_en="Renamed after the backup"))
    window.safekeeping.choose = lambda parent, title, label, items: 0   # the newest
    window.safekeeping.confirm = lambda parent, title, text: True
    window.safekeeping.restore_from_backup()
    chosen = window.safekeeping.restore_requested
    assert chosen is not None and not window.isVisible()
    root = archive.root
    archive.close()
    shown: list[str] = []
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(QMessageBox, "information", staticmethod(lambda parent, title, text: shown.append(text)))
        reopened = open_archive(root, False, chosen)
    try:
        assert reopened is not None and not reopened.readonly
        assert services.object_by_accession(reopened, "HY1944.0004").name_en == obj.name_en
        assert shown and "restored from" in shown[0]
    finally:
        reopened.close()
        # The archive fixture closes its (already closed) archive again: give it an open one.
        archive.db = Archive.open(root).db


def test_print_action_offers_the_selected_objects(qtbot, window, archive):
    window.select("object", services.object_by_accession(archive, "HY1944.0004").id)
    dialog = window.open_print()
    try:
        assert dialog.isVisible()
        assert dialog.options.accessions == ["HY1944.0004"] and dialog.options.rb_selected.isChecked()
    finally:
        dialog.close()


def test_import_and_export_from_the_file_menu(qtbot, window, archive):
    texts = menu_texts(window)
    assert "&Import a spreadsheet…" in texts and "E&xport…" in texts
    wizard = window.open_import()
    try:
        assert wizard.isVisible()
    finally:
        wizard.close()
    window.select("object", services.object_by_accession(archive, "HY1944.0004").id)
    dialog = window.open_export()
    try:
        assert dialog.isVisible()
    finally:
        dialog.close()
