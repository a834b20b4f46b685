"""Problems as data: what is wrong, with which field, and the values involved.

A rule that finds something wrong says so as a `Problem`: the field it is
about, a stable code and the code's parameters, e.g.
`Problem("accession", "duplicate", {"value": "HY1", "other": RecordRef(...)})`.
`str(problem)` is the English sentence the command line and the logs print
(the wording the program always used). The curator window does not parse
that sentence: it matches a problem to its field by `field` and translates it
by `code` (one table of translated templates, one per code), so the Chinese form,
import report and print dialog say every problem in Chinese.

CODES is the one table of codes, each with its English template and its
severity ("error" refuses a save, an import row or a print; "warning" keeps
going and says so). A template names its parameters as `{name}`; besides the
parameters it may use `{field}` (the field as the core names it, e.g.
date_text), `{field_words}` ("accession number" for accession) and
`{a_field_words}` ("an accession number"). A parameter may itself be a
Problem (a date's reason inside "cannot read the date …"), a RecordRef or a
list; each is written out in its own way. No Qt, no translations here.
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from dataclasses import field as dataclass_field  # `field` is a Problem attribute below
from typing import Any, Mapping

ERROR, WARNING = "error", "warning"


@dataclass(frozen=True)
class Code:
    english: str
    severity: str = ERROR


@dataclass(frozen=True)
class RecordRef:
    """A record named in a problem ("already used by …"): enough to name it in either language."""
    record_type: str
    ident: str = ""
    id: int | None = None
    title_zh: str = ""
    title_en: str = ""

    @classmethod
    def of(cls, record: Any) -> "RecordRef":
        ident = getattr(record, record.IDENT, None) if record.IDENT else None
        zh, en = record.title_pair()
        return cls(record.TYPE, str(ident or ""), record.id, zh, en)

    def title(self, lang: str) -> str:
        return (self.title_zh or self.title_en) if lang == "zh" else (self.title_en or self.title_zh)

    def text(self, type_name: str, lang: str) -> str:
        """Type name, identifier (or #id) and title, as Record.label() writes them."""
        parts = [type_name]
        if self.ident:
            parts.append(self.ident)
        elif self.id is not None:
            parts.append(f"#{self.id}")
        if self.title(lang):
            parts.append(f"“{self.title(lang)}”")
        return " ".join(parts)

    def __str__(self) -> str:
        return self.text(self.record_type, "zh")  # = Record.label()


@dataclass(frozen=True, eq=True)
class Problem:
    field: str | None                  # the record field (or import column) it is about; None: the record/file
    code: str                          # a key of CODES
    params: Mapping[str, Any] = dataclass_field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.code not in CODES:     # a typo in a code would reach the curator untranslated
            raise ValueError(f"unknown problem code {self.code!r}")

    __hash__ = None  # type: ignore[assignment]  # params is a dict

    @property
    def severity(self) -> str:
        return CODES[self.code].severity

    @property
    def is_warning(self) -> bool:
        return self.severity == WARNING

    def __str__(self) -> str:
        return english(self)


# How a list parameter is written: one item per line for "lines", else in a row.
LIST_SEPARATORS = {"lines": "\n  "}

# Fields whose English name in a sentence is not the field's own name.
_FIELD_WORDS = {"accession": "accession number"}


def field_words(name: str | None) -> str:
    return _FIELD_WORDS.get(name or "", name or "")


def _english_value(key: str, value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATORS.get(key, ", ").join(str(_english_value(key, v)) for v in value)
    if isinstance(value, (Problem, RecordRef)):
        return str(value)
    return value


def english(problem: Problem) -> str:
    """The problem's English sentence (for the command line, logs and the import report)."""
    values = {k: _english_value(k, v) for k, v in problem.params.items()}
    words = field_words(problem.field)
    values.setdefault("field", problem.field or "")
    values["field_words"] = words
    values["a_field_words"] = ("an " if words[:1] in tuple("aeiou") else "a ") + words
    if isinstance(problem.params.get("month"), int) and 1 <= problem.params["month"] <= 12:
        values["month_name"] = calendar.month_name[problem.params["month"]]
    return CODES[problem.code].english.format_map(values)


def texts(problems: list[Problem]) -> list[str]:
    """The English sentences of `problems` (for reports and JSON that hold text)."""
    return [str(p) for p in problems]


_DATE_EXAMPLES = "1944-06-23, 1944年6月23日, 民国三十三年, 23 June 1944, c.1830–41 or early 19th century"

CODES: dict[str, Code] = {
    # ------------------------------------------------ a record's rules (exhibit.rules)
    "not_text": Code("{field} must be text, not {kind}"),
    "invalid_text": Code("{field} contains characters that are not valid text (lone surrogates)"),
    "too_long": Code("{field} is {length:,} characters long; the limit is {limit:,}"),
    "nul_character": Code("{field} contains a NUL character"),
    "title_required": Code("a {field} is needed in Chinese or English"),
    "required": Code("{a_field_words} is required"),
    "duplicate": Code("{field_words} '{value}' is already used by {other}"),
    "not_a_term": Code("{field} '{value}' is not a term of the {vocab} vocabulary"),
    "bad_date": Code("{field}: cannot read the date '{text}': {why}"),
    "date_unreadable": Code("{field}: cannot read the date '{text}': {why}; it is kept as written, "
                            "without a date range", WARNING),
    "event_date_required": Code("an event needs a date for the timeline"),
    "lat_range": Code("latitude {value} is outside −90…90"),
    "lon_range": Code("longitude {value} is outside −180…180"),
    "missing_reference": Code("{field}: {type} #{id} does not exist"),
    "field_problem": Code("{field}: {why}"),
    "self_link": Code("a record cannot link to itself"),
    "unknown_person": Code("{field}: there is no person with the key '{value}' yet; the maker is kept "
                           "by name and linked when that person is added", WARNING),
    "measurements_unreadable": Code("{field}: cannot read measurements from '{text}': {why}; it is kept "
                                    "as written, without measurements", WARNING),
    # ------------------------------------------------ a date on its own (exhibit.dates)
    "date_error": Code("cannot read the date '{text}': {why}"),
    "date_not_text": Code("cannot read the date {text}: it is not text"),
    "date_invalid_characters": Code("cannot read the date '{text}': it contains invalid characters"),
    # why a date cannot be read: the {why} of the codes above
    "date_not_a_number": Code("'{value}' is not a number"),
    "date_year_short": Code("write the year '{value}' in full, e.g. 1944"),
    "date_decade_short": Code("write the decade '{decade}' in full, e.g. 1940s"),
    "date_year_range": Code("year {value} is outside {low}–{high}"),
    "date_before_first_year": Code("nothing is dated before the year {value}"),
    "date_century_zero": Code("there is no century 0"),
    "date_century_part": Code("a century has no '{value}' part"),
    "date_decade_start": Code("a decade starts at a year ending in 0, not {value}"),
    "date_decade_part": Code("a decade has an early, mid and late part, not a {value}"),
    "date_no_decade": Code("'{value}年代' is no decade of a century"),
    "date_reign_months": Code("the months of a reign year are lunar months; give the Gregorian date"),
    "date_reign_years": Code("{reign} has years 1 to {count} ({first}–{last})"),
    "date_roc_year_zero": Code("the Republic era (民国) has no year 0"),
    "date_no_year": Code("no year given"),
    "date_no_month": Code("month {value} does not exist"),
    "date_no_day": Code("day {value} does not exist in {month_name} {year} (it has {days} days)"),
    "date_reversed": Code("the range ends before it starts"),
    "date_two_qualifiers": Code("it has two qualifiers ({words})"),
    "date_no_date_after_qualifier": Code("there is no date after the qualifier"),
    "date_too_long": Code("it is {length} characters long (a date has at most {limit})"),
    "date_unrecognised": Code("expected a date such as " + _DATE_EXAMPLES),
    # ------------------------------------------------ an import row (exhibit.interchange)
    "duplicate_in_file": Code("{field_words} '{value}' appears again on row(s) {rows} of the file"),
    "duplicate_in_file_title": Code("key or title '{value}' appears again on row(s) {rows} of the file"),
    "not_a_term_nearest": Code("{field} '{value}' is not a term of the {vocab} vocabulary "
                               "(nearest term: {label} {term})"),
    "not_a_number": Code("{field} '{value}' is not a number"),
    "not_yes_no": Code("{field} '{value}' is neither yes nor no"),
    "unknown_place": Code("place '{value}' is not in the archive (import the places first)"),
    "ambiguous_place": Code("place '{value}' names {count} places; use its key"),
    "unknown_section": Code("section '{value}' is not in the archive"),
    "ambiguous_name": Code("{count} {type} records are called '{value}'; add a key column to say "
                           "which one this row is"),
    "images_without_folder": Code("{count} image(s) listed but no media folder was chosen; "
                                  "they are not imported", WARNING),
    "image_problem": Code("image {why}"),
    "image_outside": Code("{file}: is outside the chosen folder {folder}"),
    "image_outside_dotdot": Code("{file}: is outside the chosen folder {folder} (the path uses '..')"),
    "image_not_found": Code("{file}: not found"),
    "image_unreadable": Code("{file}: cannot be read ({detail})"),
    "image_symlink": Code("{file}: is a symbolic link; links are not followed when importing from a folder"),
    "image_through_symlink": Code("{file}: its path passes through the symbolic link {link}; links are not "
                                  "followed when importing from a folder"),
    "import_folder_missing": Code("{file}: the import folder does not exist"),
    "row_too_wide": Code("has {count} cells but the header has only {width} columns "
                         "(a cell with an unquoted separator?)"),
    "formula_without_value": Code("cell {cell} holds the formula {formula} with no saved result; "
                                  "formulas are not calculated on import — paste the values instead"),
    "formula_value": Code("cell {cell} holds the formula {formula}; its saved result “{value}” was imported",
                          WARNING),
    "rows_above_header": Code("row(s) {rows} above the header were not imported (a title or note?)", WARNING),
    "merged_cells": Code("cells {range} are merged; “{value}” was read for each cell they cover", WARNING),
    "column_ignored": Code("column “{column}” is not imported", WARNING),
    "columns_missing": Code("the mapping names column(s) the file does not have: {columns}", WARNING),
    # ------------------------------------------------ a file that cannot be read or written
    "file_empty": Code("{file}: the file has no rows (it is empty)"),
    "file_not_found": Code("{file}: not found"),
    "file_kind": Code("{file}: import reads .csv, .tsv and .xlsx files"),
    "xls_workbook": Code("{file}: is an old Excel 97–2003 workbook; save it as .xlsx (Excel Workbook) "
                         "and import that"),
    "at_row": Code("row {row:,}"),
    "at_row_line": Code("row {row:,} (line {line:,})"),
    "csv_unreadable": Code("{file}: {where} cannot be read as CSV ({detail})"),
    "csv_quote_never_closed": Code("{file}: row {row} (line {line}) opens a quote (\") that is never closed, "
                                   "so every line after it would be read into one cell; close the quote or "
                                   "remove it"),
    "csv_quote_too_long": Code("{file}: {where} opens a quote (\") that does not close within {limit:,} "
                               "characters (Excel's limit for a cell), so the lines after it would be read "
                               "into one cell; close the quote or remove it"),
    "csv_cell_too_long": Code("{file}: {where} has a cell of more than {limit:,} characters, more than a "
                              "spreadsheet cell can hold (Excel's limit); it cannot be imported"),
    "xlsx_unreadable": Code("{file}: is not a readable .xlsx workbook ({detail})"),
    "xlsx_damaged": Code("{file}: the workbook is damaged ({detail})"),
    "xlsx_no_sheet": Code("{file}: the workbook has no worksheet"),
    "xlsx_password": Code("{file}: is a password-protected workbook; open it in Excel, remove the password "
                          "(File ▸ Info ▸ Protect Workbook) and save it again"),
    "xlsx_is_xls": Code("{file}: is an old Excel 97–2003 workbook with an .xlsx name; save it as .xlsx "
                        "(Excel Workbook) and import that"),
    "xlsx_empty": Code("{file}: is empty (0 bytes), not an .xlsx workbook"),
    "xlsx_not_zip": Code("{file}: is not an .xlsx workbook (it is not a zip archive)"),
    "xlsx_not_excel": Code("{file}: is a zip archive but not an Excel workbook (it has no xl/workbook.xml); "
                           "save it from Excel as .xlsx"),
    "xlsx_no_such_sheet": Code("{file}: has no sheet “{sheet}” (sheets: {sheets})"),
    "xlsx_too_many_files": Code("{file}: the zip holds {count:,} files, far more than a workbook has; "
                                "it cannot be imported"),
    "xlsx_encrypted_part": Code("{file}: is encrypted (its part {part} needs a password); save an unprotected "
                                "copy and import that"),
    "xlsx_part_too_large": Code("{file}: its part {part} would unpack to {size:,} MB, more than the {mb} MB "
                                "such a part may have; it cannot be imported"),
    "xlsx_part_bomb": Code("{file}: its part {part} unpacks to more than {mb} MB; it cannot be imported"),
    "xlsx_dtd": Code("{file}: its part {part} declares a document type (DTD); a workbook has none, and its "
                     "entities could read other files or expand without end, so it is not imported"),
    "xlsx_no_tag": Code("{file}: its part {part} holds more than {mb} MB without a tag (an oversized cell, "
                        "tag or comment); it cannot be imported"),
    "xlsx_too_deep": Code("{file}: its part {part} nests elements more than {depth} deep; a workbook does not, "
                          "so it is not imported"),
    "xlsx_too_many_elements": Code("{file}: its part {part} has more than {limit:,} elements, more than a sheet "
                                   "this program can import; split it into smaller files"),
    "xlsx_too_many_formats": Code("{file}: has more than {limit:,} cell formats; it cannot be imported"),
    # the size limits of any table (exhibit.interchange.limits), and where in the file one was passed
    "table_too_large": Code("{file}: is too large to import at once (at {where} its cells already take more "
                            "than {mb} MB in memory); split it into smaller files"),
    "cell_too_long": Code("{file}: {where} holds more than {limit:,} characters, more than a spreadsheet cell "
                          "can (Excel's limit); it cannot be imported"),
    "too_many_rows": Code("{file}: has more than {limit:,} rows ({where}), more than a spreadsheet can hold; "
                          "split it into smaller files"),
    "too_many_columns": Code("{file}: {where} has {count:,} cells, more than the {limit:,} columns a "
                             "spreadsheet can hold; it cannot be imported"),
    "at_cell": Code("cell {cell}"),
    "at_shared_string": Code("shared string {number:,}"),
    "at_merged_range": Code("the merged range {range}"),
    "at_merged_cells": Code("the merged cells {range}"),
    "merged_reaches_row": Code("a merged range reaches row {row:,}"),
    "encoding_unknown": Code("{file}: line {line} is not text in UTF-8, GB18030/GBK or UTF-16 with a "
                             "byte-order mark; {why}"),
    "encoding_private_use": Code("{file}: line {line} is neither UTF-8 nor meaningful GB18030 text "
                                 "(it decodes to private-use characters); {why}"),
    "encoding_wide": Code("{file}: is UTF-16 without a byte-order mark (or another wide encoding), "
                          "which cannot be read reliably; {why}"),
    "encoding_nul": Code("{file}: line {line} contains a NUL character (byte 0), which text does not; the file "
                         "is damaged or not text (UTF-16 without a byte-order mark?) — {why}"),
    "encoding_bom_mismatch": Code("{file}: starts with a UTF-8 byte-order mark but line {line} is not UTF-8 "
                                  "(GBK saved after a UTF-8 mark?); {why}"),
    "encoding_mixed": Code("{file}: mixes two encodings — line(s) {utf8} are UTF-8 but line(s) {gbk} are "
                           "GB18030/GBK, so one kind would be read as nonsense; {why}"),
    "encoding_invalid": Code("{file}: line {line} is not valid {encoding} (the encoding the file's start says "
                             "it has); {why}"),
    "line_too_long": Code("{file}: line {line} is longer than {mb} MB without a line break; that is not a "
                          "table's row (a binary file, or a quote that never closes?)"),
    "file_unreadable": Code("{file}: cannot be read ({detail})"),
    "save_as_utf8": Code("save it from Excel as “CSV UTF-8 (comma delimited)”, or from WPS/LibreOffice "
                         "as UTF-8, and import it again"),
    "export_missing": Code("cannot export {type} #{id}: it does not exist"),
    "export_control_characters": Code("cannot write {type}{ident} to {file}: {field} contains control characters "
                                      "that .xlsx cannot hold; export as CSV instead"),
    "export_kind": Code("{file}: export writes .csv, .tsv or .xlsx files"),
    "bundle_exists": Code("{file} already exists; choose a new name for the bundle"),
    "iiif_not_empty": Code("{file} is not empty; choose a new folder for the IIIF export"),
    # ------------------------------------------------ a label (exhibit.printing.checker)
    "label_missing_glyph": Code("{field} has characters the font lacks: {chars}; they would print as empty "
                                "boxes (set EXHIBIT_CJK_FONT to a font that has them, or edit the text)"),
    "label_overflow": Code("the text does not fit even at {min_pt:g} pt, the smallest body size for reading at "
                           "{distance} ({fields}): it needs {needed:.0f} mm of height, the label has "
                           "{available:.0f} mm; shorten it, choose a larger --page/--sheet, "
                           "or use --overflow truncate"),
    "label_truncated": Code("cut to fit at {pt:g} pt: {fields} ends with “…”", WARNING),
    "label_shrunk": Code("body text set at {pt:g} pt to fit, below the {target:g} pt for reading at a "
                         "distance; use a larger label or shorten the text", WARNING),
    "label_words": Code("English text has {count} words; {kind} labels should keep to {limit}", WARNING),
    "label_chars": Code("Chinese text has {count} characters; {kind} labels should keep to {limit}", WARNING),
    "label_sentence_words": Code("a sentence of {count} words (keep to {limit}): “{start}”", WARNING),
    "label_sentence_chars": Code("a sentence of {count} characters (keep to {limit}): “{start}…”", WARNING),
    "label_lines_long": Code("English lines hold about {chars} characters; {low}–{high} read best", WARNING),
    "label_lines_short": Code("English lines hold only about {chars} characters; {low}–{high} read best",
                              WARNING),
    "label_no_copy": Code("{field} is empty: the label prints the catalogue description instead; write "
                          "label text for visitors", WARNING),
    "label_unpublished": Code("the record is not published (record status {status}); it prints because its "
                              "accession number was asked for", WARNING),
    "label_halfwidth_punct": Code("{field} has half-width punctuation between Chinese characters ({sample}); "
                                  "main.py labels --fix-punctuation makes it full-width", WARNING),
    "label_problem": Code("{label}: {why}"),
    "labels_refused": Code("{count} label(s) cannot be printed; nothing was written:\n  {lines}{more}"),
    "and_more": Code("\n  … and {count} more"),
    "photo_unreadable": Code("photo file missing or unreadable ({file}): {detail}; the label prints "
                             "without a photo", WARNING),
    "photo_missing": Code("photo file missing ({file}); the label prints without a photo", WARNING),
    "photo_no_caption": Code("the photo has no caption in the chosen language", WARNING),
    # nothing matched what was chosen to print (exhibit.printing.select); {selection} lists the choices
    "nothing_objects": Code("nothing to print: no objects in {selection}"),
    "nothing_panels": Code("nothing to print: no panels in {selection}"),
    "nothing_photographs": Code("nothing to print: no photographs in {selection}"),
    "nothing_published": Code("nothing to print: the {count} object(s) in {selection} are not published; "
                              "choose reviewed or draft records to print them (--status reviewed, "
                              "--include-drafts)"),
    "chosen_accessions": Code("{count} accession number(s)"),
    "chosen_section": Code("section {section}"),
    "chosen_panels": Code("panel(s) {panels}"),
    "chosen_changed_since": Code("changed since {date}"),
    "chosen_everything": Code("the whole exhibition"),
    # ------------------------------------------------ keeping the archive sound (exhibit.keeping)
    "db_damage": Code("{detail}"),   # SQLite's own words (integrity_check, an error message)
    "db_missing": Code("{file} does not exist"),
    "db_not_a_file": Code("{file} is a folder or device, not a database file"),
    "db_empty": Code("the file is empty (0 bytes): its records are gone"),
    "db_cannot_open": Code("cannot be opened: {detail}"),
    "db_not_an_archive": Code("an SQLite database but not an Exhibit archive (no schema version)"),
    "db_newer_schema": Code("schema version {version}: made by a newer Exhibit (this one knows up to {known}); "
                            "not checked further"),
    "db_other": Code("{detail}"),    # read-only storage, the search index: their own sentences
    "backup_missing": Code("{file} does not exist or is not a file"),
    "backup_empty": Code("{file} is empty (0 bytes)"),
    "backup_damage": Code("{file}: {detail}"),
    "backup_newer": Code("{file} has schema version {version}; this program knows up to {known}"),
    "backup_not_an_archive": Code("{file} is an SQLite database but not an Exhibit archive"),
    "backup_schema": Code("{file}: its {detail}"),
}
