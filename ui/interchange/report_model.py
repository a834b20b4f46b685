"""The dry-run report as a table model: one line per row of the file, optionally only the rejected ones.

A model over the plan's list rather than a QTableWidget, so a 100,000-row
report costs one Python list of indices, not 400,000 items.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from exhibit.interchange.importer import ImportPlan, RowOutcome
from ui.common.plaintext import tip
from ui.common.problems import problem_text
from ui.interchange.labels import action_name

ROW, KEY, RESULT, REASONS = range(4)
_REJECTED = QColor("#b3261e")


class ReportModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[RowOutcome] = []
        self._record_type: str | None = None   # names the fields the reasons are about
        self._shown: list[int] = []
        self.rejected_only = False
        self._headers = ["Row", "Key", "Result", "Reasons"]

    def set_headers(self, headers: list[str]) -> None:
        self._headers = headers
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(headers) - 1)

    def set_plan(self, plan: ImportPlan | None) -> None:
        self.beginResetModel()
        self._rows = list(plan.rows) if plan is not None else []
        self._record_type = plan.record_type if plan is not None else None
        self._filter()
        self.endResetModel()

    def set_rejected_only(self, on: bool) -> None:
        self.beginResetModel()
        self.rejected_only = on
        self._filter()
        self.endResetModel()

    def _filter(self) -> None:
        self._shown = [i for i, r in enumerate(self._rows) if not self.rejected_only or r.action == "rejected"]

    def outcome(self, row: int) -> RowOutcome:
        return self._rows[self._shown[row]]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self.outcome(index.row())
        col = index.column()
        if role == Qt.ItemDataRole.ToolTipRole:  # the same text, shown literally
            shown = self.data(index, Qt.ItemDataRole.DisplayRole)
            return tip(str(shown)) if shown not in (None, "") else None
        if role == Qt.ItemDataRole.DisplayRole:
            if col == ROW:
                return r.row
            if col == KEY:
                return r.key
            if col == RESULT:
                return action_name(r.action)
            # Reasons are the core's problems, said in the window's language.
            rtype = self._record_type
            return "\n".join([problem_text(x, rtype) for x in r.reasons]
                             + [f"⚠ {problem_text(w, rtype)}" for w in r.warnings])
        if role == Qt.ItemDataRole.ForegroundRole and col == RESULT and r.action == "rejected":
            return QBrush(_REJECTED)
        if role == Qt.ItemDataRole.TextAlignmentRole and col == ROW:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return None
