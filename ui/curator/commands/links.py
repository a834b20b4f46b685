"""Undoable edits of links and of the exhibition's order.

Each function performs one curator edit through `ui.curator.commands.undo.run`, so it is
one transaction and one undo step, and the hub announces the records whose
links or order changed (both ends of a link: the back-link lists of the
target change too). An edit that would change nothing pushes nothing.

Several service calls that form one edit (linking three picked objects,
moving a panel = new section + new order) run inside one
`archive.transaction()`, so they succeed or fail together and undo as one.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Iterable, Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoStack

from exhibit import services
from exhibit.archive import Archive
from exhibit.errors import NotFoundError
from exhibit.records import Link, Panel
from ui.curator.commands.undo import Changed, run

Target = tuple[str, int]


def _tr(text: str) -> str:
    return QCoreApplication.translate("LinkCommands", text)


def _label(archive: Archive, record_type: str, record_id: int | None) -> str:
    if record_id is None:
        return record_type
    try:
        return services.get(archive, record_type, record_id).label()
    except NotFoundError:
        return f"{record_type} #{record_id}"


def _existing(archive: Archive, from_type: str, from_id: int, to_type: str, to_id: int,
              role: str) -> Link | None:
    for current in services.links(archive, from_type, from_id, to_type):
        if current.to_id == to_id and current.role == role:
            return current
    return None


@dataclass
class _LinkState:
    """Where a link lives now: undo and redo re-create it, which gives it a new id."""
    from_type: str
    from_id: int
    to_type: str
    to_id: int
    role: str
    position: int
    link_id: int

    @classmethod
    def of(cls, link: Link) -> "_LinkState":
        return cls(link.from_type, link.from_id, link.to_type, link.to_id, link.role,
                   link.position, link.id)

    def create(self, archive: Archive) -> Link:
        new = services.link(archive, self.from_type, self.from_id, self.to_type, self.to_id,
                            self.role, position=self.position)
        self.link_id = new.id
        return new

    def remove(self, archive: Archive) -> None:
        services.unlink(archive, self.link_id)

    def ends(self) -> Changed:
        return [(self.from_type, self.from_id), (self.to_type, self.to_id)]


# ---------------------------------------------------------------- link / unlink

def link(stack: QUndoStack, archive: Archive, from_type: str, from_id: int, to_type: str,
         to_id: int, role: str = "") -> Link:
    """Link one record to another; an existing identical link is returned unchanged."""
    made = link_many(stack, archive, from_type, from_id, [(to_type, to_id)], role)
    return made[0] if made else _existing(archive, from_type, from_id, to_type, to_id, role)  # type: ignore[return-value]


def link_many(stack: QUndoStack, archive: Archive, from_type: str, from_id: int,
              targets: Sequence[Target], role: str = "", insert_at: int | None = None) -> list[Link]:
    """Link several records at once (picked or dropped together): one undo step.

    Records already linked are skipped. With `insert_at`, the new links of
    each target type are placed at that row of its list instead of the end.
    Returns the links made.
    """
    wanted: list[Target] = []
    for target in dict.fromkeys((t, int(i)) for t, i in targets):
        if _existing(archive, from_type, from_id, target[0], target[1], role) is None:
            wanted.append(target)
    if not wanted:
        return []
    states: list[_LinkState] = []
    reorders: list[tuple[str, list[int], list[int]]] = []  # to_type, order before, order after

    def do() -> list[Link]:
        with archive.transaction():
            made = []
            for to_type, to_id in wanted:
                new = services.link(archive, from_type, from_id, to_type, to_id, role)
                states.append(_LinkState.of(new))
                made.append(new)
            if insert_at is not None:
                for to_type in dict.fromkeys(t for t, _ in wanted):
                    fresh = [i for t, i in wanted if t == to_type]
                    order = [link.to_id for link in services.links(archive, from_type, from_id, to_type)]
                    old = [i for i in order if i not in fresh]
                    at = max(0, min(insert_at, len(old)))
                    new_order = old[:at] + fresh + old[at:]
                    if new_order != order:
                        services.reorder_links(archive, from_type, from_id, to_type, new_order)
                        reorders.append((to_type, order, new_order))
                # Keep the positions the links ended up with, for redo.
                for state in states:
                    state.position = next(link.position for link in services.links(
                        archive, from_type, from_id, state.to_type) if link.id == state.link_id)
            return made

    def undo() -> None:
        with archive.transaction():
            for state in states:
                state.remove(archive)

    def redo() -> None:
        with archive.transaction():
            for state in states:
                state.create(archive)

    names = ", ".join(_label(archive, t, i) for t, i in wanted[:3]) + ("…" if len(wanted) > 3 else "")
    text = _tr("Link %1 to %2").replace("%1", names).replace("%2", _label(archive, from_type, from_id))
    changed: Changed = [(from_type, from_id), *wanted]
    # run() calls do() first; redo after an undo re-creates each link at its position.
    first = [True]

    def do_or_redo():
        if first[0]:
            first[0] = False
            return do()
        return redo()

    return run(stack, text, do_or_redo, undo, changed)


def unlink(stack: QUndoStack, archive: Archive, link: Link | int) -> None:
    """Remove a link; undo re-links the same records at the same position."""
    unlink_many(stack, archive, [link])


def _resolve(archive: Archive, link: Link | int) -> Link:
    if isinstance(link, Link):
        return link
    return services.get_link(archive, int(link))


def unlink_many(stack: QUndoStack, archive: Archive, links: Iterable[Link | int]) -> None:
    states = [_LinkState.of(_resolve(archive, link)) for link in links]
    if not states:
        return

    def do() -> None:
        with archive.transaction():
            for state in states:
                state.remove(archive)

    def undo() -> None:
        with archive.transaction():
            for state in states:
                state.create(archive)

    first = states[0]
    if len(states) == 1:
        text = _tr("Unlink %1 from %2").replace("%1", _label(archive, first.to_type, first.to_id)) \
            .replace("%2", _label(archive, first.from_type, first.from_id))
    else:
        text = _tr("Unlink %1 records from %2").replace("%1", str(len(states))) \
            .replace("%2", _label(archive, first.from_type, first.from_id))
    changed = [end for state in states for end in state.ends()]
    run(stack, text, do, undo, changed)


# ---------------------------------------------------------------- order of links

def reorder_links(stack: QUndoStack, archive: Archive, from_type: str, from_id: int, to_type: str,
                  new_order: Sequence[int]) -> bool:
    """Put the linked `to_type` records in `new_order` (their ids); undo restores the old order."""
    new_order = [int(i) for i in new_order]
    old_order = [link.to_id for link in services.links(archive, from_type, from_id, to_type)]
    if new_order == old_order:
        return False
    text = _tr("Reorder the links of %1").replace("%1", _label(archive, from_type, from_id))
    run(stack, text,
        lambda: services.reorder_links(archive, from_type, from_id, to_type, new_order),
        lambda: services.reorder_links(archive, from_type, from_id, to_type, old_order),
        [(from_type, from_id)])
    return True


def move_link(stack: QUndoStack, archive: Archive, from_type: str, from_id: int, to_type: str,
              to_id: int, delta: int) -> bool:
    """Move one linked record up (delta < 0) or down its list: the keyboard's drag and drop."""
    order = [link.to_id for link in services.links(archive, from_type, from_id, to_type)]
    if to_id not in order:
        return False
    row = order.index(to_id)
    new_row = max(0, min(len(order) - 1, row + delta))
    if new_row == row:
        return False
    order.insert(new_row, order.pop(row))
    return reorder_links(stack, archive, from_type, from_id, to_type, order)


# ---------------------------------------------------------------- order of sections and panels

def _current_order(archive: Archive, record_type: str, ids: Sequence[int]) -> list[int]:
    wanted = set(ids)
    return [r.id for r in services.list_records(archive, record_type) if r.id in wanted]


def reorder(stack: QUndoStack, archive: Archive, record_type: str, ids: Sequence[int]) -> bool:
    """Order the sections, or the panels of one section; undo restores the old order."""
    ids = [int(i) for i in ids]
    old = _current_order(archive, record_type, ids)
    if old == ids or not ids:
        return False
    what = _tr("sections") if record_type == "section" else _tr("panels")
    text = _tr("Reorder %1").replace("%1", what)
    run(stack, text,
        lambda: services.reorder(archive, record_type, ids),
        lambda: services.reorder(archive, record_type, old),
        [(record_type, i) for i in ids])
    return True


def section_panels(archive: Archive, section_id: int | None) -> list[int]:
    """The panel ids of one section (None: panels in no section), in exhibition order."""
    return [p.id for p in services.list_records(archive, "panel") if p.section_id == section_id]


def move_panel(stack: QUndoStack, archive: Archive, panel_id: int, section_id: int | None,
               index: int | None = None) -> bool:
    """Move a panel into another section at `index` (None: the end), or within its own.

    One transaction: the panel's section_id (services.update) and the new
    order of the target section. Undo puts back the section and both orders.
    """
    panel = services.get(archive, "panel", panel_id)
    assert isinstance(panel, Panel)
    old_section = panel.section_id
    if old_section == section_id:
        order = section_panels(archive, section_id)
        order.remove(panel_id)
        at = len(order) if index is None else max(0, min(index, len(order)))
        order.insert(at, panel_id)
        return reorder(stack, archive, "panel", order)

    source_before = section_panels(archive, old_section)
    target_before = section_panels(archive, section_id)
    at = len(target_before) if index is None else max(0, min(index, len(target_before)))
    target_after = target_before[:at] + [panel_id] + target_before[at:]

    def set_section(value: int | None, order: list[int]) -> None:
        current = services.get(archive, "panel", panel_id)
        services.update(archive, replace(current, section_id=value))
        if order:
            services.reorder(archive, "panel", order)

    def do() -> None:
        with archive.transaction():
            set_section(section_id, target_after)

    def undo() -> None:
        with archive.transaction():
            set_section(old_section, source_before)
            if target_before:
                services.reorder(archive, "panel", target_before)

    text = _tr("Move %1 to %2").replace("%1", _label(archive, "panel", panel_id)) \
        .replace("%2", _label(archive, "section", section_id) if section_id is not None
                 else _tr("no section"))
    changed: Changed = [("panel", panel_id)]
    changed += [("section", s) for s in (old_section, section_id) if s is not None]
    run(stack, text, do, undo, changed)
    return True
