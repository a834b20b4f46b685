"""Names of what import and export talk about: record types, fields, results, formats.

Record types, fields and vocabularies are named by the registry
`exhibit.names`, in the window's language, so the wizard says what the record
form and the list say. The core names fields by their column names (name_zh,
date_text …); the wizard shows the curator's word for each beside that name,
so a saved mapping file and the screen say the same thing. Only the outcomes
of an import row (created, updated …) are translated here, through Qt.
"""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from exhibit import names
from exhibit.records import RECORD_TYPES
from ui.common import naming

_ACTIONS = {
    "create": QT_TRANSLATE_NOOP("InterchangeActions", "created"),
    "update": QT_TRANSLATE_NOOP("InterchangeActions", "updated"),
    "unchanged": QT_TRANSLATE_NOOP("InterchangeActions", "unchanged"),
    "rejected": QT_TRANSLATE_NOOP("InterchangeActions", "rejected"),
}


def record_type_name(record_type: str) -> str:
    """藏品 / Objects: the plural, as the wizard's and the export's type lists say it."""
    return naming.type_name(record_type, plural=True)


def field_label(name: str, record_type: str | None = None) -> str:
    """'name_zh' → 名称（中文） / Name (Chinese); an unknown field keeps its own name.

    A field is named per record type (an object's 名称, a person's 姓名). Without
    one, the first type that has the field names it.
    """
    for code in ([record_type] if record_type else list(RECORD_TYPES)):
        try:
            return names.field(code, name).text(naming.lang())
        except names.UnknownNameError:
            continue
    return name


def field_choice(name: str, record_type: str | None = None) -> str:
    """What a mapping combo shows: the curator's word, then the column name the core uses."""
    label = field_label(name, record_type)
    return label if label == name else f"{label} · {name}"


def action_name(action: str) -> str:
    return QCoreApplication.translate("InterchangeActions", _ACTIONS.get(action, action))


def vocab_name(vocab: str) -> str:
    """A vocabulary's name (质地 / Material), as exhibit.names gives it."""
    return naming.set_name(vocab)
