"""What the window calls things: exhibit.names, in the window's language.

Record types, fields and the values of enumerated fields are named once, in
Chinese and English, by `exhibit.names` (a core module, no Qt). The UI never
translates those names through Qt: it shows the registry's name for the
language the window is in (`ui.common.i18n.current_language`), so the form,
the list, the links editor, the history and the import wizard cannot drift
apart again. A widget that shows names re-asks these functions when the
language changes.

Vocabulary terms an archive added itself are read from the archive
(`exhibit.vocab`), shown in the window's language, falling back to the other
language when a term has only one name.
"""
from __future__ import annotations

from exhibit import names
from exhibit.records import Term
from ui.common import i18n


def lang() -> str:
    """'zh' or 'en': the language the window shows."""
    return i18n.current_language()


def type_name(record_type: str, *, plural: bool = False) -> str:
    """藏品 / Object; with plural, 藏品 / Objects."""
    return names.type_text(record_type, lang(), plural=plural)


def field_name(record_type: str, name: str, *, short: bool = False) -> str:
    """名称（中文） / Name (Chinese) for an object's name_zh; an unknown field shows as itself."""
    return names.field_text(record_type, name, lang(), short=short)


def value_name(set_name: str, code: str) -> str:
    """中华民国 / Republic of China for a side 'ROC'; an unknown code shows as stored."""
    return names.value_text(set_name, code, lang())


def set_name(set_name: str) -> str:
    """The name of a value set (所属方 / Side); an unknown set shows as itself."""
    try:
        named = names.value_set(set_name)
    except names.UnknownNameError:
        return set_name
    return named.zh if lang() == "zh" else named.en


def term_name(term: Term) -> str:
    """An archive's vocabulary term in the window's language, else in the other one, else its code."""
    first, second = (term.label_zh, term.label_en) if lang() == "zh" else (term.label_en, term.label_zh)
    return first or second or term.code
