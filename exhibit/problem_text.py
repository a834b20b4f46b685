"""Problems said in Chinese or English: one table of sentence templates for the windows and the files the core writes.

The core reports what is wrong as `exhibit.problems.Problem` (a field, a code,
parameters); `str(problem)` is the command line's English. A person reads the
same problem in two more places: the windows (the record form, the import
wizard, the export and print dialogs), and a file the core writes for them to
fix, the rejects file of a partial import, whose reason column (原因) a
registrar reads in Excel beside a Chinese ledger. Both say it with the
sentences here, so a Chinese ledger's 原因 reads as the import wizard does:

- TEMPLATES: each code's template, in English, with named parts (%value,
  %count …) that a translator may move freely. Each is marked
  QT_TRANSLATE_NOOP("Problems", …) so lupdate collects it into the curator
  window's catalogue (ui.common.i18n lists this file among that catalogue's
  sources); the Chinese lives there, in the .ts translators already edit.
- `render`: fills a template: %field, the record types, vocabularies and label
  kinds a problem names by their names in the chosen language (exhibit.names);
  a part that is itself a problem (why a date cannot be read) rendered in its
  turn; values from the record or the file shown as they are.

Why the templates moved here rather than being copied: the windows translate
with Qt (QCoreApplication.translate, through ui.common.problems, a thin layer
over `render`), the core may not import Qt, and the core may not name the UI
either (tests/core/test_layering.py). So the core takes its translator as a
function. For a file it writes, that function reads the same Qt catalogue with
the standard library's XML parser (`read_catalogue`: a .ts file, context
"Problems", the translations lrelease would compile); where that catalogue is,
main.py tells the core once at start (exhibit.catalogues). One English table,
one Chinese catalogue, one renderer: a translator's fix in the .ts reaches the
windows and the rejects file alike. Without a catalogue for a language a file
falls back to the command line's English (`sentence`), never to half-translated
text.

tests/core/test_problems.py fails when a code of exhibit.problems.CODES has no
template here or no Chinese translation in the catalogue.
"""
from __future__ import annotations

import calendar
import os
import re
import xml.etree.ElementTree as ET
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

from exhibit import catalogues, names
from exhibit.problems import LIST_SEPARATORS, Problem, RecordRef
from exhibit.records import RECORD_TYPES

CONTEXT = "Problems"
Translate = Callable[[str], str]
"""An English template → the template in the chosen language (itself when it has no translation)."""


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Marks `text` for lupdate (context `context`) and returns it unchanged, as Qt's own does."""
    return text


TEMPLATES: dict[str, str] = {
    # ------------------------------------------------ a record's rules
    "not_text": QT_TRANSLATE_NOOP("Problems", "%field must be text, not %kind"),
    "invalid_text": QT_TRANSLATE_NOOP("Problems", "%field contains characters that are not valid text"),
    "too_long": QT_TRANSLATE_NOOP("Problems", "%field is %length characters long; the limit is %limit"),
    "nul_character": QT_TRANSLATE_NOOP("Problems", "%field contains a NUL character"),
    "title_required": QT_TRANSLATE_NOOP("Problems", "a %field is needed in Chinese or English"),
    "required": QT_TRANSLATE_NOOP("Problems", "%field is required"),
    "duplicate": QT_TRANSLATE_NOOP("Problems", "%field '%value' is already used by %other"),
    "not_a_term": QT_TRANSLATE_NOOP("Problems", "%field '%value' is not a term of the %vocab vocabulary"),
    "bad_date": QT_TRANSLATE_NOOP("Problems", "%field: cannot read the date '%text': %why"),
    "date_unreadable": QT_TRANSLATE_NOOP("Problems", "%field: cannot read the date '%text': %why; it is kept "
                                                     "as written, without a date range"),
    "event_date_required": QT_TRANSLATE_NOOP("Problems", "an event needs a date for the timeline"),
    "lat_range": QT_TRANSLATE_NOOP("Problems", "latitude %value is outside −90…90"),
    "lon_range": QT_TRANSLATE_NOOP("Problems", "longitude %value is outside −180…180"),
    "missing_reference": QT_TRANSLATE_NOOP("Problems", "%field: %type #%id does not exist"),
    "field_problem": QT_TRANSLATE_NOOP("Problems", "%field: %why"),
    "self_link": QT_TRANSLATE_NOOP("Problems", "a record cannot link to itself"),
    "unknown_person": QT_TRANSLATE_NOOP("Problems", "%field: there is no person with the key '%value' yet; "
                                                    "the maker is kept by name and linked when that person "
                                                    "is added"),
    "measurements_unreadable": QT_TRANSLATE_NOOP("Problems", "%field: cannot read measurements from '%text': "
                                                             "%why; it is kept as written, without measurements"),
    # ------------------------------------------------ a date, and why it cannot be read
    "date_error": QT_TRANSLATE_NOOP("Problems", "cannot read the date '%text': %why"),
    "date_not_text": QT_TRANSLATE_NOOP("Problems", "cannot read the date %text: it is not text"),
    "date_invalid_characters": QT_TRANSLATE_NOOP("Problems", "cannot read the date '%text': it contains "
                                                             "invalid characters"),
    "date_not_a_number": QT_TRANSLATE_NOOP("Problems", "'%value' is not a number"),
    "date_year_short": QT_TRANSLATE_NOOP("Problems", "write the year '%value' in full, e.g. 1944"),
    "date_decade_short": QT_TRANSLATE_NOOP("Problems", "write the decade '%decade' in full, e.g. 1940s"),
    "date_year_range": QT_TRANSLATE_NOOP("Problems", "year %value is outside %low–%high"),
    "date_before_first_year": QT_TRANSLATE_NOOP("Problems", "nothing is dated before the year %value"),
    "date_century_zero": QT_TRANSLATE_NOOP("Problems", "there is no century 0"),
    "date_century_part": QT_TRANSLATE_NOOP("Problems", "a century has no '%value' part"),
    "date_decade_start": QT_TRANSLATE_NOOP("Problems", "a decade starts at a year ending in 0, not %value"),
    "date_decade_part": QT_TRANSLATE_NOOP("Problems", "a decade has an early, mid and late part, not a %value"),
    "date_no_decade": QT_TRANSLATE_NOOP("Problems", "'%value年代' is no decade of a century"),
    "date_reign_months": QT_TRANSLATE_NOOP("Problems", "the months of a reign year are lunar months; give the "
                                                       "Gregorian date"),
    "date_reign_years": QT_TRANSLATE_NOOP("Problems", "%reign has years 1 to %count (%first–%last)"),
    "date_roc_year_zero": QT_TRANSLATE_NOOP("Problems", "the Republic era (民国) has no year 0"),
    "date_no_year": QT_TRANSLATE_NOOP("Problems", "no year given"),
    "date_no_month": QT_TRANSLATE_NOOP("Problems", "month %value does not exist"),
    "date_no_day": QT_TRANSLATE_NOOP("Problems", "day %value does not exist in %month_name %year (it has "
                                                 "%days days)"),
    "date_reversed": QT_TRANSLATE_NOOP("Problems", "the range ends before it starts"),
    "date_two_qualifiers": QT_TRANSLATE_NOOP("Problems", "it has two qualifiers (%words)"),
    "date_no_date_after_qualifier": QT_TRANSLATE_NOOP("Problems", "there is no date after the qualifier"),
    "date_too_long": QT_TRANSLATE_NOOP("Problems", "it is %length characters long (a date has at most %limit)"),
    "date_unrecognised": QT_TRANSLATE_NOOP("Problems", "expected a date such as 1944-06-23, 1944年6月23日, "
                                                       "民国三十三年, 23 June 1944, c.1830–41 or early 19th "
                                                       "century"),
    # ------------------------------------------------ an import row
    "duplicate_in_file": QT_TRANSLATE_NOOP("Problems", "%field '%value' appears again on row(s) %rows of "
                                                       "the file"),
    "duplicate_in_file_title": QT_TRANSLATE_NOOP("Problems", "key or title '%value' appears again on row(s) "
                                                             "%rows of the file"),
    "not_a_term_nearest": QT_TRANSLATE_NOOP("Problems", "%field '%value' is not a term of the %vocab "
                                                        "vocabulary (nearest term: %label %term)"),
    "not_a_number": QT_TRANSLATE_NOOP("Problems", "%field '%value' is not a number"),
    "not_yes_no": QT_TRANSLATE_NOOP("Problems", "%field '%value' is neither yes nor no"),
    "unknown_place": QT_TRANSLATE_NOOP("Problems", "place '%value' is not in the archive (import the places "
                                                   "first)"),
    "ambiguous_place": QT_TRANSLATE_NOOP("Problems", "place '%value' names %count places; use its key"),
    "unknown_section": QT_TRANSLATE_NOOP("Problems", "section '%value' is not in the archive"),
    "ambiguous_name": QT_TRANSLATE_NOOP("Problems", "%count %type records are called '%value'; add a key "
                                                    "column to say which one this row is"),
    "images_without_folder": QT_TRANSLATE_NOOP("Problems", "%count image(s) listed but no media folder was "
                                                           "chosen; they are not imported"),
    "image_problem": QT_TRANSLATE_NOOP("Problems", "image %why"),
    "image_outside": QT_TRANSLATE_NOOP("Problems", "%file: is outside the chosen folder %folder"),
    "image_outside_dotdot": QT_TRANSLATE_NOOP("Problems", "%file: is outside the chosen folder %folder (the "
                                                          "path uses '..')"),
    "image_not_found": QT_TRANSLATE_NOOP("Problems", "%file: not found"),
    "image_unreadable": QT_TRANSLATE_NOOP("Problems", "%file: cannot be read (%detail)"),
    "image_symlink": QT_TRANSLATE_NOOP("Problems", "%file: is a symbolic link; links are not followed when "
                                                   "importing from a folder"),
    "image_through_symlink": QT_TRANSLATE_NOOP("Problems", "%file: its path passes through the symbolic link "
                                                           "%link; links are not followed when importing from "
                                                           "a folder"),
    "import_folder_missing": QT_TRANSLATE_NOOP("Problems", "%file: the import folder does not exist"),
    "row_too_wide": QT_TRANSLATE_NOOP("Problems", "has %count cells but the header has only %width columns "
                                                  "(a cell with an unquoted separator?)"),
    "formula_without_value": QT_TRANSLATE_NOOP("Problems", "cell %cell holds the formula %formula with no "
                                                           "saved result; formulas are not calculated on "
                                                           "import — paste the values instead"),
    "formula_value": QT_TRANSLATE_NOOP("Problems", "cell %cell holds the formula %formula; its saved result "
                                                   "“%value” was imported"),
    "rows_above_header": QT_TRANSLATE_NOOP("Problems", "row(s) %rows above the header were not imported (a "
                                                       "title or note?)"),
    "merged_cells": QT_TRANSLATE_NOOP("Problems", "cells %range are merged; “%value” was read for each cell "
                                                  "they cover"),
    "column_ignored": QT_TRANSLATE_NOOP("Problems", "column “%column” is not imported"),
    "columns_missing": QT_TRANSLATE_NOOP("Problems", "the mapping names column(s) the file does not have: "
                                                     "%columns"),
    # ------------------------------------------------ a file that cannot be read or written
    "file_empty": QT_TRANSLATE_NOOP("Problems", "%file: the file has no rows (it is empty)"),
    "file_not_found": QT_TRANSLATE_NOOP("Problems", "%file: not found"),
    "file_kind": QT_TRANSLATE_NOOP("Problems", "%file: import reads .csv, .tsv and .xlsx files"),
    "xls_workbook": QT_TRANSLATE_NOOP("Problems", "%file: is an old Excel 97–2003 workbook; save it as .xlsx "
                                                  "(Excel Workbook) and import that"),
    "at_row": QT_TRANSLATE_NOOP("Problems", "row %row"),
    "at_row_line": QT_TRANSLATE_NOOP("Problems", "row %row (line %line)"),
    "csv_unreadable": QT_TRANSLATE_NOOP("Problems", "%file: %where cannot be read as CSV (%detail)"),
    "csv_quote_never_closed": QT_TRANSLATE_NOOP("Problems", "%file: row %row (line %line) opens a quote (\") "
                                                            "that is never closed, so every line after it "
                                                            "would be read into one cell; close the quote or "
                                                            "remove it"),
    "csv_quote_too_long": QT_TRANSLATE_NOOP("Problems", "%file: %where opens a quote (\") that does not close "
                                                        "within %limit characters (Excel's limit for a cell), "
                                                        "so the lines after it would be read into one cell; "
                                                        "close the quote or remove it"),
    "csv_cell_too_long": QT_TRANSLATE_NOOP("Problems", "%file: %where has a cell of more than %limit "
                                                       "characters, more than a spreadsheet cell can hold "
                                                       "(Excel's limit); it cannot be imported"),
    "xlsx_unreadable": QT_TRANSLATE_NOOP("Problems", "%file: is not a readable .xlsx workbook (%detail)"),
    "xlsx_damaged": QT_TRANSLATE_NOOP("Problems", "%file: the workbook is damaged (%detail)"),
    "xlsx_no_sheet": QT_TRANSLATE_NOOP("Problems", "%file: the workbook has no worksheet"),
    "xlsx_password": QT_TRANSLATE_NOOP("Problems", "%file: is a password-protected workbook; open it in Excel, "
                                                   "remove the password (File ▸ Info ▸ Protect Workbook) and save "
                                                   "it again"),
    "xlsx_is_xls": QT_TRANSLATE_NOOP("Problems", "%file: is an old Excel 97–2003 workbook with an .xlsx name; "
                                                 "save it as .xlsx (Excel Workbook) and import that"),
    "xlsx_empty": QT_TRANSLATE_NOOP("Problems", "%file: is empty (0 bytes), not an .xlsx workbook"),
    "xlsx_not_zip": QT_TRANSLATE_NOOP("Problems", "%file: is not an .xlsx workbook (it is not a zip archive)"),
    "xlsx_not_excel": QT_TRANSLATE_NOOP("Problems", "%file: is a zip archive but not an Excel workbook (it has no "
                                                    "xl/workbook.xml); save it from Excel as .xlsx"),
    "xlsx_no_such_sheet": QT_TRANSLATE_NOOP("Problems", "%file: has no sheet “%sheet” (sheets: %sheets)"),
    "xlsx_too_many_files": QT_TRANSLATE_NOOP("Problems", "%file: the zip holds %count files, far more than a "
                                                         "workbook has; it cannot be imported"),
    "xlsx_encrypted_part": QT_TRANSLATE_NOOP("Problems", "%file: is encrypted (its part %part needs a password); "
                                                         "save an unprotected copy and import that"),
    "xlsx_part_too_large": QT_TRANSLATE_NOOP("Problems", "%file: its part %part would unpack to %size MB, more "
                                                         "than the %mb MB such a part may have; it cannot be "
                                                         "imported"),
    "xlsx_part_bomb": QT_TRANSLATE_NOOP("Problems", "%file: its part %part unpacks to more than %mb MB; it cannot "
                                                    "be imported"),
    "xlsx_dtd": QT_TRANSLATE_NOOP("Problems", "%file: its part %part declares a document type (DTD); a workbook "
                                              "has none, and its entities could read other files or expand "
                                              "without end, so it is not imported"),
    "xlsx_no_tag": QT_TRANSLATE_NOOP("Problems", "%file: its part %part holds more than %mb MB without a tag (an "
                                                 "oversized cell, tag or comment); it cannot be imported"),
    "xlsx_too_deep": QT_TRANSLATE_NOOP("Problems", "%file: its part %part nests elements more than %depth deep; a "
                                                   "workbook does not, so it is not imported"),
    "xlsx_too_many_elements": QT_TRANSLATE_NOOP("Problems", "%file: its part %part has more than %limit elements, "
                                                            "more than a sheet this program can import; split it "
                                                            "into smaller files"),
    "xlsx_too_many_formats": QT_TRANSLATE_NOOP("Problems", "%file: has more than %limit cell formats; it cannot "
                                                           "be imported"),
    "table_too_large": QT_TRANSLATE_NOOP("Problems", "%file: is too large to import at once (at %where its cells "
                                                     "already take more than %mb MB in memory); split it into "
                                                     "smaller files"),
    "cell_too_long": QT_TRANSLATE_NOOP("Problems", "%file: %where holds more than %limit characters, more than a "
                                                   "spreadsheet cell can (Excel's limit); it cannot be imported"),
    "too_many_rows": QT_TRANSLATE_NOOP("Problems", "%file: has more than %limit rows (%where), more than a "
                                                   "spreadsheet can hold; split it into smaller files"),
    "too_many_columns": QT_TRANSLATE_NOOP("Problems", "%file: %where has %count cells, more than the %limit "
                                                      "columns a spreadsheet can hold; it cannot be imported"),
    "at_cell": QT_TRANSLATE_NOOP("Problems", "cell %cell"),
    "at_shared_string": QT_TRANSLATE_NOOP("Problems", "shared string %number"),
    "at_merged_range": QT_TRANSLATE_NOOP("Problems", "the merged range %range"),
    "at_merged_cells": QT_TRANSLATE_NOOP("Problems", "the merged cells %range"),
    "merged_reaches_row": QT_TRANSLATE_NOOP("Problems", "a merged range reaches row %row"),
    "encoding_unknown": QT_TRANSLATE_NOOP("Problems", "%file: line %line is not text in UTF-8, GB18030/GBK or "
                                                      "UTF-16 with a byte-order mark; %why"),
    "encoding_private_use": QT_TRANSLATE_NOOP("Problems", "%file: line %line is neither UTF-8 nor meaningful "
                                                          "GB18030 text (it decodes to private-use "
                                                          "characters); %why"),
    "encoding_wide": QT_TRANSLATE_NOOP("Problems", "%file: is UTF-16 without a byte-order mark (or another "
                                                   "wide encoding), which cannot be read reliably; %why"),
    "encoding_nul": QT_TRANSLATE_NOOP("Problems", "%file: line %line contains a NUL character (byte 0), which "
                                                  "text does not; the file is damaged or not text (UTF-16 "
                                                  "without a byte-order mark?) — %why"),
    "encoding_bom_mismatch": QT_TRANSLATE_NOOP("Problems", "%file: starts with a UTF-8 byte-order mark but line "
                                                           "%line is not UTF-8 (GBK saved after a UTF-8 mark?); "
                                                           "%why"),
    "encoding_mixed": QT_TRANSLATE_NOOP("Problems", "%file: mixes two encodings — line(s) %utf8 are UTF-8 but "
                                                    "line(s) %gbk are GB18030/GBK, so one kind would be read "
                                                    "as nonsense; %why"),
    "encoding_invalid": QT_TRANSLATE_NOOP("Problems", "%file: line %line is not valid %encoding (the encoding "
                                                      "the file's start says it has); %why"),
    "line_too_long": QT_TRANSLATE_NOOP("Problems", "%file: line %line is longer than %mb MB without a line "
                                                   "break; that is not a table's row (a binary file, or a "
                                                   "quote that never closes?)"),
    "file_unreadable": QT_TRANSLATE_NOOP("Problems", "%file: cannot be read (%detail)"),
    "save_as_utf8": QT_TRANSLATE_NOOP("Problems", "save it from Excel as “CSV UTF-8 (comma delimited)”, or "
                                                  "from WPS/LibreOffice as UTF-8, and import it again"),
    "export_missing": QT_TRANSLATE_NOOP("Problems", "cannot export %type #%id: it does not exist"),
    "export_control_characters": QT_TRANSLATE_NOOP("Problems", "cannot write %type%ident to %file: %field "
                                                               "contains control characters that .xlsx cannot "
                                                               "hold; export as CSV instead"),
    "export_kind": QT_TRANSLATE_NOOP("Problems", "%file: export writes .csv, .tsv or .xlsx files"),
    "bundle_exists": QT_TRANSLATE_NOOP("Problems", "%file already exists; choose a new name for the bundle"),
    "iiif_not_empty": QT_TRANSLATE_NOOP("Problems", "%file is not empty; choose a new folder for the IIIF "
                                                    "export"),
    # ------------------------------------------------ a label
    "label_missing_glyph": QT_TRANSLATE_NOOP("Problems", "%field has characters the font lacks: %chars; they "
                                                         "would print as empty boxes (set EXHIBIT_CJK_FONT to "
                                                         "a font that has them, or edit the text)"),
    "label_overflow": QT_TRANSLATE_NOOP("Problems", "the text does not fit even at %min_pt pt, the smallest "
                                                    "body size for reading at %distance (%fields): it needs "
                                                    "%needed mm of height, the label has %available mm; "
                                                    "shorten it, choose a larger page or sheet, or let the "
                                                    "text be cut to fit"),
    "label_truncated": QT_TRANSLATE_NOOP("Problems", "cut to fit at %pt pt: %fields ends with “…”"),
    "label_shrunk": QT_TRANSLATE_NOOP("Problems", "body text set at %pt pt to fit, below the %target pt for "
                                                  "reading at a distance; use a larger label or shorten the "
                                                  "text"),
    "label_words": QT_TRANSLATE_NOOP("Problems", "English text has %count words; %kind labels should keep to "
                                                 "%limit"),
    "label_chars": QT_TRANSLATE_NOOP("Problems", "Chinese text has %count characters; %kind labels should "
                                                 "keep to %limit"),
    "label_sentence_words": QT_TRANSLATE_NOOP("Problems", "a sentence of %count words (keep to %limit): "
                                                          "“%start”"),
    "label_sentence_chars": QT_TRANSLATE_NOOP("Problems", "a sentence of %count characters (keep to %limit): "
                                                          "“%start…”"),
    "label_lines_long": QT_TRANSLATE_NOOP("Problems", "English lines hold about %chars characters; %low–%high "
                                                      "read best"),
    "label_lines_short": QT_TRANSLATE_NOOP("Problems", "English lines hold only about %chars characters; "
                                                       "%low–%high read best"),
    "label_no_copy": QT_TRANSLATE_NOOP("Problems", "%field is empty: the label prints the catalogue "
                                                   "description instead; write label text for visitors"),
    "label_unpublished": QT_TRANSLATE_NOOP("Problems", "the record is not published (record status %status); "
                                                       "it prints because its accession number was asked for"),
    "label_halfwidth_punct": QT_TRANSLATE_NOOP("Problems", "%field has half-width punctuation between Chinese "
                                                           "characters (%sample); fix it with the labels "
                                                           "command's --fix-punctuation"),
    "label_problem": QT_TRANSLATE_NOOP("Problems", "%label: %why"),
    "labels_refused": QT_TRANSLATE_NOOP("Problems", "%count label(s) cannot be printed; nothing was written:"
                                                    "\n  %lines%more"),
    "and_more": QT_TRANSLATE_NOOP("Problems", "\n  … and %count more"),
    "photo_unreadable": QT_TRANSLATE_NOOP("Problems", "photo file missing or unreadable (%file): %detail; the "
                                                      "label prints without a photo"),
    "photo_missing": QT_TRANSLATE_NOOP("Problems", "photo file missing (%file); the label prints without a "
                                                   "photo"),
    "photo_no_caption": QT_TRANSLATE_NOOP("Problems", "the photo has no caption in the chosen language"),
    "nothing_objects": QT_TRANSLATE_NOOP("Problems", "nothing to print: no objects in %selection"),
    "nothing_panels": QT_TRANSLATE_NOOP("Problems", "nothing to print: no panels in %selection"),
    "nothing_photographs": QT_TRANSLATE_NOOP("Problems", "nothing to print: no photographs in %selection"),
    "nothing_published": QT_TRANSLATE_NOOP("Problems", "nothing to print: the %count object(s) in %selection "
                                                       "are not published; choose reviewed or draft records "
                                                       "to print them"),
    "chosen_accessions": QT_TRANSLATE_NOOP("Problems", "%count accession number(s)"),
    "chosen_section": QT_TRANSLATE_NOOP("Problems", "section %section"),
    "chosen_panels": QT_TRANSLATE_NOOP("Problems", "panel(s) %panels"),
    "chosen_changed_since": QT_TRANSLATE_NOOP("Problems", "changed since %date"),
    "chosen_everything": QT_TRANSLATE_NOOP("Problems", "the whole exhibition"),
    # ------------------------------------------------ keeping the archive sound
    "db_damage": QT_TRANSLATE_NOOP("Problems", "the database reports: %detail"),
    "db_missing": QT_TRANSLATE_NOOP("Problems", "%file does not exist"),
    "db_not_a_file": QT_TRANSLATE_NOOP("Problems", "%file is a folder or device, not a database file"),
    "db_empty": QT_TRANSLATE_NOOP("Problems", "the file is empty (0 bytes): its records are gone"),
    "db_cannot_open": QT_TRANSLATE_NOOP("Problems", "cannot be opened: %detail"),
    "db_not_an_archive": QT_TRANSLATE_NOOP("Problems", "an SQLite database but not an Exhibit archive (no "
                                                       "schema version)"),
    "db_newer_schema": QT_TRANSLATE_NOOP("Problems", "schema version %version: made by a newer Exhibit (this "
                                                     "one knows up to %known); not checked further"),
    "db_other": QT_TRANSLATE_NOOP("Problems", "the check reports: %detail"),
    "backup_missing": QT_TRANSLATE_NOOP("Problems", "%file does not exist or is not a file"),
    "backup_empty": QT_TRANSLATE_NOOP("Problems", "%file is empty (0 bytes)"),
    "backup_damage": QT_TRANSLATE_NOOP("Problems", "%file: %detail"),
    "backup_newer": QT_TRANSLATE_NOOP("Problems", "%file has schema version %version; this program knows up "
                                                  "to %known"),
    "backup_not_an_archive": QT_TRANSLATE_NOOP("Problems", "%file is an SQLite database but not an Exhibit "
                                                           "archive"),
    "backup_schema": QT_TRANSLATE_NOOP("Problems", "%file: its %detail"),
}

# The label checker's templates ("object", "caption", "panel"), as the %kind of a label warning.
LABEL_KINDS = {
    "object": QT_TRANSLATE_NOOP("Problems", "object"),
    "caption": QT_TRANSLATE_NOOP("Problems", "caption"),
    "panel": QT_TRANSLATE_NOOP("Problems", "panel"),
}

_PART = re.compile(r"%([A-Za-z][A-Za-z0-9_]*)")   # ASCII names: a Chinese character may follow one
_GROUPED = {"length", "limit"}                   # counts shown with thousands separators
_ROUNDED = {"needed", "available"}               # millimetres, as whole numbers


# ---------------------------------------------------------------- rendering a problem

def field_name(name: str, record_type: str | None, lang: str) -> str:
    """A field's name in `lang`; without a record type, the first type that has it."""
    if record_type in RECORD_TYPES:
        return names.field_text(record_type, name, lang)
    for candidate in RECORD_TYPES:
        try:
            return names.field(candidate, name).text(lang)
        except names.UnknownNameError:
            continue
    return name


def _vocab_name(vocab_name: str, lang: str) -> str:
    try:
        named = names.value_set(vocab_name)
    except names.UnknownNameError:
        return vocab_name
    return named.zh if lang == "zh" else named.en


def _type_name(record_type: str, lang: str) -> str:
    """A record type inside a sentence: "object" in English (the registry's Object starts a label)."""
    name = names.type_text(record_type, lang)
    return name.lower() if lang == "en" else name


def _value(key: str, value: Any, record_type: str | None, lang: str, translate: Translate) -> str:
    if isinstance(value, Problem):
        return render(value, lang, translate, record_type)
    if isinstance(value, RecordRef):
        return value.text(_type_name(value.record_type, lang), lang)
    if isinstance(value, (list, tuple)):
        parts = [field_name(v, record_type, lang) if key == "fields" else _value(key, v, record_type, lang, translate)
                 for v in value]
        separator = LIST_SEPARATORS.get(key) or ("、" if lang == "zh" else ", ")
        return separator.join(parts)
    if key == "type" and isinstance(value, str):
        return _type_name(value, lang)
    if key == "vocab" and isinstance(value, str):
        return _vocab_name(value, lang)
    if key == "kind" and value in LABEL_KINDS:
        return translate(LABEL_KINDS[value])
    if isinstance(value, float):
        return f"{value:.0f}" if key in _ROUNDED else f"{value:g}"
    if isinstance(value, int) and not isinstance(value, bool) and key in _GROUPED:
        return f"{value:,}"
    return str(value)


def render(problem: Problem, lang: str, translate: Translate, record_type: str | None = None) -> str:
    """`problem` as one sentence: its template through `translate`, the names in `lang` ('zh' or 'en').

    `record_type` names the fields (an object's 名称, a person's 姓名); without
    it the field takes the name the first record type gives it.
    """
    source = TEMPLATES.get(problem.code)
    template = translate(source) if source else ""
    if not template:
        return str(problem)  # a code without a template yet: the core's English
    params = problem.params
    owner = record_type or (params.get("type") if isinstance(params.get("type"), str) else None)
    parts = {key: _value(key, value, owner, lang, translate) for key, value in params.items()}
    parts["field"] = field_name(problem.field, owner, lang) if problem.field is not None else ""
    month = params.get("month")
    if isinstance(month, int) and 1 <= month <= 12:
        parts["month_name"] = calendar.month_name[month]
    # One pass over the template: a value that happens to contain "%count" stays as it is.
    return _PART.sub(lambda m: parts.get(m.group(1), m.group(0)), template)


# ---------------------------------------------------------------- the catalogue, without Qt

def read_catalogue(path: Path | str, context: str = CONTEXT) -> dict[str, str]:
    """One context of a Qt .ts catalogue: source → translation, the ones lrelease compiles.

    As `lrelease` (ui.common.i18n) builds the .qm the windows load: an obsolete or
    vanished message is left out, an unfinished one with text is kept, an empty
    one is left out (Qt then shows the source).
    """
    found: dict[str, str] = {}
    for element in ET.parse(path).getroot().iter("context"):
        if element.findtext("name") != context:
            continue
        for message in element.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") in ("obsolete", "vanished"):
                continue
            text = "".join(translation.itertext())
            if text:
                found[message.findtext("source") or ""] = text
    return found


@lru_cache(maxsize=4)
def _catalogue(path: str, stamp: tuple[int, int]) -> dict[str, str]:
    """Read once per version of the file (`stamp`: its mtime and size), so an edited .ts is seen."""
    return read_catalogue(path)


def translator(lang: str) -> Translate | None:
    """The catalogue main.py named for `lang` as a Translate, or None when there is none (or it cannot be read)."""
    path = catalogues.place(lang)
    if path is None:
        return None
    try:
        stat = os.stat(path)
        table = _catalogue(str(path), (stat.st_mtime_ns, stat.st_size))
    except (OSError, ET.ParseError):
        return None  # a catalogue missing from an installation: the core's English, not a failed import
    return lambda text: table.get(text, text)


def sentence(problem: Problem, lang: str, record_type: str | None = None) -> str:
    """`problem` in `lang` for a file the core writes: in Chinese as the windows say it; in English,
    or without a catalogue, as the command line says it (str(problem))."""
    if lang != "en":
        translate = translator(lang)
        if translate is not None:
            return render(problem, lang, translate, record_type)
    return str(problem)
