"""List models over the core's kiosk data, in the visitor's chosen language.

Each item is a dataclass from exhibit.publish.kiosk_data; `localize` turns it
into what QML binds to: a `…_zh`/`…_en` pair becomes one role in the chosen
language (the other language when that one is empty), image paths become
file URLs ("" when missing, so QML shows a placeholder), nested lists of
dataclasses become lists of such dicts. A language switch swaps in the rows
of the other language (localized once per set of items, then kept, since a
visitor may switch back and forth) and emits dataChanged: the views keep
their scroll positions and their delegates, which a reset would rebuild.
"""
from __future__ import annotations

import html
import re
import sys
from dataclasses import fields, is_dataclass
from functools import lru_cache
from typing import Any, Iterable

from PySide6.QtCore import Property, QAbstractListModel, QByteArray, QModelIndex, QObject, Qt, QUrl, Signal

IMAGE_FIELDS = frozenset({"image", "thumb", "screen"})
# Archive text on its way to QML loses what could change how the text *around* it is shown:
# the explicit bidi embeddings, overrides and isolates (an unclosed U+202E in a title would
# reverse the UI's own words after it in a line) and control characters but newline and tab
# (a carriage return goes too: a line break is a newline).
# Every QML Text is plain text as well (textFormat: Text.PlainText), so no markup is read.
_INVISIBLE = dict.fromkeys([*range(0x00, 0x09), *range(0x0b, 0x20),
                            *range(0x7f, 0xa0), *range(0x202a, 0x202f), *range(0x2066, 0x206a)])
MAX_TEXT = 20_000  # characters of one text: a panel is a few hundred; 1 MB would stall the layout


_ANY_INVISIBLE = re.compile("[" + "".join(re.escape(chr(c)) for c in _INVISIBLE) + "]")


def plain(text: str) -> str:
    """An archive text as the kiosk shows it (a scan, and a copy only when there is
    something to take out: localize runs over every text of every screen)."""
    if len(text) > MAX_TEXT:
        text = text[:MAX_TEXT] + "…"
    return text.translate(_INVISIBLE) if _ANY_INVISIBLE.search(text) else text


@lru_cache(maxsize=4096)  # the same string for the same file: fewer conversions, nothing new to keep
def _url(path: str) -> str:
    return QUrl.fromLocalFile(path).toString() if path else ""


@lru_cache(maxsize=None)
def _plan(cls: type) -> tuple[tuple[str, str, str | None], ...]:
    """Per dataclass: (role, field, its English twin or None); one plan per class, so the role
    names are the same string objects on every call (they end up as QML map keys)."""
    names = [f.name for f in fields(cls)]
    plan: list[tuple[str, str, str | None]] = []
    for name in names:
        if name.endswith("_en") and name[:-3] + "_zh" in names:
            continue
        if name.endswith("_zh") and name[:-3] + "_en" in names:
            plan.append((sys.intern(name[:-3]), name, name[:-3] + "_en"))
        else:
            plan.append((name, name, None))
    return tuple(plan)


def localize(item: Any, lang: str) -> Any:
    if is_dataclass(item):
        out: dict[str, Any] = {}
        for role, name, twin in _plan(type(item)):
            value = getattr(item, name)
            if twin is not None:
                zh, en = value or "", getattr(item, twin) or ""
                out[role] = plain((zh or en) if lang == "zh" else (en or zh))
            else:
                out[role] = _url(value) if name in IMAGE_FIELDS else localize(value, lang)
        return out
    if isinstance(item, str):
        return plain(item)
    if isinstance(item, (list, tuple)):
        return [localize(v, lang) for v in item]
    return item


def highlight(snippet: str, spans: Iterable[Iterable[int]]) -> str:
    """Rich text of a search snippet with the matched parts in bold: the archive's text is
    escaped (and made plain) piece by piece, then our own <b> marks the matches."""
    out, last = [], 0
    for start, end in spans:
        out.append(_escaped(snippet[last:start]) + "<b>" + _escaped(snippet[start:end]) + "</b>")
        last = end
    return "".join(out) + _escaped(snippet[last:])


def _escaped(text: str) -> str:
    return html.escape(plain(text), quote=True)


class KioskListModel(QAbstractListModel):
    """Rows of localized dicts; every row has the same keys (the roles)."""
    countChanged = Signal()

    def __init__(self, roles: Iterable[str], parent: QObject | None = None):
        super().__init__(parent)
        self._names = list(roles)
        self._roles = {Qt.ItemDataRole.UserRole + 1 + i: QByteArray(n.encode())
                       for i, n in enumerate(self._names)}
        self._index = {n: Qt.ItemDataRole.UserRole + 1 + i for i, n in enumerate(self._names)}
        self._items: list[Any] = []
        self._rows: list[dict[str, Any]] = []
        # rows per language for the current items: at most two lists, dropped with the items
        self._by_lang: dict[str, list[dict[str, Any]]] = {}
        self._lang = "zh"

    def roleNames(self) -> dict[int, QByteArray]:
        return self._roles

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        name = self._names[role - Qt.ItemDataRole.UserRole - 1] if role > Qt.ItemDataRole.UserRole else None
        return self._rows[index.row()].get(name) if name else None

    def _get_count(self) -> int:
        return len(self._rows)

    count = Property(int, _get_count, notify=countChanged)

    def row(self, i: int) -> dict[str, Any]:
        return self._rows[i] if 0 <= i < len(self._rows) else {}

    def items(self) -> list[Any]:
        return list(self._items)

    def _render(self, item: Any) -> dict[str, Any]:
        return localize(item, self._lang)

    def set_items(self, items: list[Any], lang: str | None = None) -> None:
        if lang:
            self._lang = lang
        self.beginResetModel()
        self._items = list(items)
        self._by_lang = {}
        self._rows = self._localized()
        self.endResetModel()
        self.countChanged.emit()

    def _localized(self) -> list[dict[str, Any]]:
        rows = self._by_lang.get(self._lang)
        if rows is None:
            rows = self._by_lang[self._lang] = [self._render(i) for i in self._items]
        return rows

    def set_language(self, lang: str) -> None:
        if lang == self._lang:
            return
        self._lang = lang
        if not self._items:
            return
        self._rows = self._localized()
        self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1))


class SearchModel(KioskListModel):
    """Search hits, with the snippet as rich text."""

    def _render(self, item: Any) -> dict[str, Any]:
        row = localize(item, self._lang)
        row["snippetHtml"] = highlight(item.snippet, item.spans)
        return row
