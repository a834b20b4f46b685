"""File → Museum…: the museum's name, identifier and record rights that exports name.

The keys and their field names come from exhibit.institution (the same ones
`main.py settings` sets); saving is one transaction through that module, so
the window writes no SQL and a refused value changes nothing.
"""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from exhibit import institution
from exhibit.archive import Archive
from exhibit.errors import ExhibitError
from ui.common import i18n


class MuseumDialog(QDialog):
    def __init__(self, archive: Archive, parent: QWidget | None = None):
        super().__init__(parent)
        self.archive = archive
        self.setWindowTitle(self.tr("Museum"))
        intro = QLabel(self.tr("LIDO and IIIF exports name this museum as the holder of the objects "
                               "and the source of the records."))
        intro.setWordWrap(True)
        form = QFormLayout()
        lang = i18n.current_language()
        values = institution.settings(archive)
        self.fields: dict[str, QLineEdit] = {}
        for key in institution.KEYS:
            edit = QLineEdit(values[key.name])
            edit.setMaxLength(institution.MAX_LENGTH)
            label = key.label_zh if lang == "zh" else key.label_en
            edit.setAccessibleName(label)
            form.addRow(label, edit)
            self.fields[key.name] = edit
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def save(self) -> bool:
        """Write every field in one transaction; on a refusal say why and keep the dialog open."""
        try:
            institution.set_values(self.archive, {k: e.text() for k, e in self.fields.items()})
        except ExhibitError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return False
        self.accept()
        return True


def open_museum_dialog(parent: QWidget, archive: Archive) -> MuseumDialog:
    dialog = MuseumDialog(archive, parent)
    dialog.open()
    return dialog
