"""The exhibition's structure: sections in order, each with its panels in order.

Drag a section among the sections, drag a panel within its section or onto
another section, or use Alt+Up / Alt+Down on the selected row. Qt never moves
the rows itself: each drop becomes one `ui.curator.commands.links` edit (undoable),
the hub announces it and the tree is rebuilt from the archive.

The first column shows each title in the window's language (the other
language where a record has none), the second the title in the other
language, the third the code; the headers are the fields' names in
exhibit.names. A change of language rebuilds the tree.
"""
from __future__ import annotations

import json

from PySide6.QtCore import QByteArray, QEvent, QMimeData, QPoint, Qt, Signal
from PySide6.QtGui import QDrag, QUndoStack
from PySide6.QtWidgets import QAbstractItemView, QTreeWidget, QTreeWidgetItem, QWidget

from exhibit import services
from exhibit.archive import Archive
from exhibit.errors import ExhibitError
from exhibit.records import Record
from ui.common import naming
from ui.common.events import events
from ui.common.plaintext import tip
from ui.curator.commands import links as link_commands

STRUCTURE_MIME = "application/x-exhibit-structure"
TYPE_ROLE = Qt.ItemDataRole.UserRole
ID_ROLE = Qt.ItemDataRole.UserRole + 1
NO_SECTION = -1  # the id stored on the group of panels that belong to no section

Ref = tuple[str, int | None]


def _title(record: Record) -> str:
    """The title in the window's language, else the other one (display_title falls back)."""
    return record.display_title(naming.lang())


def _other_title(record: Record) -> str:
    """The title in the other language, when it is not the one already shown."""
    zh, en = record.title_pair()
    other = en if naming.lang() == "zh" else zh
    return other if other != _title(record) else ""


class StructureTree(QTreeWidget):
    """Sections and their panels; selecting a row emits open_record(type, id)."""

    open_record = Signal(str, int)
    problem = Signal(str)  # an edit was refused: the message for the status bar

    def __init__(self, archive: Archive, stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.archive = archive
        self.stack = stack
        self._reloading = False
        self._stale = False
        self._collapsed: set[int] = set()
        self.last_problem = ""

        self.setColumnCount(3)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setAlternatingRowColors(True)
        self.setUniformRowHeights(True)
        self.setStyleSheet("QTreeView::item { padding: 3px 2px; }")  # comfortable targets
        self.header().setStretchLastSection(True)
        self.setColumnWidth(0, 260)
        self.setColumnWidth(1, 300)

        self.currentItemChanged.connect(self._current_changed)
        self.itemCollapsed.connect(lambda item: self._collapsed.add(self.ref(item)[1] or NO_SECTION))
        self.itemExpanded.connect(lambda item: self._collapsed.discard(self.ref(item)[1] or NO_SECTION))
        hub = events()
        hub.records_changed.connect(self._records_changed)
        # Bound methods, not lambdas: Qt disconnects them when the tree is destroyed.
        hub.record_deleted.connect(self._record_deleted)
        self.retranslate()
        self.reload()

    # ------------------------------------------------------------ text

    def retranslate(self) -> None:
        other = "en" if naming.lang() == "zh" else "zh"
        self.setHeaderLabels([naming.field_name("section", "title"),
                              naming.field_name("section", f"title_{other}"),
                              naming.field_name("section", "code")])
        self.setAccessibleName(self.tr("Exhibition structure"))
        self.setAccessibleDescription(self.tr(
            "Sections and their panels in exhibition order. Alt+Up and Alt+Down move the selected row."))
        self.setToolTip(self.tr("Drag to reorder, or press Alt+Up / Alt+Down"))
        for row in range(self.topLevelItemCount()):
            item = self.topLevelItem(row)
            if self.ref(item)[1] is None:
                item.setText(0, self.tr("No section"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self._records_changed("section", [])  # the titles follow the language too (now, or when shown)
        super().changeEvent(event)

    # ------------------------------------------------------------ contents

    @staticmethod
    def ref(item: QTreeWidgetItem) -> Ref:
        record_id = item.data(0, ID_ROLE)
        return (item.data(0, TYPE_ROLE), None if record_id == NO_SECTION else int(record_id))

    def reload(self) -> None:
        """Rebuild from the archive, keeping the selection, expansion and scroll position."""
        current = self.ref(self.currentItem()) if self.currentItem() else None
        scroll = self.verticalScrollBar().value()
        self._reloading = True
        try:
            self.clear()
            sections = services.list_records(self.archive, "section")
            panels = services.list_records(self.archive, "panel")
            known = {s.id for s in sections}
            groups: list[tuple[Ref, list[str]]] = [
                (("section", s.id), [f"{n}  {_title(s)}", _other_title(s), s.code])
                for n, s in enumerate(sections, 1)]
            if any(p.section_id not in known for p in panels):
                groups.append((("section", None), [self.tr("No section"), "", ""]))
            for number, (ref, texts) in enumerate(groups, 1):
                item = self._item(ref, texts)
                font = item.font(0)
                font.setBold(True)
                for column in range(3):
                    item.setFont(column, font)
                if ref[1] is None:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsDragEnabled)
                self.addTopLevelItem(item)
                mine = [p for p in panels if (p.section_id if p.section_id in known else None) == ref[1]]
                for k, panel in enumerate(mine, 1):
                    prefix = f"{number}.{k}  " if ref[1] is not None else ""
                    item.addChild(self._item(("panel", panel.id),
                                             [prefix + _title(panel), _other_title(panel), panel.code]))
                item.setExpanded((ref[1] or NO_SECTION) not in self._collapsed)
            if current is not None:
                found = self.item_for(*current)
                if found is not None:
                    self.setCurrentItem(found)
            self.verticalScrollBar().setValue(scroll)
        finally:
            self._reloading = False

    def _item(self, ref: Ref, texts: list[str]) -> QTreeWidgetItem:
        item = QTreeWidgetItem(texts)
        item.setData(0, TYPE_ROLE, ref[0])
        item.setData(0, ID_ROLE, NO_SECTION if ref[1] is None else ref[1])
        for column, text in enumerate(texts):
            item.setToolTip(column, tip(text))
        flags = item.flags() | Qt.ItemFlag.ItemIsDragEnabled
        if ref[0] == "section":
            flags |= Qt.ItemFlag.ItemIsDropEnabled
        else:
            flags &= ~Qt.ItemFlag.ItemIsDropEnabled
        item.setFlags(flags)
        return item

    def item_for(self, record_type: str, record_id: int | None) -> QTreeWidgetItem | None:
        for row in range(self.topLevelItemCount()):
            top = self.topLevelItem(row)
            if (record_type, record_id) == self.ref(top):
                return top
            for k in range(top.childCount()):
                if (record_type, record_id) == self.ref(top.child(k)):
                    return top.child(k)
        return None

    def select_record(self, record_type: str, record_id: int) -> None:
        found = self.item_for(record_type, record_id)
        if found is not None:
            self.setCurrentItem(found)
            self.scrollToItem(found)

    def section_ids(self) -> list[int]:
        """The sections in the order shown."""
        refs = [self.ref(self.topLevelItem(r)) for r in range(self.topLevelItemCount())]
        return [i for _, i in refs if i is not None]

    def panel_ids(self, section_id: int | None) -> list[int]:
        """The panels of one section in the order shown."""
        top = self.item_for("section", section_id)
        return [self.ref(top.child(k))[1] for k in range(top.childCount())] if top else []

    def _current_changed(self, current: QTreeWidgetItem | None, _previous) -> None:
        if self._reloading or current is None:
            return
        record_type, record_id = self.ref(current)
        if record_id is not None:
            self.open_record.emit(record_type, record_id)

    # ------------------------------------------------------------ hub

    def _records_changed(self, record_type: str, _ids: list) -> None:
        if record_type not in ("section", "panel"):
            return
        if not self.isVisible():
            self._stale = True  # hidden (or closed): rebuild when shown again
            return
        self.reload()

    def _record_deleted(self, record_type: str, _record_id: int) -> None:
        self._records_changed(record_type, [])

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.reload()

    # ------------------------------------------------------------ edits

    def _edit(self, action, *args) -> bool:
        self.last_problem = ""
        try:
            return bool(action(self.stack, self.archive, *args))
        except ExhibitError as exc:
            self.last_problem = str(exc)
            self.problem.emit(str(exc))
            return False

    def move_section(self, section_id: int, index: int) -> bool:
        order = self.section_ids()
        if section_id not in order:
            return False
        old = order.index(section_id)
        order.remove(section_id)
        order.insert(max(0, min(index if index <= old else index - 1, len(order))), section_id)
        return self._edit(link_commands.reorder, "section", order)

    def move_panel(self, panel_id: int, section_id: int | None, index: int | None = None) -> bool:
        """Move a panel to row `index` of a section (counted with the panel still in place)."""
        item = self.item_for("panel", panel_id)
        if item is None:
            return False
        current_section = self.ref(item.parent())[1]
        if index is not None and current_section == section_id:
            old = self.panel_ids(section_id).index(panel_id)
            if old < index:
                index -= 1
        return self._edit(link_commands.move_panel, panel_id, section_id, index)

    def move_selected(self, delta: int) -> bool:
        """Alt+Up / Alt+Down: the selected section or panel one place up or down."""
        item = self.currentItem()
        if item is None:
            return False
        record_type, record_id = self.ref(item)
        if record_id is None:
            return False
        if record_type == "section":
            order = self.section_ids()
            row = order.index(record_id)
            if not 0 <= row + delta < len(order):
                return False
            order.insert(row + delta, order.pop(row))
            return self._edit(link_commands.reorder, "section", order)
        section_id = self.ref(item.parent())[1]
        siblings = self.panel_ids(section_id)
        row = siblings.index(record_id)
        if 0 <= row + delta < len(siblings):
            return self._edit(link_commands.move_panel, record_id, section_id, row + delta)
        # Past the first or last panel: into the neighbouring section.
        sections = self.section_ids()
        if section_id not in sections:
            return False
        neighbour = sections.index(section_id) + (1 if delta > 0 else -1)
        if not 0 <= neighbour < len(sections):
            return False
        target = sections[neighbour]
        return self._edit(link_commands.move_panel, record_id, target,
                          0 if delta > 0 else len(self.panel_ids(target)))

    def keyPressEvent(self, event) -> None:
        if event.modifiers() == Qt.KeyboardModifier.AltModifier and \
                event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.move_selected(-1 if event.key() == Qt.Key.Key_Up else 1)
            event.accept()
            return
        super().keyPressEvent(event)

    # ------------------------------------------------------------ drag and drop

    def mimeTypes(self) -> list[str]:
        return [STRUCTURE_MIME]

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeData(self, items: list[QTreeWidgetItem]) -> QMimeData:
        mime = QMimeData()
        if items:
            record_type, record_id = self.ref(items[0])
            mime.setData(STRUCTURE_MIME, QByteArray(json.dumps(
                {"type": record_type, "id": record_id}).encode("utf-8")))
        return mime

    @staticmethod
    def dragged(mime: QMimeData) -> tuple[str, int] | None:
        if not mime.hasFormat(STRUCTURE_MIME):
            return None
        try:
            data = json.loads(bytes(mime.data(STRUCTURE_MIME).data()).decode("utf-8"))
            return (str(data["type"]), int(data["id"]))
        except (ValueError, KeyError, TypeError):
            return None

    def startDrag(self, _actions: Qt.DropAction) -> None:
        # The drop changes the archive and the tree is rebuilt from it, so Qt
        # must not move or remove the dragged row itself.
        item = self.currentItem()
        if item is None or not item.flags() & Qt.ItemFlag.ItemIsDragEnabled:
            return
        drag = QDrag(self)
        drag.setMimeData(self.mimeData([item]))
        drag.exec(Qt.DropAction.MoveAction, Qt.DropAction.MoveAction)

    def dragEnterEvent(self, event) -> None:
        self._drag_over(event, super().dragEnterEvent)

    def dragMoveEvent(self, event) -> None:
        self._drag_over(event, super().dragMoveEvent)

    def _drag_over(self, event, base) -> None:
        """Accept our own rows; Qt's InternalMove handling draws the indicator and scrolls."""
        if self.dragged(event.mimeData()) is None:
            event.ignore()
            return
        base(event)
        event.setDropAction(Qt.DropAction.MoveAction)
        event.accept()

    def dropEvent(self, event) -> None:
        self.setState(QAbstractItemView.State.NoState)
        self.viewport().update()
        ref = self.dragged(event.mimeData())
        if ref is None:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.MoveAction)
        event.accept()
        self.drop(ref, event.position().toPoint())

    def drop(self, ref: tuple[str, int], pos: QPoint) -> bool:
        """Apply a drop of `ref` at viewport position `pos` (one undoable edit)."""
        item = self.itemAt(pos)
        record_type, record_id = ref
        if record_type == "section":
            order = self.section_ids()
            if item is None:
                return self.move_section(record_id, len(order))
            section_item = item if item.parent() is None else item.parent()
            target = self.ref(section_item)[1]
            if target is None:
                return self.move_section(record_id, len(order))
            rect = self.visualItemRect(section_item)
            before = item is section_item and pos.y() < rect.center().y()
            return self.move_section(record_id, order.index(target) + (0 if before else 1))
        if item is None:
            return False
        if item.parent() is None:  # onto a section: at its end
            return self.move_panel(record_id, self.ref(item)[1], None)
        parent = item.parent()
        rect = self.visualItemRect(item)
        index = parent.indexOfChild(item) + (1 if pos.y() > rect.center().y() else 0)
        return self.move_panel(record_id, self.ref(parent)[1], index)
