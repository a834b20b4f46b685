"""The dry-run report's reasons and warnings in the curator's language.

The core (no Qt) says why a row cannot be imported in English sentences that
name the field, the value and the rows (`importer`, `checking`, `dates`,
`tables`). The wizard shows them through these patterns: each known sentence
is matched, its parts put into a translated template, and field, vocabulary
and record-type names given their translated labels. A sentence no pattern
knows is shown as the core wrote it, so nothing is ever hidden.

Templates name their parts %what, %value …: a translator moves them freely.
"""
from __future__ import annotations

import re
from typing import Callable

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP

from ui.interchange.labels import field_label, record_type_name, vocab_name

CONTEXT = "ImportReasons"

# (pattern, template). Parts named `field`, `vocab`, `type` and `what` are labels to
# translate; `why` is a sentence to translate in its turn; the rest is shown as is.
_PATTERNS: list[tuple[re.Pattern[str], str]] = [(re.compile(p), t) for p, t in [
    (r"^(?P<what>accession number|key|key or title) '(?P<value>.*)' appears again on row\(s\) "
     r"(?P<rows>.+) of the file$",
     QT_TRANSLATE_NOOP("ImportReasons", "%what '%value' appears again on row(s) %rows of the file")),
    (r"^(?P<field>\w+) '(?P<value>.*)' is not a term of the (?P<vocab>\w+) vocabulary "
     r"\(nearest term: (?P<label>.*) (?P<code>\S+)\)$",
     QT_TRANSLATE_NOOP("ImportReasons",
                       "%field '%value' is not a term of the %vocab vocabulary (nearest term: %label %code)")),
    (r"^(?P<field>\w+) '(?P<value>.*)' is not a term of the (?P<vocab>\w+) vocabulary$",
     QT_TRANSLATE_NOOP("ImportReasons", "%field '%value' is not a term of the %vocab vocabulary")),
    (r"^(?P<field>\w+) '(?P<value>.*)' is not a number$",
     QT_TRANSLATE_NOOP("ImportReasons", "%field '%value' is not a number")),
    (r"^(?P<field>\w+) '(?P<value>.*)' is neither yes nor no$",
     QT_TRANSLATE_NOOP("ImportReasons", "%field '%value' is neither yes nor no")),
    (r"^place '(?P<value>.*)' is not in the archive \(import the places first\)$",
     QT_TRANSLATE_NOOP("ImportReasons", "place '%value' is not in the archive (import the places first)")),
    (r"^place '(?P<value>.*)' names (?P<count>\d+) places; use its key$",
     QT_TRANSLATE_NOOP("ImportReasons", "place '%value' names %count places; use its key")),
    (r"^section '(?P<value>.*)' is not in the archive$",
     QT_TRANSLATE_NOOP("ImportReasons", "section '%value' is not in the archive")),
    (r"^(?P<count>\d+) (?P<type>\w+) records are called '(?P<value>.*)'; add a key column to say "
     r"which one this row is$",
     QT_TRANSLATE_NOOP("ImportReasons",
                       "%count %type records are called '%value'; add a key column to say which one this row is")),
    (r"^a (?P<field>\w+) is needed in Chinese or English$",
     QT_TRANSLATE_NOOP("ImportReasons", "a %field is needed in Chinese or English")),
    (r"^an accession number is required$",
     QT_TRANSLATE_NOOP("ImportReasons", "an accession number is required")),
    (r"^a code is required$", QT_TRANSLATE_NOOP("ImportReasons", "a code is required")),
    (r"^(?P<what>accession number|key|code) '(?P<value>.*)' is already used by (?P<label>.+)$",
     QT_TRANSLATE_NOOP("ImportReasons", "%what '%value' is already used by %label")),
    (r"^an event needs a date for the timeline$",
     QT_TRANSLATE_NOOP("ImportReasons", "an event needs a date for the timeline")),
    (r"^latitude (?P<value>\S+) is outside −90…90$",
     QT_TRANSLATE_NOOP("ImportReasons", "latitude %value is outside −90…90")),
    (r"^longitude (?P<value>\S+) is outside −180…180$",
     QT_TRANSLATE_NOOP("ImportReasons", "longitude %value is outside −180…180")),
    (r"^has (?P<count>\d+) cells but the header has only (?P<width>\d+) columns "
     r"\(a cell with an unquoted separator\?\)$",
     QT_TRANSLATE_NOOP("ImportReasons",
                       "has %count cells but the header has only %width columns (a cell with an unquoted separator?)")),
    (r"^(?P<where>\S+) holds the formula (?P<formula>.+); its saved result “(?P<value>.*)” was imported$",
     QT_TRANSLATE_NOOP("ImportReasons", "%where holds the formula %formula; its saved result “%value” was imported")),
    (r"^(?P<where>\S+) holds the formula (?P<formula>.+) with no saved result; formulas are not "
     r"calculated on import — paste the values instead$",
     QT_TRANSLATE_NOOP("ImportReasons", "%where holds the formula %formula with no saved result; formulas "
                                        "are not calculated on import — paste the values instead")),
    (r"^(?P<count>\d+) image\(s\) listed but no media folder was chosen; they are not imported$",
     QT_TRANSLATE_NOOP("ImportReasons", "%count image(s) listed but no media folder was chosen; "
                                        "they are not imported")),
    (r"^image (?P<value>.+): is outside the chosen folder (?P<folder>.+) \(the path uses '\.\.'\)$",
     QT_TRANSLATE_NOOP("ImportReasons", "image %value is outside the chosen folder %folder (the path uses '..')")),
    (r"^image (?P<value>.+): is outside the chosen folder (?P<folder>.+)$",
     QT_TRANSLATE_NOOP("ImportReasons", "image %value is outside the chosen folder %folder")),
    (r"^row\(s\) (?P<rows>.+) above the header were not imported \(a title or note\?\)$",
     QT_TRANSLATE_NOOP("ImportReasons", "row(s) %rows above the header were not imported (a title or note?)")),
    (r"^cells (?P<range>\S+) are merged; “(?P<value>.*)” was read for each cell they cover$",
     QT_TRANSLATE_NOOP("ImportReasons", "cells %range are merged; “%value” was read for each cell they cover")),
    # Exports that cannot be written (exhibit.interchange.export, bundle, iiif).
    (r"^cannot export (?P<type>\w+) #(?P<value>\d+): it does not exist$",
     QT_TRANSLATE_NOOP("ImportReasons", "cannot export %type #%value: it does not exist")),
    (r"^cannot write (?P<type>\w+) ?(?P<value>.*?) to (?P<file>.+?): (?P<field>\w+) contains control "
     r"characters that \.xlsx cannot hold; export as CSV instead$",
     QT_TRANSLATE_NOOP("ImportReasons", "cannot write %type %value to %file: %field contains control characters "
                                        "that .xlsx cannot hold; export as CSV instead")),
    (r"^(?P<file>.+?): export writes \.csv, \.tsv or \.xlsx files$",
     QT_TRANSLATE_NOOP("ImportReasons", "%file: export writes .csv, .tsv or .xlsx files")),
    (r"^(?P<file>.+) already exists; choose a new name for the bundle$",
     QT_TRANSLATE_NOOP("ImportReasons", "%file already exists; choose a new name for the bundle")),
    (r"^(?P<file>.+) is not empty; choose a new folder for the IIIF export$",
     QT_TRANSLATE_NOOP("ImportReasons", "%file is not empty; choose a new folder for the IIIF export")),
    # Files that cannot be read (exhibit.interchange.encodings and tables).
    (r"^(?P<file>.+?): line (?P<line>\d+) is not text in UTF-8, GB18030/GBK or UTF-16 with a byte-order mark; "
     r"(?P<why>.+)$",
     QT_TRANSLATE_NOOP("ImportReasons",
                       "%file: line %line is not text in UTF-8, GB18030/GBK or UTF-16 with a byte-order mark; %why")),
    (r"^(?P<file>.+?): line (?P<line>\d+) contains NUL characters; the file is probably UTF-16 without a "
     r"byte-order mark — (?P<why>.+)$",
     QT_TRANSLATE_NOOP("ImportReasons", "%file: line %line contains NUL characters; the file is probably UTF-16 "
                                        "without a byte-order mark — %why")),
    (r"^(?P<file>.+?): line (?P<line>\d+) is neither UTF-8 nor meaningful GB18030 text \(it decodes to "
     r"private-use characters\); (?P<why>.+)$",
     QT_TRANSLATE_NOOP("ImportReasons", "%file: line %line is neither UTF-8 nor meaningful GB18030 text (it "
                                        "decodes to private-use characters); %why")),
    (r"^(?P<file>.+?): is UTF-16 without a byte-order mark \(or another wide encoding\), which cannot be read "
     r"reliably; (?P<why>.+)$",
     QT_TRANSLATE_NOOP("ImportReasons", "%file: is UTF-16 without a byte-order mark (or another wide encoding), "
                                        "which cannot be read reliably; %why")),
    (r"^(?P<file>.+?): starts with a (?P<encoding>\S+) byte-order mark but byte (?P<byte>\d+) is not valid "
     r"\S+; (?P<why>.+)$",
     QT_TRANSLATE_NOOP("ImportReasons", "%file: starts with a %encoding byte-order mark but byte %byte is not "
                                        "valid %encoding; %why")),
    (r"^save it from Excel as “CSV UTF-8 \(comma delimited\)”, or from WPS/LibreOffice as UTF-8, and import "
     r"it again$",
     QT_TRANSLATE_NOOP("ImportReasons", "save it from Excel as “CSV UTF-8 (comma delimited)”, or from "
                                        "WPS/LibreOffice as UTF-8, and import it again")),
    (r"^(?P<file>.+?): the file has no rows \(it is empty\)$",
     QT_TRANSLATE_NOOP("ImportReasons", "%file: the file has no rows (it is empty)")),
    (r"^(?P<file>.+?): line (?P<line>\d+) cannot be read as CSV \((?P<detail>.+)\)$",
     QT_TRANSLATE_NOOP("ImportReasons", "%file: line %line cannot be read as CSV (%detail)")),
    (r"^(?P<file>.+?): is an old Excel 97–2003 workbook; save it as \.xlsx \(Excel Workbook\) and import that$",
     QT_TRANSLATE_NOOP("ImportReasons", "%file: is an old Excel 97–2003 workbook; save it as .xlsx (Excel "
                                        "Workbook) and import that")),
    (r"^(?P<file>.+?): import reads \.csv, \.tsv and \.xlsx files$",
     QT_TRANSLATE_NOOP("ImportReasons", "%file: import reads .csv, .tsv and .xlsx files")),
    (r"^(?P<file>.+?): is not a readable \.xlsx workbook \((?P<detail>.+)\)$",
     QT_TRANSLATE_NOOP("ImportReasons", "%file: is not a readable .xlsx workbook (%detail)")),
    (r"^(?P<file>.+?): the workbook is damaged \((?P<detail>.+)\)$",
     QT_TRANSLATE_NOOP("ImportReasons", "%file: the workbook is damaged (%detail)")),
    (r"^(?P<file>.+?): the workbook has no worksheet$",
     QT_TRANSLATE_NOOP("ImportReasons", "%file: the workbook has no worksheet")),
    (r"^(?P<file>.+?): not found$", QT_TRANSLATE_NOOP("ImportReasons", "%file: not found")),
    # Dates (exhibit.dates): the field, then the date's own sentence.
    (r"^(?P<field>\w+): cannot read the date '(?P<value>.*)': (?P<why>.+)$",
     QT_TRANSLATE_NOOP("ImportReasons", "%field: cannot read the date '%value': %why")),
    (r"^month (?P<value>\d+) does not exist$", QT_TRANSLATE_NOOP("ImportReasons", "month %value does not exist")),
    (r"^day (?P<value>\d+) does not exist in (?P<month>[A-Za-z]+) (?P<year>-?\d+) \(it has (?P<days>\d+) days\)$",
     QT_TRANSLATE_NOOP("ImportReasons", "day %value does not exist in %month %year (it has %days days)")),
    (r"^year (?P<value>-?\d+) is outside (?P<low>-?\d+)–(?P<high>-?\d+)$",
     QT_TRANSLATE_NOOP("ImportReasons", "year %value is outside %low–%high")),
    (r"^no year given$", QT_TRANSLATE_NOOP("ImportReasons", "no year given")),
    (r"^the range ends before it starts$", QT_TRANSLATE_NOOP("ImportReasons", "the range ends before it starts")),
    (r"^the Republic era \(民国\) has no year 0$",
     QT_TRANSLATE_NOOP("ImportReasons", "the Republic era (民国) has no year 0")),
    (r"^write the year '(?P<value>.*)' in full, e\.g\. 1944$",
     QT_TRANSLATE_NOOP("ImportReasons", "write the year '%value' in full, e.g. 1944")),
    (r"^there is no date after the qualifier$",
     QT_TRANSLATE_NOOP("ImportReasons", "there is no date after the qualifier")),
    (r"^expected a date such as 1944-06-23, 1944年6月23日, 民国三十三年 or 23 June 1944$",
     QT_TRANSLATE_NOOP("ImportReasons",
                       "expected a date such as 1944-06-23, 1944年6月23日, 民国三十三年 or 23 June 1944")),
]]

_WHAT = {
    "accession number": QT_TRANSLATE_NOOP("ImportReasons", "accession number"),
    "key": QT_TRANSLATE_NOOP("ImportReasons", "key"),
    "key or title": QT_TRANSLATE_NOOP("ImportReasons", "key or title"),
    "code": QT_TRANSLATE_NOOP("ImportReasons", "code"),
}

_PARTS: dict[str, Callable[[str], str]] = {
    "field": field_label,
    "vocab": vocab_name,
    "type": record_type_name,
    "what": lambda what: QCoreApplication.translate(CONTEXT, _WHAT.get(what, what)),
    "month": lambda name: str(_MONTHS.index(name) + 1) if name in _MONTHS else name,
}
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"]


def reason_text(text: str) -> str:
    """`text`, a sentence of the core, in the current UI language (as it is when unknown)."""
    for pattern, template in _PATTERNS:
        found = pattern.match(text)
        if found is None:
            continue
        parts = {name: _part(name, value or "") for name, value in found.groupdict().items()}
        # One pass over the template: a value that happens to contain "%count" stays as it is.
        # ASCII names: a Chinese template may put a character right after one (%who写入).
        return re.sub(r"%([A-Za-z]+)", lambda m: parts.get(m.group(1), m.group(0)),
                      QCoreApplication.translate(CONTEXT, template))
    return text


def _part(name: str, value: str) -> str:
    if name == "why":
        return reason_text(value)
    return _PARTS[name](value) if name in _PARTS else value
