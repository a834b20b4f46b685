"""Hostile spreadsheets, text tables and column mappings (issue #14: attacks 5, 7, 8, 9 and
more of the same kind), imported the way a curator does, `main.py --archive A import FILE`.

Each is refused with one line naming the file and the row, line, cell or part, quickly
and under the memory cap, and the archive is left as it was with nothing written beside
it. The import is run for real (not --dry-run): a file that got through would change the
archive, and the test would see it.
"""
from __future__ import annotations

import codecs
import csv
import json
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from exhibit.archive import Archive
from exhibit.interchange.tables import read_table
from tests.hostile.interchange_files import (
    HEADER_ROW,
    NS,
    SHEET_HEAD,
    SHEET_TAIL,
    outside,
    refused,
    repeated,
    row,
    workbook,
)
from tests.hostile.support import MEMORY_CAP_MB, run_main

HEADER = "总登记号,名称,Name\n"


@pytest.fixture
def root(archive: Archive) -> Path:
    """The sample archive's folder, closed, for the child process to attack."""
    archive.close()
    return archive.root


def imports(root: Path, file: Path, *words: str, extra: tuple[str, ...] = ()) -> None:
    refused(root, "import", str(file), *extra, words=(file.name, *words))


# ---------------------------------------------------------------- XLSX bombs (attack 5)

def test_a_part_that_unpacks_past_the_limit_is_refused_before_it_is_parsed(root: Path, tmp_path: Path) -> None:
    # 600 MB of one cell's text, 2.7 MB on disk: the part's size is checked before reading it.
    path = workbook(tmp_path / "一格炸弹.xlsx", rows=repeated(
        b"a" * 4096, 600 * 1024 ** 2, before=(HEADER_ROW + '<row r="2"><c r="A2" t="inlineStr"><is><t>').encode(),
        after=b"</t></is></c></row>"))
    imports(root, path, "xl/worksheets/sheet1.xml", "512 MB")


def test_a_part_whose_zip_entry_understates_its_size_is_refused_as_damaged(root: Path, tmp_path: Path) -> None:
    path = workbook(tmp_path / "lie.xlsx", rows=HEADER_ROW + "".join(
        row(n, f"HY9.{n:04d}", "钢盔") for n in range(2, 20_000)))
    data = bytearray(path.read_bytes())
    # Declare 1,000 bytes for the sheet, in the central directory and in its local header.
    at = data.find(b"PK\x01\x02")
    while at != -1:
        length = int.from_bytes(data[at + 28:at + 30], "little")
        if data[at + 46:at + 46 + length] == b"xl/worksheets/sheet1.xml":
            local = int.from_bytes(data[at + 42:at + 46], "little")
            data[at + 24:at + 28] = data[local + 22:local + 26] = (1000).to_bytes(4, "little")
        at = data.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(data))
    imports(root, path, "damaged", "xl/worksheets/sheet1.xml")


@pytest.mark.parametrize("where, before, piece, after, words", [
    ("an inline string", '<row r="2"><c r="B2" t="inlineStr"><is><t>', b"a", "</t></is></c></row>", ("cell B2",)),
    ("rich-text runs", '<row r="2"><c r="B2" t="inlineStr"><is>', b"<r><t>" + b"x" * 990 + b"</t></r>",
     "</is></c></row>", ("cell B2",)),
    ("a formula", '<row r="2"><c r="B2"><f>', b"1+", "1</f><v>2</v></c></row>", ("cell B2",)),
])
def test_a_cell_is_stopped_at_excels_limit_while_it_streams(root: Path, tmp_path: Path, where: str,
                                                            before: str, piece: bytes, after: str,
                                                            words: tuple[str, ...]) -> None:
    # 200 MB: under the part limit, so only the streaming check can stop it.
    path = workbook(tmp_path / "long-cell.xlsx", rows=repeated(
        piece, 200 * 1024 ** 2, before=(HEADER_ROW + before).encode(), after=after.encode()))
    imports(root, path, "32,767", *words)


def test_a_shared_string_is_stopped_at_excels_limit_while_it_streams(root: Path, tmp_path: Path) -> None:
    shared = repeated(b"a", 200 * 1024 ** 2, before=f'<sst xmlns="{NS}"><si><t>'.encode(),
                      after=b"</t></si></sst>")
    path = workbook(tmp_path / "long-shared.xlsx", shared=shared,
                    rows=HEADER_ROW + '<row r="2"><c r="A2" t="s"><v>0</v></c></row>')
    imports(root, path, "32,767", "shared string 1")


def test_millions_of_rows_without_a_dimension_are_refused_fast(root: Path, tmp_path: Path) -> None:
    # The 20 M rows ran past 120 s at 800 MB; 4 M tiny rows (a few MB on disk) are
    # refused once the rows read take the memory budget, long before the end.
    path = workbook(tmp_path / "rows.xlsx", rows=repeated(b'<row><c t="inlineStr"><is><t>x</t></is></c></row>',
                                                          4_000_000 * 48, before=HEADER_ROW.encode()))
    imports(root, path, "too large")


def test_a_row_beyond_excels_last_is_refused(root: Path, tmp_path: Path) -> None:
    path = workbook(tmp_path / "far.xlsx", rows=HEADER_ROW + row(1_048_577, "HY9.0001", "钢盔"))
    imports(root, path, "1,048,576", "1,048,577")


def test_a_column_beyond_excels_last_is_refused(root: Path, tmp_path: Path) -> None:
    path = workbook(tmp_path / "wide.xlsx", rows=HEADER_ROW + '<row r="2"><c r="XFE2"><v>1</v></c></row>')
    imports(root, path, "row 2", "16,384")


def test_rows_padded_to_the_last_column_are_refused_by_the_memory_budget(root: Path, tmp_path: Path) -> None:
    # One cell at column XFD makes a row of 16,384 cells: 128 KB each from ~25 bytes of XML.
    path = workbook(tmp_path / "padded.xlsx", rows=repeated(b'<row><c r="XFD1"><v>1</v></c></row>',
                                                            50_000 * 35, before=HEADER_ROW.encode()))
    imports(root, path, "too large")


def test_a_merged_range_over_the_whole_sheet_is_refused_by_the_memory_budget(root: Path, tmp_path: Path) -> None:
    rows = HEADER_ROW + "".join(row(n, f"HY9.{n:04d}", "钢盔") for n in range(2, 3000))
    sheet = (SHEET_HEAD + rows + "</sheetData><mergeCells>" + '<mergeCell ref="A2:XFD1048576"/>' * 50
             + "</mergeCells></worksheet>")
    path = workbook(tmp_path / "merged.xlsx", sheet=sheet)
    imports(root, path, "too large", "merged")


def test_a_zip_of_twenty_thousand_members_is_refused_before_its_directory_is_read(root: Path,
                                                                                  tmp_path: Path) -> None:
    path = workbook(tmp_path / "members.xlsx", extra={f"junk/{n}.xml": "" for n in range(20_000)})
    imports(root, path, "20,00")


def test_a_styles_part_of_a_hundred_megabytes_is_refused_unread(root: Path, tmp_path: Path) -> None:
    rels = ('<Relationships xmlns="x"><Relationship Id="rId1" Type="a/worksheet" Target="worksheets/sheet1.xml"/>'
            '<Relationship Id="rId3" Type="a/styles" Target="styles.xml"/></Relationships>')
    path = workbook(tmp_path / "styles.xlsx", extra={
        "xl/_rels/workbook.xml.rels": rels,
        "xl/styles.xml": repeated(b"<x/>", 100 * 1024 ** 2, before=b"<styleSheet>", after=b"</styleSheet>")})
    imports(root, path, "xl/styles.xml", "32 MB")


def test_a_sheet_of_tens_of_millions_of_empty_elements_is_stopped(root: Path, tmp_path: Path) -> None:
    # Each element costs expat a call into Python: 21 million of them, 84 MB unpacked, are
    # refused at the element limit (~10 s) rather than parsed for a minute.
    path = workbook(tmp_path / "junk.xlsx", rows=repeated(b"<x/>", 84 * 1024 ** 2, before=HEADER_ROW.encode()))
    imports(root, path, "xl/worksheets/sheet1.xml", "20,000,000 elements")


# ---------------------------------------------------------------- XML attacks (attack 9)

XXE = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
LAUGHS = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
          + "".join(f'<!ENTITY lol{i} "{("&lol;" if i == 1 else f"&lol{i - 1};") * 10}">' for i in range(1, 10))
          + "]>")


@pytest.mark.parametrize("part, build", [
    ("xl/workbook.xml", lambda p: workbook(p, book=XXE + '<workbook xmlns="x" xmlns:r="y"><sheets>'
                                           '<sheet name="&xxe;" sheetId="1" r:id="rId1"/></sheets></workbook>')),
    ("xl/worksheets/sheet1.xml", lambda p: workbook(p, sheet=LAUGHS + SHEET_HEAD.split("?>", 1)[1] + HEADER_ROW
                                                    + row(2, "HY9.0001", "&lol9;") + SHEET_TAIL)),
    ("xl/sharedStrings.xml", lambda p: workbook(p, shared=XXE + '<sst><si><t>&xxe;</t></si></sst>')),
])
def test_a_document_type_with_entities_is_refused_in_any_part(root: Path, tmp_path: Path, part: str,
                                                              build) -> None:
    imports(root, build(tmp_path / "entities.xlsx"), "DTD", part)


def test_a_truncated_sheet_names_the_part_and_the_place(root: Path, tmp_path: Path) -> None:
    sheet = SHEET_HEAD + HEADER_ROW + row(2, "HY9.0001", "钢盔") + SHEET_TAIL
    path = workbook(tmp_path / "cut.xlsx", sheet=sheet[: len(sheet) - 60])
    imports(root, path, "damaged", "xl/worksheets/sheet1.xml", "line 1")


def test_a_truncated_zip_is_refused(root: Path, tmp_path: Path) -> None:
    path = workbook(tmp_path / "half.xlsx")
    path.write_bytes(path.read_bytes()[:700])
    imports(root, path, "workbook")


def test_elements_nested_without_end_are_refused(root: Path, tmp_path: Path) -> None:
    path = workbook(tmp_path / "deep.xlsx", sheet=repeated(b"<a>", 30 * 1024 ** 2, before=SHEET_HEAD.encode()))
    imports(root, path, "nests", "xl/worksheets/sheet1.xml")


def test_a_tag_of_megabytes_is_refused_before_expat_holds_it(root: Path, tmp_path: Path) -> None:
    path = workbook(tmp_path / "tag.xlsx", rows=repeated(b"x", 50 * 1024 ** 2,
                                                         before=(HEADER_ROW + '<row r="2" spans="').encode(),
                                                         after=b'"/>'))
    imports(root, path, "without a tag", "xl/worksheets/sheet1.xml")


def test_a_shared_string_index_out_of_range_is_refused(root: Path, tmp_path: Path) -> None:
    path = workbook(tmp_path / "index.xlsx", rows=HEADER_ROW + '<row r="2"><c r="A2" t="s"><v>99</v></c></row>')
    imports(root, path, "damaged", "cell A2", "shared string")


# ---------------------------------------------------------------- not an .xlsx inside

def test_a_zip_of_something_else_is_refused(root: Path, tmp_path: Path) -> None:
    path = tmp_path / "报告.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("word/document.xml", "<w:document/>")
    imports(root, path, "not an Excel workbook")


def test_a_password_protected_workbook_is_named_as_such(root: Path, tmp_path: Path) -> None:
    # An encrypted .xlsx is an OLE2 compound file holding an "EncryptedPackage" stream.
    path = tmp_path / "加密.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1000) + "EncryptedPackage".encode("utf-16-le")
                     + bytes(1000))
    imports(root, path, "password")


def test_an_old_xls_renamed_xlsx_is_named_as_such(root: Path, tmp_path: Path) -> None:
    path = tmp_path / "旧表.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(3000))
    imports(root, path, "97–2003")


def test_a_zip_member_that_needs_a_password_is_refused(root: Path, tmp_path: Path) -> None:
    path = workbook(tmp_path / "zipcrypto.xlsx")
    data = bytearray(path.read_bytes())
    for signature, flag in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(signature)
        while at != -1:
            data[at + flag] |= 1  # "encrypted"
            at = data.find(signature, at + 4)
    path.write_bytes(bytes(data))
    imports(root, path, "encrypted")


def test_a_relationship_pointing_out_of_the_package_is_refused(root: Path, tmp_path: Path) -> None:
    path = workbook(tmp_path / "escape.xlsx", sheet_target="../../../../../etc/passwd")
    imports(root, path, "workbook")


def test_a_member_named_outside_the_folder_is_never_written(root: Path, tmp_path: Path) -> None:
    # The reader only looks parts up by name; a member called ../../x is data, not a path.
    path = workbook(tmp_path / "traversal.xlsx", extra={"../../../evil.txt": "x", "/tmp/evil.txt": "x"})
    beside = outside(root)
    run = run_main("--archive", str(root), "import", str(path), "--dry-run")
    assert run.returncode == 0, run.output
    assert "2 to create" in run.stdout
    assert outside(root) == beside and not (tmp_path.parent / "evil.txt").exists()
    assert run.peak_rss_mb < MEMORY_CAP_MB


def test_excel_style_parts_read_as_excel_shows_them(tmp_path: Path) -> None:
    """Shared strings with rich text and a phonetic guide, _x000D_ escapes, dates by format."""
    styles = (f'<styleSheet xmlns="{NS}"><numFmts><numFmt numFmtId="176" '
              'formatCode="yyyy&quot;年&quot;m&quot;月&quot;"/></numFmts><cellXfs><xf numFmtId="0"/>'
              '<xf numFmtId="14"/><xf numFmtId="176"/><xf numFmtId="31"/></cellXfs></styleSheet>')
    shared = ('<sst><si><r><t>铜</t></r><r><t xml:space="preserve">军号</t></r><rPh><t>tóng</t></rPh></si>'
              '<si><t>第一行_x000D_\n第二行</t></si></sst>')
    rows = (HEADER_ROW.replace("</row>", '<c r="C1" t="inlineStr"><is><t>入藏时间</t></is></c>'
                               '<c r="D1" t="inlineStr"><is><t>描述</t></is></c></row>')
            + '<row r="2"><c r="A2"><v>1001</v></c><c r="B2" t="s"><v>0</v></c><c r="C2" s="1"><v>16231</v></c>'
              '<c r="D2" t="s"><v>1</v></c></row>'
            + '<row r="4"><c r="A4" t="str"><v>HY4</v></c><c r="B4" t="b"><v>1</v></c><c r="C4" s="3">'
              '<v>16245</v></c><c r="D4"><f>1+1</f><v>2</v></c></row>')
    rels = ('<Relationships xmlns="x"><Relationship Id="rId1" Type="a/worksheet" Target="worksheets/sheet1.xml"/>'
            '<Relationship Id="rId2" Type="a/sharedStrings" Target="/xl/sharedStrings.xml"/>'
            '<Relationship Id="rId3" Type="a/styles" Target="styles.xml"/></Relationships>')
    path = workbook(tmp_path / "excel.xlsx", rows=rows, shared=shared,
                    extra={"xl/styles.xml": styles, "xl/_rels/workbook.xml.rels": rels})
    table = read_table(path)
    assert table.header == ["总登记号", "名称", "入藏时间", "描述"]
    assert [r.cells for r in table.rows] == [["1001", "铜军号", "1944-06-08", "第一行\r\n第二行"],
                                             ["HY4", "true", "1944-06-22", "2"]]
    assert table.empty_rows == [3]
    assert "the formula =1+1" in str(table.rows[1].notes[0])


# ---------------------------------------------------------------- text tables (attacks 7, 8)

def test_a_file_mixing_utf8_and_gbk_is_refused_naming_the_lines_of_each(root: Path, tmp_path: Path) -> None:
    path = tmp_path / "混合.csv"
    path.write_bytes(HEADER.encode() + "HY9.0001,衡阳,Hengyang\n".encode()
                     + "HY9.0002,衡阳,Hengyang\nHY9.0003,岳屏山,Yuepingshan\n".encode("gbk"))
    imports(root, path, "mixes", "line(s) 1, 2 are UTF-8", "line(s) 3, 4 are GB18030")


def test_short_gbk_text_that_is_also_utf8_is_read_as_gbk_and_pinyin_stays_utf8(tmp_path: Path) -> None:
    shan = tmp_path / "山.csv"
    shan.write_bytes("HY9.0003,山\n".encode("gbk"))  # C9 BD: 'ɽ' in UTF-8
    assert read_table(shan).header[1] == "山"
    pinyin = tmp_path / "pinyin.csv"
    pinyin.write_bytes("key,name\nfang,Fāng Xiānjué\nzhou,Zhōu Qìngxiáng\n".encode())
    assert [r.cells[1] for r in read_table(pinyin).rows] == ["Fāng Xiānjué", "Zhōu Qìngxiáng"]


def test_an_unterminated_quote_is_refused_naming_the_row_where_it_opened(root: Path, tmp_path: Path) -> None:
    path = tmp_path / "quote.csv"
    path.write_text(HEADER + 'U.0001,一,"Nickname\nU.0002,二,Two\nU.0003,三,Three\nU.0004,四,Four\n',
                    encoding="utf-8")
    imports(root, path, "row 2", "never closed")


def test_a_quote_that_swallows_a_whole_file_is_stopped_at_the_cell_limit(root: Path, tmp_path: Path) -> None:
    path = tmp_path / "swallow.csv"
    path.write_text(HEADER + 'U.0001,一,"Nickname\n' + "".join(f"U.{n:04d},二,Two\n" for n in range(2, 20_000)),
                    encoding="utf-8")
    imports(root, path, "row 2", "does not close")


@pytest.mark.parametrize("name, data, words", [
    ("nul.csv", (HEADER + "HY9.0001,钢盔,Helmet\nHY9.0002,水\0壶,Canteen\n").encode(), ("line 3", "NUL")),
    ("bom-gbk.csv", codecs.BOM_UTF8 + HEADER.encode() + "HY9.0001,钢盔,Helmet\n".encode("gbk"),
     ("byte-order mark", "line 2")),
    ("utf16.csv", (HEADER + "HY9.0001,钢盔,Helmet\n").encode("utf-16-le"), ("UTF-16",)),
    ("utf16-bad.csv", codecs.BOM_UTF16_LE + (HEADER + "HY9.0001,钢盔\n").encode("utf-16-le") + b"\x00\xd8",
     ("UTF-16",)),
    ("private.csv", HEADER.encode() + b"HY9.0001,\xa1\xa1\xaa\xa1,x\n", ("line 2", "private-use")),
])
def test_text_no_encoding_reads_whole_is_refused_naming_the_line(root: Path, tmp_path: Path, name: str,
                                                                 data: bytes, words: tuple[str, ...]) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    imports(root, path, *words)


def test_twenty_thousand_columns_are_refused(root: Path, tmp_path: Path) -> None:
    path = tmp_path / "columns.csv"
    path.write_text(",".join(f"c{i}" for i in range(20_000)) + "\n" + ",".join("x" * 20_000) + "\n")
    imports(root, path, "row 1", "20,000")


@pytest.mark.parametrize("size, words", [(1024 ** 2, ("row 2", "32,767")), (10 * 1024 ** 2, ("line 2", "4 MB"))])
def test_a_cell_of_megabytes_is_refused(root: Path, tmp_path: Path, size: int, words: tuple[str, ...]) -> None:
    path = tmp_path / f"cell-{size}.csv"
    path.write_text(HEADER + "HY9.0001," + "钢" * (size // 3) + ",x\n", encoding="utf-8")
    imports(root, path, *words)


def test_a_line_of_a_hundred_megabytes_without_a_break_is_refused_early(root: Path, tmp_path: Path) -> None:
    path = tmp_path / "line.csv"
    with open(path, "wb") as f:
        f.write(HEADER.encode())
        f.truncate(100 * 1024 ** 2)  # sparse: the reader stops long before these zeros
    with open(path, "r+b") as f:
        f.seek(len(HEADER.encode()))
        block = b"y" * (1 << 20)
        for _ in range(8):
            f.write(block)  # 8 MB of one line, then the sparse zeros
    imports(root, path, "line 2", "longer than")


def test_millions_of_tiny_cells_are_refused_by_the_memory_budget(root: Path, tmp_path: Path) -> None:
    # Two-letter cells cost ~60 bytes each as strings: 60 MB of them would need ~1.5 GB.
    path = tmp_path / "tiny.csv"
    line = (",".join(["ab"] * 1000) + "\n").encode()
    with open(path, "wb") as f:
        f.write(line.replace(b"ab", b"hd", 1))
        for _ in range(20_000):
            f.write(line)
    imports(root, path, "too large")


def test_duplicate_accession_numbers_in_one_file_are_refused(root: Path, tmp_path: Path) -> None:
    path = tmp_path / "dup.csv"
    path.write_text(HEADER + "HY9.0001,钢盔,a\nHY9.0002,水壶,b\nhy9.0001,军号,c\n", encoding="utf-8")
    run = refused(root, "import", str(path), words=(path.name, "row 2", "appears again"))
    assert "row 4 (hy9.0001): rejected" in run.stdout


def test_formula_text_is_imported_as_text_and_exported_formula_safe(root: Path, tmp_path: Path) -> None:
    texts = ['=HYPERLINK("http://evil.example/","点击")', "=cmd|' /C calc'!A0", "@SUM(1+1)", "+1-2", "-3"]
    path = tmp_path / "formulas.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["总登记号", "名称"])
        writer.writerows([f"HY9.{n:04d}", text] for n, text in enumerate(texts, start=1))
    run = run_main("--archive", str(root), "import", str(path))
    assert run.returncode == 0, run.output
    show = run_main("--archive", str(root), "show", "HY9.0002")
    assert "=cmd|' /C calc'!A0" in show.stdout
    out_csv, out_xlsx = tmp_path / "out.csv", tmp_path / "out.xlsx"
    for out in (out_csv, out_xlsx):
        done = run_main("--archive", str(root), "export", "--type", "object", "--out", str(out),
                        "--accessions", *[f"HY9.{n:04d}" for n in range(1, len(texts) + 1)])
        assert done.returncode == 0, done.output
    with open(out_csv, encoding="utf-8-sig", newline="") as f:
        exported = list(csv.DictReader(f))
    names = [r["name_zh"] for r in exported]
    assert names == ["'" + t for t in texts]  # nothing a spreadsheet would run
    sheet = load_workbook(out_xlsx, read_only=True).worksheets[0]
    cells = [c for r in sheet.iter_rows(values_only=True) for c in r if isinstance(c, str)]
    assert not any(c.startswith(("=", "+", "-", "@")) for c in cells)
    again = run_main("--archive", str(root), "import", str(out_csv), "--dry-run")
    assert again.returncode == 0 and f"{len(texts)} unchanged" in again.stdout, again.output


# ---------------------------------------------------------------- column mappings (attack 9)

@pytest.mark.parametrize("content, words", [
    ('{"format": "exhibit-mapping", "columns": ' + "[" * 100_000 + "]" * 100_000 + "}", ("too deeply",)),
    ("hello", ("not valid JSON",)),
    (json.dumps({"format": "exhibit-mapping", "columns": {"名称": "nonsense"}}), ("no field", "nonsense")),
    (json.dumps({"format": "exhibit-mapping", "record_type": ["object"]}), ("record_type",)),
    (json.dumps({"format": "exhibit-mapping", "columns": {"名称": ["name_zh"]}}), ("columns.名称",)),
    (json.dumps({"format": "exhibit-mapping", "terms": {"material": ["铜"]}}), ("terms.material",)),
    (json.dumps({"format": "exhibit-mapping", "terms": {"material": {"铜质": 7}}}), ("terms.material.铜质",)),
    (json.dumps({"format": "something else"}), ("not an Exhibit column mapping",)),
])
def test_a_bad_mapping_file_is_refused_naming_the_key(root: Path, tmp_path: Path, content: str,
                                                     words: tuple[str, ...]) -> None:
    table = tmp_path / "ok.csv"
    table.write_text(HEADER + "HY9.0001,钢盔,Helmet\n", encoding="utf-8")
    mapping = tmp_path / "map.json"
    mapping.write_text(content, encoding="utf-8")
    refused(root, "import", str(table), "--mapping", str(mapping), words=("map.json", *words))


def test_a_mapping_file_of_many_megabytes_is_not_read(root: Path, tmp_path: Path) -> None:
    table = tmp_path / "ok.csv"
    table.write_text(HEADER + "HY9.0001,钢盔,Helmet\n", encoding="utf-8")
    mapping = tmp_path / "huge.json"
    with open(mapping, "wb") as f:
        f.truncate(64 * 1024 ** 2)  # sparse
    refused(root, "import", str(table), "--mapping", str(mapping), words=("huge.json", "MB"))


def test_an_accession_number_that_is_a_path_stays_inside_the_iiif_export(root: Path, tmp_path: Path) -> None:
    """An accession number is whatever a spreadsheet said; "..", exported as a IIIF folder
    name, wrote the manifest beside the chosen folder."""
    from PIL import Image

    Image.new("RGB", (16, 16), (120, 30, 30)).save(tmp_path / "x.png")
    path = tmp_path / "dots.csv"
    path.write_text("总登记号,名称,图片\n..,钢盔,x.png\n.,军号,x.png\n", encoding="utf-8")
    run = run_main("--archive", str(root), "import", str(path))
    assert run.returncode == 0, run.output
    out = tmp_path / "exports" / "iiif"
    before = outside(root)
    done = run_main("--archive", str(root), "export", "--format", "iiif", "--out", str(out))
    assert done.returncode == 0, done.output
    written = {k for k in outside(root).keys() - before.keys()}
    assert written and all(k.startswith("exports/iiif/") for k in written), written
    assert {"exports/iiif/_../manifest.json", "exports/iiif/_./manifest.json"} <= written
