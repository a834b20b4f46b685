"""The first curator window, offscreen: browse, search, read a record."""
from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402

from ui.curator import CuratorWindow  # noqa: E402
from ui.qtfonts import ensure_cjk_font  # noqa: E402


@pytest.fixture
def window(qtbot, archive):
    ensure_cjk_font()
    w = CuratorWindow(archive)
    qtbot.addWidget(w)
    w.show()
    yield w
    w.close()


def titles(w) -> list[str]:
    m = w.model
    return [m.data(m.index(r, 1), Qt.ItemDataRole.DisplayRole) for r in range(m.rowCount())]


def test_opens_on_objects(window):
    assert window.model.rowCount() >= 40
    assert window.count_label.text().startswith(str(window.model.rowCount()))
    assert window.detail.toPlainText()  # the first record is shown


def type_chinese(widget, text: str) -> None:
    """Chinese arrives through the input method as a committed string, not as key presses."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def test_search_as_you_type(window, qtbot):
    window.search_box.setFocus()
    type_chinese(window.search_box, "钢盔")
    qtbot.waitUntil(lambda: window.model.rowCount() < 40, timeout=3000)
    assert any("钢盔" in t for t in titles(window))


def test_search_by_pinyin_keys(window, qtbot):
    qtbot.keyClicks(window.search_box, "fang xianjue")
    window.navigator.setCurrentRow(4)  # people
    qtbot.waitUntil(lambda: window.model.rowCount() >= 1, timeout=3000)
    assert titles(window)[0] == "方先觉"
    assert "找到" in window.count_label.text()


def test_navigator_switches_record_type(window):
    window.navigator.setCurrentRow(4)  # people
    assert "方先觉" in titles(window)


def test_screenshot_has_chinese(window, tmp_path):
    from PySide6.QtGui import QFontDatabase

    path = tmp_path / "curator.png"
    assert window.grab().save(str(path))
    assert QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
