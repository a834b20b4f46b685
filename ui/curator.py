"""The curator window: browse every record type, search as you type, read a record.

A first version over the core's services: the navigator, a list per record
type, debounced search and a read-only detail pane. Editing, linking, media
and undo build on it (issue #3).
"""
from __future__ import annotations

import html

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (QLabel, QLineEdit, QListWidget, QListWidgetItem, QMainWindow,
                               QSplitter, QTableView, QTextBrowser, QVBoxLayout, QWidget)

from exhibit import media_library, search, services, vocab
from exhibit.archive import Archive
from exhibit.records import Record

RECORD_TYPES = ("object", "media", "section", "panel", "person", "place", "event", "source")


def type_label(record_type: str) -> str:
    from PySide6.QtCore import QCoreApplication

    labels = {
        "object": QCoreApplication.translate("Curator", "藏品 Objects"),
        "media": QCoreApplication.translate("Curator", "图像 Media"),
        "section": QCoreApplication.translate("Curator", "单元 Sections"),
        "panel": QCoreApplication.translate("Curator", "展板 Panels"),
        "person": QCoreApplication.translate("Curator", "人物 People"),
        "place": QCoreApplication.translate("Curator", "地点 Places"),
        "event": QCoreApplication.translate("Curator", "事件 Events"),
        "source": QCoreApplication.translate("Curator", "文献 Sources"),
    }
    return labels[record_type]


class RecordListModel(QAbstractTableModel):
    """Rows of one record type (or of search hits): identifier, Chinese title, English title."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, int, str, str, str]] = []

    def set_records(self, records: list[Record]) -> None:
        self.beginResetModel()
        self._rows = []
        for r in records:
            zh, en = r.title_pair()
            ident = getattr(r, r.IDENT, "") if r.IDENT else ""
            self._rows.append((r.TYPE, r.id, str(ident or ""), zh, en))
        self.endResetModel()

    def set_hits(self, hits: list[search.Hit]) -> None:
        self.beginResetModel()
        self._rows = [(h.record_type, h.record_id, h.ident, h.title_zh, h.title_en) for h in hits]
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 3

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._rows[index.row()][index.column() + 2]
        if role == Qt.ItemDataRole.UserRole:
            return self._rows[index.row()][:2]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("编号 No."), self.tr("中文 Chinese"), self.tr("英文 English"))[section]
        return None


class CuratorWindow(QMainWindow):
    def __init__(self, archive: Archive) -> None:
        super().__init__()
        self.archive = archive
        self.setWindowTitle(self.tr("Exhibit — 衡阳保卫战 档案"))
        self.resize(1366, 768)

        self.navigator = QListWidget()
        self.navigator.setAccessibleName(self.tr("记录类型 Record types"))
        for record_type in RECORD_TYPES:
            item = QListWidgetItem(type_label(record_type))
            item.setData(Qt.ItemDataRole.UserRole, record_type)
            self.navigator.addItem(item)
        self.navigator.setMaximumWidth(200)

        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText(self.tr("搜索:中文、拼音、英文或总登记号 Search"))
        self.search_box.setAccessibleName(self.tr("搜索 Search"))
        self.search_box.setClearButtonEnabled(True)
        # Debounce: search once the curator pauses typing, not on every key.
        self._debounce = QTimer(self, singleShot=True, interval=250)
        self._debounce.timeout.connect(self.run_search)
        self.search_box.textChanged.connect(lambda _: self._debounce.start())

        self.model = RecordListModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 120)
        self.table.setColumnWidth(1, 240)
        self.table.setAccessibleName(self.tr("记录列表 Records"))
        self.table.selectionModel().currentRowChanged.connect(self._show_current)

        self.detail = QTextBrowser()
        self.detail.setAccessibleName(self.tr("记录详情 Record details"))

        middle = QWidget()
        layout = QVBoxLayout(middle)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search_box)
        layout.addWidget(self.table)

        splitter = QSplitter()
        splitter.addWidget(self.navigator)
        splitter.addWidget(middle)
        splitter.addWidget(self.detail)
        splitter.setSizes([180, 640, 540])
        self.setCentralWidget(splitter)

        self.count_label = QLabel()
        self.statusBar().addPermanentWidget(self.count_label)
        self.navigator.currentRowChanged.connect(lambda _: self.show_type(self.current_type()))
        self.navigator.setCurrentRow(0)

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        # A pending debounced search must not run against a closed archive.
        self._debounce.stop()
        super().closeEvent(event)

    def current_type(self) -> str:
        item = self.navigator.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else "object"

    def show_type(self, record_type: str) -> None:
        if self.search_box.text().strip():
            self.run_search()
            return
        records = services.list_records(self.archive, record_type)
        self.model.set_records(records)
        self.count_label.setText(self.tr("%n 条记录 records", "", len(records)))
        if records:
            self.table.selectRow(0)
        else:
            self.detail.clear()

    def run_search(self) -> None:
        text = self.search_box.text().strip()
        if not text:
            self.show_type(self.current_type())
            return
        result = search.search(self.archive.db, text, record_types=[self.current_type()], limit=500)
        self.model.set_hits(result.hits)
        self.count_label.setText(self.tr("找到 %1 条 found").replace("%1", result.total_text()))
        if result.hits:
            self.table.selectRow(0)
        else:
            self.detail.clear()

    def _show_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        record_type, record_id = self.model.data(current, Qt.ItemDataRole.UserRole)
        try:
            record = services.get(self.archive, record_type, record_id)
        except Exception as exc:  # deleted elsewhere: say so, don't crash
            self.detail.setPlainText(str(exc))
            return
        self.detail.setHtml(self._record_html(record))

    def _record_html(self, record: Record) -> str:
        zh, en = record.title_pair()
        parts = [f"<h2>{html.escape(zh)}</h2>", f"<h3>{html.escape(en)}</h3>" if en and en != zh else ""]
        thumb = media_library.primary_media(self.archive, record.TYPE, record.id)
        if thumb is not None:
            path = media_library.derivative(self.archive, thumb, "thumb")
            parts.append(f'<p><img src="{html.escape(path.as_uri())}" width="256"></p>')
        parts.append("<table cellspacing='4'>")
        for name, value in record.as_row().items():
            if value in ("", None) or name in ("id", "is_sample", "created", "modified") or name.endswith(("_start", "_end")):
                continue
            if name in record.VOCAB:
                value = " / ".join(dict.fromkeys(
                    vocab.label(self.archive.db, record.VOCAB[name], value, lang) for lang in ("zh", "en")))
            text = html.escape(str(value)).replace("\n", "<br>")
            parts.append(f"<tr><td valign='top'><b>{html.escape(name)}</b></td><td>{text}</td></tr>")
        parts.append("</table>")
        return "".join(parts)
