"""Search for records of one type and pick one or more of them (to link them)."""
from __future__ import annotations

from typing import Iterable

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from exhibit import search, services
from exhibit.archive import Archive
from exhibit.errors import ExhibitError

# Rows listed while the search box is empty, and hits shown for a search:
# enough to browse, few enough to build instantly on a 100,000-object archive.
LIST_LIMIT = 200
SEARCH_LIMIT = 200
DEBOUNCE_MS = 250


class RecordPicker(QDialog):
    """Pick records of `record_type`: type to search, select several, OK.

    Records in `exclude` (already linked) are listed greyed out so the
    curator sees why they cannot be picked again.
    """

    def __init__(self, archive: Archive, record_type: str, parent: QWidget | None = None,
                 exclude: Iterable[int] = ()) -> None:
        super().__init__(parent)
        self.archive = archive
        self.record_type = record_type
        self._exclude = set(exclude)
        self.resize(720, 520)

        self.search_label = QLabel()
        self.search_box = QLineEdit()
        self.search_box.setClearButtonEnabled(True)
        self.search_label.setBuddy(self.search_box)
        # Debounce: search when the curator pauses typing, not on every key.
        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._debounce.timeout.connect(self.refresh)
        self.search_box.textChanged.connect(lambda _text: self._debounce.start())

        self.results = QTreeWidget()
        self.results.setRootIsDecorated(False)
        self.results.setColumnCount(3)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.results.setAlternatingRowColors(True)
        self.results.setColumnWidth(0, 130)
        self.results.setColumnWidth(1, 240)
        self.results.itemSelectionChanged.connect(self._update_buttons)
        self.results.itemDoubleClicked.connect(self._double_clicked)

        self.count_label = QLabel()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.search_label)
        layout.addWidget(self.search_box)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.count_label)
        layout.addWidget(self.buttons)
        self.setTabOrder(self.search_box, self.results)
        self.setTabOrder(self.results, self.buttons)

        self.retranslate()
        self.refresh()
        self.search_box.setFocus()

    # ------------------------------------------------------------ text

    def retranslate(self) -> None:
        from ui.curator.editor.links import type_label  # one set of type names for both widgets

        what = type_label(self.record_type)
        self.setWindowTitle(self.tr("Choose %1").replace("%1", what))
        self.search_label.setText(self.tr("&Search %1:").replace("%1", what))
        self.search_box.setPlaceholderText(self.tr("Chinese, pinyin, English or identifier"))
        self.search_box.setAccessibleName(self.tr("Search"))
        self.results.setHeaderLabels([self.tr("Identifier"), self.tr("Chinese"), self.tr("English")])
        self.results.setAccessibleName(self.tr("Records found"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Link"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self._update_count()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ------------------------------------------------------------ results

    def refresh(self) -> None:
        """List the records (empty box) or the search hits for what was typed."""
        self._debounce.stop()
        text = self.search_box.text().strip()
        rows: list[tuple[int, str, str, str]] = []
        self._total = ""
        try:
            if text:
                result = search.search(self.archive.db, text, record_types=[self.record_type],
                                       limit=SEARCH_LIMIT)
                rows = [(h.record_id, h.ident, h.title_zh, h.title_en) for h in result.hits]
                self._total = result.total_text()
            else:
                for record in services.list_records(self.archive, self.record_type, limit=LIST_LIMIT):
                    zh, en = record.title_pair()
                    ident = getattr(record, record.IDENT, "") if record.IDENT else ""
                    rows.append((record.id, str(ident or ""), zh, en))
        except ExhibitError as exc:
            self.count_label.setText(str(exc))
            return
        self.results.clear()
        for record_id, ident, zh, en in rows:
            item = QTreeWidgetItem([ident, zh, en])
            item.setData(0, Qt.ItemDataRole.UserRole, record_id)
            if record_id in self._exclude:
                item.setFlags(Qt.ItemFlag.NoItemFlags)
                item.setToolTip(0, self.tr("Already linked"))
            self.results.addTopLevelItem(item)
        self._shown = len(rows)
        self._update_count()
        self._update_buttons()

    def _update_count(self) -> None:
        shown = getattr(self, "_shown", 0)
        if not self.search_box.text().strip():
            self.count_label.setText(self.tr("%n record(s) listed", "", shown))
        elif shown == 0:
            self.count_label.setText(self.tr("Nothing found"))
        else:
            self.count_label.setText(self.tr("%1 found").replace("%1", self._total))

    def _update_buttons(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.selected_ids()))

    def _double_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        if item.flags() & Qt.ItemFlag.ItemIsEnabled:
            self.results.setCurrentItem(item)
            item.setSelected(True)
            self.accept()

    def selected_ids(self) -> list[int]:
        """The picked record ids, in list order."""
        out = []
        for row in range(self.results.topLevelItemCount()):
            item = self.results.topLevelItem(row)
            if item.isSelected() and item.flags() & Qt.ItemFlag.ItemIsEnabled:
                out.append(int(item.data(0, Qt.ItemDataRole.UserRole)))
        return out

    def done(self, result: int) -> None:
        # A pending search must not run after the dialog (or the archive) is gone.
        self._debounce.stop()
        super().done(result)

    def closeEvent(self, event) -> None:
        self._debounce.stop()
        super().closeEvent(event)

    # ------------------------------------------------------------ one call

    @staticmethod
    def pick(parent: QWidget | None, archive: Archive, record_type: str,
             exclude: Iterable[int] = ()) -> list[int]:
        """Show the picker modally; the ids chosen, or [] if cancelled. Tests patch this."""
        dialog = RecordPicker(archive, record_type, parent, exclude)
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted:
                return dialog.selected_ids()
            return []
        finally:
            dialog.deleteLater()
