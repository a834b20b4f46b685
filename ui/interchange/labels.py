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


# How sure a guessed column is (exhibit/interchange/mapping.py CONFIDENCES) and why, as the
# mapping page's tooltip says it. The core's English is in mapping.REASONS, keyed alike.
_CONFIDENCES = {
    "exact": QT_TRANSLATE_NOOP("InterchangeGuesses", "Sure: the header names this field"),
    "alias": QT_TRANSLATE_NOOP("InterchangeGuesses", "Sure: a usual header for this field"),
    "data": QT_TRANSLATE_NOOP("InterchangeGuesses", "Fairly sure: read from the values"),
    "weak": QT_TRANSLATE_NOOP("InterchangeGuesses", "Not sure: please check this column"),
}
_REASONS = {
    "field_name": QT_TRANSLATE_NOOP("InterchangeGuesses", "The header is the field's own name."),
    "program_name": QT_TRANSLATE_NOOP("InterchangeGuesses", "The header is the name the program shows for "
                                                            "this field."),
    "alias": QT_TRANSLATE_NOOP("InterchangeGuesses", "Catalogues use this header for it."),
    "fallback": QT_TRANSLATE_NOOP("InterchangeGuesses", "The header names {base}, which these records lack; "
                                                        "this is the nearest field."),
    "header_word": QT_TRANSLATE_NOOP("InterchangeGuesses", "A word of the header ({word}) names it."),
    "loose": QT_TRANSLATE_NOOP("InterchangeGuesses", "The header names it only loosely (a ledger's remarks "
                                                     "as the description)."),
    "row_ids": QT_TRANSLATE_NOOP("InterchangeGuesses", "Unique whole numbers ({low}–{high}): the source "
                                                       "system's row ids, kept as other numbers."),
    "accession_values": QT_TRANSLATE_NOOP("InterchangeGuesses", "Unique values ({unique} %), mostly of one "
                                                                "pattern ({pattern}, {share} %), with letters "
                                                                "and digits: accession numbers."),
    "accession_header_values": QT_TRANSLATE_NOOP("InterchangeGuesses", "The header names it and the values "
                                                                       "agree: {unique} % unique, mostly of one "
                                                                       "pattern ({pattern})."),
    "only_unique": QT_TRANSLATE_NOOP("InterchangeGuesses", "No column names the accession number; these "
                                                           "values are unique ({unique} %)."),
    "urls": QT_TRANSLATE_NOOP("InterchangeGuesses", "{share} % of the values are web addresses."),
    "dimension_text": QT_TRANSLATE_NOOP("InterchangeGuesses", "The values are measurements as written, not "
                                                              "the program's JSON."),
    "no_field": QT_TRANSLATE_NOOP("InterchangeGuesses", "No field has this name."),
    "empty": QT_TRANSLATE_NOOP("InterchangeGuesses", "The column is empty, and its header names a field "
                                                     "only loosely."),
    "taken": QT_TRANSLATE_NOOP("InterchangeGuesses", "The column “{other}” fills {target} more surely."),
    "curator": QT_TRANSLATE_NOOP("InterchangeGuesses", "Chosen by you."),
    "mapping_file": QT_TRANSLATE_NOOP("InterchangeGuesses", "From the mapping file."),
}


def guess_mark(confidence: str, target: str) -> str:
    """What the mapping page shows beside a column: ✓ for a sure guess, ? for one to check."""
    if not target:
        return ""
    return "?" if confidence == "weak" else "✓"


def guess_text(confidence: str, reason: str, params: dict[str, str], record_type: str) -> str:
    """Why a column got its field, in the window's language (the mark's tooltip)."""
    values = {k: (field_label(v, record_type) if k in ("target", "base") else v) for k, v in params.items()}
    why = QCoreApplication.translate("InterchangeGuesses", _REASONS.get(reason, reason))
    try:
        why = why.format(**values)
    except (KeyError, IndexError, ValueError):
        pass   # a translation that lost a placeholder still reads
    sure = QCoreApplication.translate("InterchangeGuesses", _CONFIDENCES[confidence]) \
        if confidence in _CONFIDENCES else ""
    return f"{sure}\n{why}" if sure else why


def action_name(action: str) -> str:
    return QCoreApplication.translate("InterchangeActions", _ACTIONS.get(action, action))


def vocab_name(vocab: str) -> str:
    """A vocabulary's name (质地 / Material), as exhibit.names gives it."""
    return naming.set_name(vocab)
