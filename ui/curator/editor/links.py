"""The links of one record: which objects a panel shows, who took part in an event …

One list per kind of link that makes sense for the record's type, in the
order the kiosk shows them. Outgoing links can be added (picker or drop),
removed and reordered (drag and drop inside the list, or Alt+Up/Alt+Down);
back-links (the panels that show an object) are read-only here: they are
edited on the record they start from. Every change goes through
`ui.curator.commands.links`, so it is one undo step.

Records travel between widgets as RECORDS_MIME: JSON [{"type": …, "id": …}].
The main record list produces it with `records_to_mime`, so a record can be
dragged from the list onto this editor to link it.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Iterable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QByteArray, QCoreApplication, QEvent, QMimeData, QPoint, Qt, Signal
from PySide6.QtGui import QDrag, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from exhibit import services
from exhibit.archive import Archive
from exhibit.errors import ExhibitError, NotFoundError
from exhibit.records import Link, Record
from ui.common import naming
from ui.common.drops import CopyDrops
from ui.common.events import events
from ui.common.plaintext import tip
from ui.curator.commands import links as link_commands

RECORDS_MIME = "application/x-exhibit-records"
# A drag that started in one of these lists: which list, so a drop on the same
# list reorders instead of linking.
_ORDER_MIME = "application/x-exhibit-link-order"

RecordRef = tuple[str, int]


# ---------------------------------------------------------------- records as drag data

def _ref(item: Any) -> RecordRef:
    if isinstance(item, Record):
        return (item.TYPE, int(item.id))
    if isinstance(item, dict):
        return (str(item["type"]), int(item["id"]))
    record_type, record_id = item
    return (str(record_type), int(record_id))


def records_to_mime(records: Iterable[Any], mime: QMimeData | None = None) -> QMimeData:
    """Drag data for records: Record objects, (type, id) pairs or {"type", "id"} dicts."""
    mime = mime or QMimeData()
    payload = [{"type": t, "id": i} for t, i in (_ref(r) for r in records)]
    mime.setData(RECORDS_MIME, QByteArray(json.dumps(payload).encode("utf-8")))
    return mime


def records_from_mime(mime: QMimeData | None) -> list[RecordRef]:
    """The (type, id) pairs in drag data; [] for anything else or malformed data."""
    if mime is None or not mime.hasFormat(RECORDS_MIME):
        return []
    try:
        payload = json.loads(bytes(mime.data(RECORDS_MIME).data()).decode("utf-8"))
        return [(str(p["type"]), int(p["id"])) for p in payload]
    except (ValueError, TypeError, KeyError):
        return []


# ---------------------------------------------------------------- which links a record has

def type_label(record_type: str) -> str:
    """The plural name of a record type in the window's language (exhibit.names: 藏品 / Objects)."""
    return naming.type_name(record_type, plural=True)


def role_text(role: str) -> str:
    """A link's role as shown: a role exhibit.names knows by its name, any other as the archive holds it.

    The program itself links records without a role; a role comes from an archive
    file, where it is the archive's own word (content), not a code to translate.
    """
    return naming.value_name("media_role", role)


@dataclass(frozen=True)
class LinkSpec:
    other_type: str      # the type of the records in the list
    backlink: bool       # True: links from other_type to this record, shown read-only
    title: str | None    # untranslated source text of the list's heading; None: other_type's name


def _spec(other: str, title: str | None = None, backlink: bool = False) -> LinkSpec:
    return LinkSpec(other, backlink, title)


# A heading that is just the other type's name ("People") is that name in exhibit.names;
# a phrase ("Objects on this panel") is translated as a sentence.
LINK_SPECS: dict[str, tuple[LinkSpec, ...]] = {
    "panel": (_spec("object", QT_TRANSLATE_NOOP("LinksEditor", "Objects on this panel")),
              _spec("person"), _spec("place"), _spec("event")),
    "object": (_spec("person"), _spec("place"),
               _spec("panel", QT_TRANSLATE_NOOP("LinksEditor", "Shown on panels"), backlink=True)),
    "event": (_spec("person", QT_TRANSLATE_NOOP("LinksEditor", "People involved")),
              _spec("panel", QT_TRANSLATE_NOOP("LinksEditor", "Told on panels"), backlink=True)),
    "person": (_spec("panel", backlink=True), _spec("object", backlink=True),
               _spec("event", backlink=True)),
    "place": (_spec("panel", backlink=True), _spec("object", backlink=True)),
}


def spec_title(spec: LinkSpec) -> str:
    """A link list's heading in the window's language."""
    if spec.title is None:
        return type_label(spec.other_type)
    return QCoreApplication.translate("LinksEditor", spec.title)


def editable_types(record_type: str | None) -> set[str]:
    """The record types a record of `record_type` can link to here."""
    return {s.other_type for s in LINK_SPECS.get(record_type or "", ()) if not s.backlink}


def row_text(record: Record) -> str:
    """Identifier, Chinese and English title side by side."""
    zh, en = record.title_pair()
    ident = getattr(record, record.IDENT, "") if record.IDENT else ""
    parts = [str(ident or ""), zh, en if en != zh else ""]
    return "   ".join(p for p in parts if p)


# ---------------------------------------------------------------- one list

class LinkList(QListWidget):
    """The linked records of one kind; a drag source, and for outgoing links a drop target."""

    REF_ROLE = Qt.ItemDataRole.UserRole
    LINK_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, editor: "LinksEditor", spec: LinkSpec) -> None:
        super().__init__()
        self.editor = editor
        self.spec = spec
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragEnabled(True)
        if spec.backlink:
            self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        else:
            # DragDrop rather than InternalMove: Qt's InternalMove refuses drops from
            # other widgets, and records dragged from the main list must land here.
            # Moves inside the list are handled as reorders in dropEvent.
            self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
            self.setAcceptDrops(True)
            self.setDropIndicatorShown(True)
            self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        # Long bilingual rows are elided (full text in the tooltip), not scrolled sideways.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.itemActivated.connect(self._activated)

    # ------------------------------------------------------------ contents

    def set_rows(self, rows: list[tuple[RecordRef, int | None, str]]) -> None:
        """(record ref, link id, text) per row; keeps the selection of records still listed."""
        selected = {self.ref(i) for i in self.selectedItems()}
        current = self.ref(self.currentItem()) if self.currentItem() else None
        self.clear()
        for ref, link_id, text in rows:
            item = QListWidgetItem(text)
            item.setData(self.REF_ROLE, list(ref))
            item.setData(self.LINK_ROLE, link_id)
            item.setToolTip(tip(text))
            self.addItem(item)
            if ref == current:
                self.setCurrentItem(item)
            if ref in selected:
                item.setSelected(True)
        # Tall enough for the rows (up to 8, then it scrolls), never below two rows.
        row_height = self.sizeHintForRow(0) if rows else self.fontMetrics().height() + 6
        self.setFixedHeight(row_height * max(2, min(len(rows), 8)) + 2 * self.frameWidth() + 4)

    @classmethod
    def ref(cls, item: QListWidgetItem) -> RecordRef:
        record_type, record_id = item.data(cls.REF_ROLE)
        return (record_type, int(record_id))

    def ids(self) -> list[int]:
        return [self.ref(self.item(r))[1] for r in range(self.count())]

    def texts(self) -> list[str]:
        return [self.item(r).text() for r in range(self.count())]

    def selected_links(self) -> list[int]:
        return [int(i.data(self.LINK_ROLE)) for i in self.selectedItems()
                if i.data(self.LINK_ROLE) is not None]

    def _activated(self, item: QListWidgetItem) -> None:
        self.editor.open_record.emit(*self.ref(item))

    # ------------------------------------------------------------ keyboard

    def keyPressEvent(self, event) -> None:
        alt = event.modifiers() == Qt.KeyboardModifier.AltModifier
        if alt and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down) and not self.spec.backlink:
            self.editor.move_selected(self.spec, -1 if event.key() == Qt.Key.Key_Up else 1)
            event.accept()
            return
        if event.matches(QKeySequence.StandardKey.Delete) and not self.spec.backlink:
            self.editor.remove_selected(self.spec)
            event.accept()
            return
        if event.key() == Qt.Key.Key_Insert and not self.spec.backlink:
            self.editor.add_links(self.spec)
            event.accept()
            return
        super().keyPressEvent(event)

    # ------------------------------------------------------------ drag out

    def mimeTypes(self) -> list[str]:
        return [RECORDS_MIME, _ORDER_MIME]

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction | Qt.DropAction.MoveAction

    def mimeData(self, items: list[QListWidgetItem]) -> QMimeData:
        refs = [self.ref(i) for i in items]
        mime = records_to_mime(refs)
        mime.setData(_ORDER_MIME, QByteArray(json.dumps(
            {"list": self._token(), "ids": [i for _, i in refs]}).encode("utf-8")))
        return mime

    def _token(self) -> str:
        return f"{id(self)}:{self.spec.other_type}"

    def startDrag(self, actions: Qt.DropAction) -> None:
        # Our own drag: the drop target changes the archive and the lists are
        # rebuilt from it, so Qt must never remove the dragged rows itself.
        items = self.selectedItems()
        if not items:
            return
        drag = QDrag(self)
        drag.setMimeData(self.mimeData(items))
        drag.exec(Qt.DropAction.CopyAction | Qt.DropAction.MoveAction,
                  Qt.DropAction.MoveAction if not self.spec.backlink else Qt.DropAction.CopyAction)

    # ------------------------------------------------------------ drop in

    def own_drag(self, mime: QMimeData) -> list[int] | None:
        """The ids being moved if the drag started in this very list, else None."""
        if not mime.hasFormat(_ORDER_MIME):
            return None
        try:
            data = json.loads(bytes(mime.data(_ORDER_MIME).data()).decode("utf-8"))
        except ValueError:
            return None
        return [int(i) for i in data.get("ids", [])] if data.get("list") == self._token() else None

    def _acceptable(self, mime: QMimeData) -> bool:
        if self.spec.backlink:
            return False
        return self.own_drag(mime) is not None or self.editor.accepts(records_from_mime(mime))

    def dragEnterEvent(self, event) -> None:
        if self._acceptable(event.mimeData()):
            super().dragEnterEvent(event)  # drag state, auto-scroll
            self._accept(event)
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        if self._acceptable(event.mimeData()):
            super().dragMoveEvent(event)  # drop indicator between rows
            self._accept(event)
        else:
            event.ignore()

    def _accept(self, event) -> None:
        own = self.own_drag(event.mimeData()) is not None
        # Records from elsewhere are copied (linked), never moved: a source
        # that honours MoveAction would otherwise delete its rows.
        wanted = Qt.DropAction.MoveAction if own else Qt.DropAction.CopyAction
        if event.possibleActions() & wanted:
            event.setDropAction(wanted)
        event.accept()

    def drop_row(self, pos: QPoint) -> int:
        """The row a drop at `pos` inserts before (count() = after the last row)."""
        index = self.indexAt(pos)
        if not index.isValid():
            return self.count()
        rect = self.visualRect(index)
        return index.row() + (1 if pos.y() > rect.center().y() else 0)

    def dropEvent(self, event) -> None:
        mime = event.mimeData()
        row = self.drop_row(event.position().toPoint())
        self.setState(QAbstractItemView.State.NoState)
        self.viewport().update()
        if not self._acceptable(mime):
            event.ignore()
            return
        self._accept(event)
        moved = self.own_drag(mime)
        if moved is not None:
            self.editor.drop_reorder(self.spec, moved, row)
        else:
            self.editor.drop_records(records_from_mime(mime), insert_at=row, into=self.spec.other_type)


# ---------------------------------------------------------------- one group: heading, list, buttons

class LinkGroup(QGroupBox):
    def __init__(self, editor: "LinksEditor", spec: LinkSpec) -> None:
        super().__init__()
        self.spec = spec
        self.list = LinkList(editor, spec)
        self.add_button = QPushButton()
        self.remove_button = QPushButton()
        self.up_button = QPushButton()
        self.down_button = QPushButton()
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: palette(mid);")

        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        if not spec.backlink:
            buttons = QHBoxLayout()
            for button in (self.add_button, self.remove_button, None, self.up_button, self.down_button):
                if button is None:
                    buttons.addStretch(1)
                    continue
                button.setMinimumHeight(30)  # a comfortable touch/mouse target
                buttons.addWidget(button)
            layout.addLayout(buttons)
            self.add_button.clicked.connect(lambda: editor.add_links(spec))
            self.remove_button.clicked.connect(lambda: editor.remove_selected(spec))
            self.up_button.clicked.connect(lambda: editor.move_selected(spec, -1))
            self.down_button.clicked.connect(lambda: editor.move_selected(spec, 1))
            self.list.itemSelectionChanged.connect(self.update_buttons)
        layout.addWidget(self.hint)
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            button.setVisible(not spec.backlink)
        self.update_buttons()

    def update_buttons(self) -> None:
        selected = self.list.selectedItems()
        rows = sorted(self.list.row(i) for i in selected)
        self.remove_button.setEnabled(bool(selected))
        single = len(rows) == 1
        self.up_button.setEnabled(single and rows[0] > 0)
        self.down_button.setEnabled(single and rows[0] < self.list.count() - 1)

    def retranslate(self) -> None:
        title = spec_title(self.spec)
        self.setTitle(f"{title} ({self.list.count()})")
        what = type_label(self.spec.other_type)
        self.list.setAccessibleName(title)
        self.add_button.setText(QCoreApplication.translate("LinksEditor", "Add…"))
        self.add_button.setAccessibleName(
            QCoreApplication.translate("LinksEditor", "Add %1").replace("%1", what))
        self.remove_button.setText(QCoreApplication.translate("LinksEditor", "Remove"))
        self.remove_button.setAccessibleName(
            QCoreApplication.translate("LinksEditor", "Remove the selected %1").replace("%1", what))
        self.up_button.setText(QCoreApplication.translate("LinksEditor", "Move up"))
        self.up_button.setToolTip(QCoreApplication.translate("LinksEditor", "Alt+Up"))
        self.down_button.setText(QCoreApplication.translate("LinksEditor", "Move down"))
        self.down_button.setToolTip(QCoreApplication.translate("LinksEditor", "Alt+Down"))
        if self.spec.backlink:
            hint = QCoreApplication.translate(
                "LinksEditor", "Edited on the %1 themselves; double-click one to open it.")
            self.hint.setText(hint.replace("%1", what.lower()))
        else:
            self.hint.setText(QCoreApplication.translate(
                "LinksEditor", "Nothing linked yet: use Add… or drop records here."))
        self.hint.setVisible(self.spec.backlink or self.list.count() == 0)


# ---------------------------------------------------------------- the editor

class LinksEditor(CopyDrops, QWidget):
    """The links of one record (set_record); emits open_record(type, id) on double-click."""

    open_record = Signal(str, int)

    def __init__(self, archive: Archive, stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.archive = archive
        self.stack = stack
        self.record_type: str | None = None
        self.record_id: int | None = None
        self.groups: dict[tuple[str, bool], LinkGroup] = {}
        self._stale = False  # a change arrived while hidden: reload when shown
        self.setAcceptDrops(True)

        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        self.message = QLabel()  # errors the curator can fix, shown inline (never a blocking box)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #a02c1c;")
        self.message.hide()

        self._body = QWidget()
        self._body_layout = QVBoxLayout(self._body)
        self._body_layout.setContentsMargins(0, 0, 0, 0)
        self._body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self._body)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.empty_label)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.message)

        hub = events()
        hub.records_changed.connect(self._records_changed)
        hub.record_deleted.connect(self._record_deleted)
        self.retranslate()

    # ------------------------------------------------------------ text

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Links"))
        for group in self.groups.values():
            group.retranslate()
        if self.record_type is None:
            self.empty_label.setText(self.tr("Choose a record to see its links."))
        elif not LINK_SPECS.get(self.record_type):
            if self.record_type == "section":
                self.empty_label.setText(self.tr(
                    "A section holds panels: arrange them in the exhibition structure."))
            else:
                self.empty_label.setText(self.tr("This kind of record has no links."))
        self.empty_label.setVisible(not self.groups)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # ------------------------------------------------------------ which record

    def set_record(self, record_type: str | None, record_id: int | None) -> None:
        if (record_type, record_id) == (self.record_type, self.record_id):
            self.reload()
            return
        old_type = self.record_type
        self.record_type, self.record_id = record_type, record_id
        self.show_message("")
        if record_type != old_type:
            self._build_groups()
        self.reload()

    def _build_groups(self) -> None:
        for group in self.groups.values():
            self._body_layout.removeWidget(group)
            group.hide()  # deleteLater runs later: the old lists must vanish now
            group.setParent(None)
            group.deleteLater()
        self.groups = {}
        for spec in LINK_SPECS.get(self.record_type or "", ()):
            group = LinkGroup(self, spec)
            self.groups[(spec.other_type, spec.backlink)] = group
            self._body_layout.insertWidget(self._body_layout.count() - 1, group)
        self.retranslate()

    def list_for(self, other_type: str, backlink: bool | None = None) -> LinkList:
        """The list of linked `other_type` records (the editable one when both exist)."""
        for key in ([(other_type, backlink)] if backlink is not None
                    else [(other_type, False), (other_type, True)]):
            if key in self.groups:
                return self.groups[key].list
        raise KeyError(f"{self.record_type} has no list of {other_type} links")

    def reload(self) -> None:
        """Rebuild every list from the archive (after any change, ours or anyone's)."""
        if self.record_type is None or self.record_id is None:
            self.heading.setText("")
            self.retranslate()
            return
        try:
            record = services.get(self.archive, self.record_type, self.record_id)
        except NotFoundError as exc:
            self.heading.setText(str(exc))
            for group in self.groups.values():
                group.list.set_rows([])
            return
        self.heading.setText(row_text(record))
        for group in self.groups.values():
            group.list.set_rows(self._rows(group.spec))
            group.update_buttons()
        self.retranslate()

    def _rows(self, spec: LinkSpec) -> list[tuple[RecordRef, int | None, str]]:
        if spec.backlink:
            found = services.backlinks(self.archive, self.record_type, self.record_id, spec.other_type)
            ends = [(link, link.from_type, link.from_id) for link in found]
        else:
            found = services.links(self.archive, self.record_type, self.record_id, spec.other_type)
            ends = [(link, link.to_type, link.to_id) for link in found]
        rows = []
        for link, other_type, other_id in ends:
            try:
                text = row_text(services.get(self.archive, other_type, other_id))
            except NotFoundError:
                text = self.tr("%1 #%2 (missing)").replace("%1", naming.type_name(other_type)).replace(
                    "%2", str(other_id))
            if link.role:
                text += f"  [{role_text(link.role)}]"
            rows.append(((other_type, other_id), None if spec.backlink else link.id, text))
        return rows

    def linked_ids(self, other_type: str, backlink: bool | None = None) -> list[int]:
        return self.list_for(other_type, backlink).ids()

    # ------------------------------------------------------------ hub

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.reload()

    def _records_changed(self, record_type: str, ids: list) -> None:
        if self.record_type is None:
            return
        if not self.isVisible():
            # Hidden (another tab, or closed with its archive): no work now.
            self._stale = True
            return
        if record_type == self.record_type and (not ids or self.record_id in ids):
            self.reload()
            return
        for (other_type, _), group in self.groups.items():
            if other_type == record_type and (not ids or set(ids) & set(group.list.ids())):
                self.reload()
                return

    def _record_deleted(self, record_type: str, record_id: int) -> None:
        if (record_type, record_id) == (self.record_type, self.record_id):
            self.set_record(None, None)
        elif not self.isVisible():
            self._stale = self.record_type is not None
        elif any(t == record_type and record_id in g.list.ids() for (t, _), g in self.groups.items()):
            self.reload()

    # ------------------------------------------------------------ edits

    def _edit(self, action, *args, **kwargs) -> Any:
        """Run one link command; an error the curator can fix is shown, not raised."""
        self.show_message("")
        try:
            return action(self.stack, self.archive, *args, **kwargs)
        except ExhibitError as exc:
            self.show_message(str(exc))
            return None

    def add_links(self, spec: LinkSpec) -> list[Link]:
        """Pick records with the picker and link them (one undo step)."""
        from ui.curator.editor.picker import RecordPicker  # looked up on the class, so tests can patch pick

        if spec.backlink or self.record_id is None:
            return []
        group = self.groups[(spec.other_type, False)]
        picked = RecordPicker.pick(self, self.archive, spec.other_type, exclude=group.list.ids())
        if not picked:
            return []
        return self._edit(link_commands.link_many, self.record_type, self.record_id,
                          [(spec.other_type, i) for i in picked]) or []

    def remove_selected(self, spec: LinkSpec) -> None:
        links = self.groups[(spec.other_type, spec.backlink)].list.selected_links()
        if links and not spec.backlink:
            self._edit(link_commands.unlink_many, links)

    def move_selected(self, spec: LinkSpec, delta: int) -> None:
        selected = self.groups[(spec.other_type, False)].list.selectedItems()
        if len(selected) != 1 or self.record_id is None:
            return
        _, other_id = LinkList.ref(selected[0])
        self._edit(link_commands.move_link, self.record_type, self.record_id, spec.other_type,
                   other_id, delta)

    def reorder(self, other_type: str, new_order: list[int]) -> bool:
        """Put the linked `other_type` records in `new_order` (undoable)."""
        if self.record_id is None:
            return False
        return bool(self._edit(link_commands.reorder_links, self.record_type, self.record_id,
                               other_type, new_order))

    def drop_reorder(self, spec: LinkSpec, moved: list[int], row: int) -> bool:
        """Rows `moved` (ids) of a list were dropped before `row`: the new order."""
        order = self.groups[(spec.other_type, False)].list.ids()
        moved = [i for i in order if i in set(moved)]  # keep their relative order
        at = len([i for i in order[:row] if i not in moved])
        rest = [i for i in order if i not in moved]
        return self.reorder(spec.other_type, rest[:at] + moved + rest[at:])

    def accepts(self, refs: list[RecordRef]) -> bool:
        """Would dropping these records link at least one of them?"""
        allowed = editable_types(self.record_type)
        return self.record_id is not None and any(
            t in allowed and (t, i) != (self.record_type, self.record_id) for t, i in refs)

    def drop_records(self, refs: list[RecordRef], insert_at: int | None = None,
                     into: str | None = None) -> list[Link]:
        """Link dropped records; those of type `into` go in at row `insert_at`."""
        if self.record_id is None:
            return []
        allowed = editable_types(self.record_type)
        usable = [(t, i) for t, i in refs if t in allowed and (t, i) != (self.record_type, self.record_id)]
        refused = sorted({t for t, _ in refs if t not in allowed})
        if refused:
            self.show_message(self.tr("%1 cannot be linked here.").replace(
                "%1", ", ".join(type_label(t) for t in refused)))
        if not usable:
            return []
        at = insert_at if into is not None and all(t == into for t, _ in usable) else None
        made = self._edit(link_commands.link_many, self.record_type, self.record_id, usable,
                          insert_at=at)
        if refused:  # _edit cleared the message: say again what was left out
            self.show_message(self.tr("%1 cannot be linked here.").replace(
                "%1", ", ".join(type_label(t) for t in refused)))
        return made or []

    # ------------------------------------------------------------ drops on the editor itself (CopyDrops)

    def wants_drop(self, mime: QMimeData) -> bool:
        return self.accepts(records_from_mime(mime))

    def take_drop(self, mime: QMimeData) -> None:
        self.drop_records(records_from_mime(mime))
