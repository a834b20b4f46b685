"""Translated names of what import and export talk about: record types, fields, results, formats.

The core names fields by their column names (name_zh, date_text …); the
wizard shows the curator's word for each beside that name, so a saved
mapping file and the screen say the same thing.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP

_TYPES = {
    "object": QT_TRANSLATE_NOOP("InterchangeTypes", "Objects"),
    "person": QT_TRANSLATE_NOOP("InterchangeTypes", "People"),
    "place": QT_TRANSLATE_NOOP("InterchangeTypes", "Places"),
    "event": QT_TRANSLATE_NOOP("InterchangeTypes", "Events"),
    "source": QT_TRANSLATE_NOOP("InterchangeTypes", "Sources"),
    "section": QT_TRANSLATE_NOOP("InterchangeTypes", "Sections"),
    "panel": QT_TRANSLATE_NOOP("InterchangeTypes", "Panels"),
    "media": QT_TRANSLATE_NOOP("InterchangeTypes", "Images"),
}

# Base names; a bilingual field (name_zh / name_en) adds the language after it.
_FIELDS = {
    "accession": QT_TRANSLATE_NOOP("InterchangeFields", "Accession number"),
    "key": QT_TRANSLATE_NOOP("InterchangeFields", "Key"),
    "code": QT_TRANSLATE_NOOP("InterchangeFields", "Code"),
    "name": QT_TRANSLATE_NOOP("InterchangeFields", "Name"),
    "title": QT_TRANSLATE_NOOP("InterchangeFields", "Title"),
    "category": QT_TRANSLATE_NOOP("InterchangeFields", "Category"),
    "date_text": QT_TRANSLATE_NOOP("InterchangeFields", "Date"),
    "material": QT_TRANSLATE_NOOP("InterchangeFields", "Material"),
    "dimensions": QT_TRANSLATE_NOOP("InterchangeFields", "Dimensions"),
    "weight": QT_TRANSLATE_NOOP("InterchangeFields", "Weight"),
    "condition": QT_TRANSLATE_NOOP("InterchangeFields", "Condition"),
    "grade": QT_TRANSLATE_NOOP("InterchangeFields", "Grade"),
    "acquisition": QT_TRANSLATE_NOOP("InterchangeFields", "Acquired by"),
    "acquisition_date": QT_TRANSLATE_NOOP("InterchangeFields", "Acquisition date"),
    "credit": QT_TRANSLATE_NOOP("InterchangeFields", "Credit line"),
    "location": QT_TRANSLATE_NOOP("InterchangeFields", "Location"),
    "description": QT_TRANSLATE_NOOP("InterchangeFields", "Description"),
    "inscription": QT_TRANSLATE_NOOP("InterchangeFields", "Inscription"),
    "status": QT_TRANSLATE_NOOP("InterchangeFields", "Status"),
    "side": QT_TRANSLATE_NOOP("InterchangeFields", "Side"),
    "born": QT_TRANSLATE_NOOP("InterchangeFields", "Born"),
    "died": QT_TRANSLATE_NOOP("InterchangeFields", "Died"),
    "role": QT_TRANSLATE_NOOP("InterchangeFields", "Role"),
    "bio": QT_TRANSLATE_NOOP("InterchangeFields", "Biography"),
    "lat": QT_TRANSLATE_NOOP("InterchangeFields", "Latitude"),
    "lon": QT_TRANSLATE_NOOP("InterchangeFields", "Longitude"),
    "coord_basis": QT_TRANSLATE_NOOP("InterchangeFields", "Basis of the coordinates"),
    "place": QT_TRANSLATE_NOOP("InterchangeFields", "Place"),
    "section": QT_TRANSLATE_NOOP("InterchangeFields", "Section"),
    "kind": QT_TRANSLATE_NOOP("InterchangeFields", "Kind"),
    "author": QT_TRANSLATE_NOOP("InterchangeFields", "Author"),
    "publisher": QT_TRANSLATE_NOOP("InterchangeFields", "Publisher"),
    "year": QT_TRANSLATE_NOOP("InterchangeFields", "Year"),
    "url": QT_TRANSLATE_NOOP("InterchangeFields", "Web address"),
    "reliability": QT_TRANSLATE_NOOP("InterchangeFields", "Reliability"),
    "is_sample": QT_TRANSLATE_NOOP("InterchangeFields", "Sample record"),
    "media": QT_TRANSLATE_NOOP("InterchangeFields", "Image files"),
    "intro": QT_TRANSLATE_NOOP("InterchangeFields", "Introduction"),
    "body": QT_TRANSLATE_NOOP("InterchangeFields", "Text"),
    "position": QT_TRANSLATE_NOOP("InterchangeFields", "Position"),
}
_LANGS = {
    "zh": QT_TRANSLATE_NOOP("InterchangeFields", "%1 (Chinese)"),
    "en": QT_TRANSLATE_NOOP("InterchangeFields", "%1 (English)"),
}

_ACTIONS = {
    "create": QT_TRANSLATE_NOOP("InterchangeActions", "created"),
    "update": QT_TRANSLATE_NOOP("InterchangeActions", "updated"),
    "unchanged": QT_TRANSLATE_NOOP("InterchangeActions", "unchanged"),
    "rejected": QT_TRANSLATE_NOOP("InterchangeActions", "rejected"),
}

_VOCABS = {
    "category": QT_TRANSLATE_NOOP("InterchangeFields", "Category"),
    "material": QT_TRANSLATE_NOOP("InterchangeFields", "Material"),
    "condition": QT_TRANSLATE_NOOP("InterchangeFields", "Condition"),
    "grade": QT_TRANSLATE_NOOP("InterchangeFields", "Grade"),
    "acquisition": QT_TRANSLATE_NOOP("InterchangeFields", "Acquired by"),
    "status": QT_TRANSLATE_NOOP("InterchangeFields", "Status"),
}


def record_type_name(record_type: str) -> str:
    return QCoreApplication.translate("InterchangeTypes", _TYPES.get(record_type, record_type))


def field_label(name: str) -> str:
    """'name_zh' → 'Name (Chinese)'; an unknown field keeps its own name."""
    base, _, lang = name.rpartition("_")
    if lang in _LANGS and base in _FIELDS:
        return (QCoreApplication.translate("InterchangeFields", _LANGS[lang])
                .replace("%1", QCoreApplication.translate("InterchangeFields", _FIELDS[base])))
    if name in _FIELDS:
        return QCoreApplication.translate("InterchangeFields", _FIELDS[name])
    return name


def field_choice(name: str) -> str:
    """What a mapping combo shows: the curator's word, then the column name the core uses."""
    label = field_label(name)
    return label if label == name else f"{label} · {name}"


def action_name(action: str) -> str:
    return QCoreApplication.translate("InterchangeActions", _ACTIONS.get(action, action))


def vocab_name(vocab: str) -> str:
    return QCoreApplication.translate("InterchangeFields", _VOCABS.get(vocab, vocab))
