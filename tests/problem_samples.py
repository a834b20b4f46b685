"""One example of every problem code, with the parameters its rule gives, for the display tests.

tests/core/test_problems.py fails when exhibit.problems.CODES gains a code
that has no sample here, so every new code is shown once in Chinese by
tests/ui/test_problems_zh.py.
"""
from __future__ import annotations

from exhibit.problems import Problem, RecordRef

_WHY = Problem(None, "date_no_month", {"value": 13})
_HINT = Problem(None, "save_as_utf8")
_OTHER = RecordRef("object", "HY1944.0001", 1, "军号", "Bugle")

SAMPLES: dict[str, Problem] = {p.code: p for p in [
    Problem("name_zh", "not_text", {"kind": "int"}),
    Problem("name_zh", "invalid_text"),
    Problem("description_zh", "too_long", {"length": 20_001, "limit": 20_000}),
    Problem("name_zh", "nul_character"),
    Problem("name", "title_required"),
    Problem("accession", "required"),
    Problem("accession", "duplicate", {"value": "HY1944.0001", "other": _OTHER}),
    Problem("category", "not_a_term", {"value": "大炮", "vocab": "category"}),
    Problem("date_text", "bad_date", {"text": "1944年13月", "why": _WHY}),
    Problem("date_text", "date_unreadable", {"text": "夏天某日", "why": Problem(None, "date_unrecognised")}),
    Problem("date_text", "event_date_required"),
    Problem("lat", "lat_range", {"value": 91.0}),
    Problem("lon", "lon_range", {"value": 181.0}),
    Problem("section_id", "missing_reference", {"type": "section", "id": 9}),
    Problem("date_text", "field_problem", {"why": Problem(None, "date_not_text", {"text": "12"})}),
    Problem(None, "self_link"),
    Problem(None, "date_error", {"text": "1944年13月", "why": _WHY}),
    Problem(None, "date_not_text", {"text": "12"}),
    Problem(None, "date_invalid_characters", {"text": "1944\\udc80"}),
    Problem(None, "date_not_a_number", {"value": "十十"}),
    Problem(None, "date_year_short", {"value": "44"}),
    Problem(None, "date_decade_short", {"decade": "40s"}),
    Problem(None, "date_year_range", {"value": 3000, "low": 1, "high": 2999}),
    Problem(None, "date_before_first_year", {"value": 1}),
    Problem(None, "date_century_zero"),
    Problem(None, "date_century_part", {"value": "第四"}),
    Problem(None, "date_decade_start", {"value": 1941}),
    Problem(None, "date_decade_part", {"value": "第四"}),
    Problem(None, "date_no_decade", {"value": "十一"}),
    Problem(None, "date_reign_months"),
    Problem(None, "date_reign_years", {"reign": "光绪", "count": 34, "first": 1875, "last": 1908}),
    Problem(None, "date_roc_year_zero"),
    Problem(None, "date_no_year"),
    Problem(None, "date_no_month", {"value": 13}),
    Problem(None, "date_no_day", {"value": 30, "month": 2, "year": 1944, "days": 29}),
    Problem(None, "date_reversed"),
    Problem(None, "date_two_qualifiers", {"words": ["以前", "以后"]}),
    Problem(None, "date_no_date_after_qualifier"),
    Problem(None, "date_too_long", {"length": 120, "limit": 100}),
    Problem(None, "date_unrecognised"),
    Problem("accession", "duplicate_in_file", {"value": "HY1", "rows": "3, 9"}),
    Problem("key", "duplicate_in_file_title", {"value": "衡阳会战", "rows": "4"}),
    Problem("material", "not_a_term_nearest", {"value": "铜质", "vocab": "material", "label": "铜",
                                               "term": "copper"}),
    Problem("lat", "not_a_number", {"value": "北纬"}),
    Problem("is_sample", "not_yes_no", {"value": "也许"}),
    Problem("place", "unknown_place", {"value": "不存在的地方"}),
    Problem("place", "ambiguous_place", {"value": "张家山", "count": 2}),
    Problem("section", "unknown_section", {"value": "第九单元"}),
    Problem("key", "ambiguous_name", {"count": 2, "type": "person", "value": "方先觉"}),
    Problem("media", "images_without_folder", {"count": 3}),
    Problem("media", "image_problem", {"why": Problem(None, "image_outside", {"file": "a.jpg",
                                                                               "folder": "/照片"})}),
    Problem(None, "image_outside", {"file": "a.jpg", "folder": "/照片"}),
    Problem(None, "image_outside_dotdot", {"file": "../a.jpg", "folder": "/照片"}),
    Problem(None, "image_not_found", {"file": "a.jpg"}),
    Problem(None, "image_unreadable", {"file": "a.jpg", "detail": "Permission denied"}),
    Problem(None, "image_symlink", {"file": "a.jpg"}),
    Problem(None, "image_through_symlink", {"file": "sub/a.jpg", "link": "sub"}),
    Problem(None, "import_folder_missing", {"file": "照片"}),
    Problem(None, "row_too_wide", {"count": 9, "width": 8}),
    Problem(None, "formula_without_value", {"cell": "B10", "formula": "=A1+1"}),
    Problem(None, "formula_value", {"cell": "B2", "formula": "=A1+1", "value": "2"}),
    Problem(None, "rows_above_header", {"rows": "1, 2"}),
    Problem(None, "merged_cells", {"range": "A1:C1", "value": "藏品总账"}),
    Problem(None, "column_ignored", {"column": "备注"}),
    Problem(None, "columns_missing", {"columns": ["旧编号", "备注"]}),
    Problem(None, "file_empty", {"file": "藏品.csv"}),
    Problem(None, "file_not_found", {"file": "藏品.csv"}),
    Problem(None, "file_kind", {"file": "藏品.doc"}),
    Problem(None, "xls_workbook", {"file": "藏品.xls"}),
    Problem(None, "at_row", {"row": 5}),
    Problem(None, "at_row_line", {"row": 5, "line": 7}),
    Problem(None, "csv_unreadable", {"file": "藏品.csv", "where": Problem(None, "at_row", {"row": 5}),
                                     "detail": "new-line character seen in unquoted field"}),
    Problem(None, "csv_quote_never_closed", {"file": "藏品.csv", "row": 5, "line": 7}),
    Problem(None, "csv_quote_too_long", {"file": "藏品.csv", "limit": 32_767,
                                         "where": Problem(None, "at_row_line", {"row": 5, "line": 7})}),
    Problem(None, "csv_cell_too_long", {"file": "藏品.csv", "limit": 32_767,
                                        "where": Problem(None, "at_row", {"row": 5})}),
    Problem(None, "xlsx_unreadable", {"file": "藏品.xlsx", "detail": "File is not a zip file"}),
    Problem(None, "xlsx_damaged", {"file": "藏品.xlsx", "detail": "its part xl/workbook.xml is missing"}),
    Problem(None, "xlsx_no_sheet", {"file": "藏品.xlsx"}),
    Problem(None, "encoding_unknown", {"file": "藏品.csv", "line": 3, "why": _HINT}),
    Problem(None, "encoding_private_use", {"file": "藏品.csv", "line": 3, "why": _HINT}),
    Problem(None, "encoding_wide", {"file": "藏品.csv", "why": _HINT}),
    Problem(None, "encoding_nul", {"file": "藏品.csv", "line": 3, "why": _HINT}),
    Problem(None, "encoding_bom_mismatch", {"file": "藏品.csv", "line": 3, "why": _HINT}),
    Problem(None, "encoding_mixed", {"file": "藏品.csv", "utf8": "2, 3", "gbk": "4", "why": _HINT}),
    Problem(None, "encoding_invalid", {"file": "藏品.csv", "line": 3, "encoding": "UTF-16", "why": _HINT}),
    Problem(None, "line_too_long", {"file": "藏品.csv", "line": 3, "mb": 4}),
    Problem(None, "file_unreadable", {"file": "藏品.csv", "detail": "Permission denied"}),
    _HINT,
    Problem(None, "export_missing", {"type": "object", "id": 999}),
    Problem("description_zh", "export_control_characters", {"type": "object", "ident": " HY9", "file": "out.xlsx"}),
    Problem(None, "export_kind", {"file": "out.doc"}),
    Problem(None, "bundle_exists", {"file": "/备份/展览.zip"}),
    Problem(None, "iiif_not_empty", {"file": "/导出/iiif"}),
    Problem("name_zh", "label_missing_glyph", {"chars": "𠀀 (U+20000)"}),
    Problem(None, "label_overflow", {"min_pt": 8.0, "needed": 180.4, "available": 90.2}),
    Problem(None, "label_truncated", {"pt": 8.0, "fields": ["description_zh", "description_en"]}),
    Problem(None, "label_shrunk", {"pt": 14.0, "target": 24.0}),
    Problem(None, "label_words", {"count": 90, "kind": "object", "limit": 75}),
    Problem(None, "label_chars", {"count": 160, "kind": "caption", "limit": 80}),
    Problem("description_en", "label_sentence_words", {"count": 30, "limit": 25,
                                                       "start": "The bugle sounded for the last time …"}),
    Problem("description_zh", "label_sentence_chars", {"count": 60, "limit": 50, "start": "守军在张家山阵地坚守了"}),
    Problem(None, "label_lines_long", {"chars": 80, "low": 45, "high": 55}),
    Problem(None, "label_lines_short", {"chars": 20, "low": 45, "high": 55}),
    Problem(None, "label_problem", {"label": "object HY1", "why": Problem(None, "label_shrunk",
                                                                          {"pt": 14.0, "target": 24.0})}),
    Problem(None, "labels_refused", {"count": 12, "more": Problem(None, "and_more", {"count": 2}), "lines": [
        Problem(None, "label_problem", {"label": "object HY1", "why": Problem(
            None, "label_overflow", {"min_pt": 8.0, "needed": 180.4, "available": 90.2})})]}),
    Problem(None, "and_more", {"count": 2}),
    Problem(None, "photo_unreadable", {"file": "originals/ab/cd.jpg", "detail": "cannot identify image file"}),
    Problem(None, "photo_missing", {"file": "originals/ab/cd.jpg"}),
    Problem(None, "photo_no_caption"),
    Problem(None, "db_damage", {"detail": "database disk image is malformed"}),
    Problem(None, "db_missing", {"file": "/档案/archive.db"}),
    Problem(None, "db_not_a_file", {"file": "/档案/archive.db"}),
    Problem(None, "db_empty"),
    Problem(None, "db_cannot_open", {"detail": "unable to open database file"}),
    Problem(None, "db_not_an_archive"),
    Problem(None, "db_newer_schema", {"version": 99, "known": 12}),
    Problem(None, "db_other", {"detail": "search index out of step"}),
    Problem(None, "backup_missing", {"file": "/备份/a.db"}),
    Problem(None, "backup_empty", {"file": "a.db"}),
    Problem(None, "backup_damage", {"file": "a.db", "detail": "database disk image is malformed"}),
    Problem(None, "backup_newer", {"file": "a.db", "version": 99, "known": 12}),
    Problem(None, "backup_not_an_archive", {"file": "a.db"}),
    Problem(None, "backup_schema", {"file": "a.db", "detail": "trigger t1 is not this program's"}),
]}


def values_of(problem: Problem) -> list[str]:
    """Every value a problem shows as it is (record text, file names, SQLite's words), nested ones too."""
    out: list[str] = []
    for value in problem.params.values():
        if isinstance(value, Problem):
            out += values_of(value)
        elif isinstance(value, RecordRef):
            out += [value.ident, value.title_zh, value.title_en]
        elif isinstance(value, (list, tuple)):
            for item in value:
                out += values_of(item) if isinstance(item, Problem) else [str(item)]
        else:
            out.append(str(value))
    return [v for v in out if v]
