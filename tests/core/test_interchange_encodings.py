"""Text tables arrive as UTF-8 (with or without BOM), GB18030/GBK or UTF-16 with a BOM."""
from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from exhibit.interchange.encodings import EncodingError, decode_bytes
from exhibit.interchange.tables import TableError, read_table

ROWS = [["总登记号", "名称", "年代", "质地"],
        ["HY1944.0101", "第十军军旗残片", "1944年6月", "丝"],
        ["HY1944.0102", "方先觉手令（复制件）", "民国三十三年", "纸"],
        ["HY1944.0103", "衡阳铁路桥铆钉", "约1944年", "铁"]]


def csv_text(rows: list[list[str]]) -> str:
    return "\r\n".join(",".join(r) for r in rows) + "\r\n"


def write(path: Path, text: str, encoding: str, bom: bytes = b"") -> Path:
    path.write_bytes(bom + codecs.encode(text, encoding))
    return path


@pytest.mark.parametrize("encoding, bom, expected", [
    ("utf-8", b"", "utf-8"),
    ("utf-8", codecs.BOM_UTF8, "utf-8-sig"),
    ("gb18030", b"", "gb18030"),
    ("gbk", b"", "gb18030"),
    ("utf-16-le", codecs.BOM_UTF16_LE, "utf-16"),
    ("utf-16-be", codecs.BOM_UTF16_BE, "utf-16"),
])
def test_chinese_csv_in_each_encoding_reads_the_same(tmp_path: Path, encoding: str, bom: bytes,
                                                     expected: str) -> None:
    path = write(tmp_path / f"藏品-{encoding}.csv", csv_text(ROWS), encoding, bom)
    table = read_table(path)
    assert table.encoding == expected
    assert table.header == ROWS[0]
    assert [r.cells for r in table.rows] == ROWS[1:]
    assert [r.number for r in table.rows] == [2, 3, 4]


def test_utf8_is_tried_before_gb18030_which_would_garble_it() -> None:
    data = "藏品名称,年代\n湖南衡阳,1944\n".encode("utf-8")
    # GB18030 happily decodes these UTF-8 bytes, into nonsense (钘忓搧鍚嶇О …):
    assert data.decode("gb18030").startswith("钘忓搧鍚嶇О")
    decoded = decode_bytes(data, "x.csv")
    assert (decoded.text, decoded.encoding) == ("藏品名称,年代\n湖南衡阳,1944\n", "utf-8")


def test_utf16_without_bom_is_refused_with_the_file_named(tmp_path: Path) -> None:
    path = write(tmp_path / "no-bom.csv", csv_text(ROWS), "utf-16-le")
    with pytest.raises(EncodingError, match=r"no-bom\.csv.*UTF-16 without a byte-order mark"):
        read_table(path)


def test_bytes_in_no_accepted_encoding_are_refused_naming_file_and_line(tmp_path: Path) -> None:
    good = csv_text(ROWS[:2]).encode("gb18030")
    path = tmp_path / "broken.csv"
    path.write_bytes(good + b"HY1944.0109,\xff\xfe\x80,1944\r\n")  # 0xFF/0x80 are not GB18030
    with pytest.raises(EncodingError, match=r"broken\.csv: line 3 is not text in UTF-8, GB18030"):
        read_table(path)


def test_a_legacy_excel_file_gets_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "总账.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    with pytest.raises(TableError, match=r"总账\.xls: is an old Excel 97–2003 workbook"):
        read_table(path)


def test_tsv_and_semicolon_files_are_split_on_their_separator(tmp_path: Path) -> None:
    tsv = tmp_path / "a.tsv"
    tsv.write_text("\n".join("\t".join(r) for r in ROWS), encoding="utf-8")
    semi = tmp_path / "b.csv"
    semi.write_text("\n".join(";".join(r) for r in ROWS), encoding="utf-8")
    for path in (tsv, semi):
        assert [r.cells for r in read_table(path).rows] == ROWS[1:]
