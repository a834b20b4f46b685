"""The index texts an import makes take short cuts (issue #16) and must stay the very texts
the plain computation makes: an archive's index is compared with them (search._forget), and
a search must find what it found.

The plain computation is kept here as the reference: the body's texts joined then split into
Han characters and pairs in one go, each Han character spaced out by a regular expression,
pinyin by pypinyin's own segmentation, the list fields read as they are. The fast ones
(search.document_of_row, han_forms, _segment, index_rows) are held to it on random text and
on a planned catalogue.
"""
from __future__ import annotations

import json
import random
import re
import unicodedata
import zlib
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from bench.corpus import CATALOGUE_HEADER, catalogue
from exhibit import search
from exhibit.archive import Archive
from exhibit.interchange import bulk, importer, mapping
from exhibit.interchange.tables import Table, TableRow
from exhibit.records import ArchiveObject

HAN_CHAR = re.compile(f"[{search.HAN}]")
HAN_RUN = re.compile(f"[{search.HAN}]+")

# ---------------------------------------------------------------- the reference


def plain_han_forms(text: str) -> tuple[str, str]:
    text = unicodedata.normalize("NFKC", text)
    runs = HAN_RUN.findall(text)
    if not runs:
        return text, ""
    spaced = HAN_CHAR.sub(lambda m: f" {m.group()} ", text)
    pairs = " ".join(" ".join([*(run[i:i + 2] for i in range(len(run) - 1)), "|"]) for run in runs)
    return spaced, pairs


def plain_pinyin(text: str) -> str:
    from pypinyin.seg.simpleseg import seg

    han = "".join(HAN_CHAR.findall(text))
    if not han:
        return ""
    syllables = [s for word in seg(han) for s in search._pinyin_syllables(word)]
    if len(syllables) < 2:
        return " ".join(syllables)
    pairs = " ".join(a + b for a, b in zip(syllables, syllables[1:]))
    return f"{' '.join(syllables)} {''.join(s[0] for s in syllables)} {pairs}"


def plain_list_words(row: dict[str, Any], name: str) -> list[str]:
    text = row.get(name)
    if not text or not isinstance(text, str):
        return []
    try:
        items = json.loads(text)
    except ValueError:
        return []
    return [v for item in items if isinstance(item, dict) for k, v in item.items()
            if k not in ("role", "kind") and isinstance(v, str)]


def plain_document(row: dict[str, Any]) -> search.Document:
    title_names, body_names, ident_names = search._field_roles(tuple(row))
    titles = [search.fold(v) for n in title_names if (v := row[n]) and isinstance(v, str)]
    body = [search.fold(v) for n in body_names if (v := row[n]) and isinstance(v, str)]
    idents = [search.fold(v) for n in ident_names if (v := row[n]) and isinstance(v, str)]
    if row.get("makers") or row.get("other_numbers"):
        body += [search.fold(t) for t in plain_list_words(row, "makers")]
        idents += [search.fold(t) for t in plain_list_words(row, "other_numbers")]
    zh_title = " ".join(t for t in titles if HAN_CHAR.search(t))
    compact = " ".join(re.sub("[^0-9A-Za-z]", "", i) for i in idents)
    title_text = " ".join(titles)
    if joined := search.apostrophe_joins(title_text):
        title_text = f"{title_text} {joined}"
    title, title2 = plain_han_forms(title_text)
    text, text2 = plain_han_forms(" ".join(body))
    return title, text, title2, text2, plain_pinyin(zh_title), f"{' '.join(idents)} {compact}"


# ---------------------------------------------------------------- random text

# Han (short and long runs, compatibility ideographs NFKC changes, one that becomes a
# supplementary character), Latin with marks to fold, combining marks, apostrophes,
# full-width forms, spaces of several kinds, punctuation that splits runs.
PIECES = st.sampled_from([
    "衡阳", "保卫战", "衡" * 11, "阳" * 12, "衡阳保卫战第十军方先觉" * 3, "\uf900", "\ufa6c", "㐀",
    "Tōjō", "Straße", "O’Brien", "Xi'an", "e\u0301", "\u0301", "Ｈｙ１９４４", "ﬁ", "Łódź", "\u00a8",
    " ", "  ", "\u3000", "\t", "\n", "，", "、", "1944", "HY1944.0001", "-", "’", ""])
TEXT = st.lists(PIECES, max_size=10).map("".join)


@given(TEXT)
@settings(max_examples=3000, deadline=None)
def test_han_forms_space_each_character_and_pair_each_run(text: str) -> None:
    assert search.han_forms(text) == plain_han_forms(text)


@given(st.lists(TEXT, max_size=5))
@settings(max_examples=1500, deadline=None)
def test_the_forms_of_texts_joined_by_spaces_are_their_forms_joined(texts: list[str]) -> None:
    """Why the body may be made text by text: a space splits no run and NFKC changes
    nothing across it."""
    forms = [search.han_forms(search.fold(t)) for t in texts if t]
    joined = search.han_forms(" ".join(search.fold(t) for t in texts if t))
    assert joined == (" ".join(s for s, _ in forms), " ".join(p for _, p in forms if p))


@given(st.text(alphabet=st.sampled_from("衡阳保卫战第十军方先觉中华民国人民共和国银行长沙会战日本"
                                        "\u3400\u4e00\u9fa5\uf900\ufa2d"), min_size=1, max_size=24))
@settings(max_examples=3000, deadline=None)
def test_words_are_the_words_pypinyin_segments(han: str) -> None:
    from pypinyin.seg.simpleseg import seg

    assert search._segment(han) == seg(han)


def test_words_of_dictionary_phrases_run_together_are_pypinyin_s() -> None:
    from pypinyin.constants import PHRASES_DICT
    from pypinyin.seg.simpleseg import seg

    rng = random.Random(4)
    phrases = sorted(PHRASES_DICT)
    for _ in range(3000):
        han = "".join(rng.choice(phrases) for _ in range(rng.randint(1, 4)))
        han = "".join(HAN_CHAR.findall(han))
        if han:
            assert search._segment(han) == seg(han), han


ROW_FIELDS = ["name_zh", "name_en", "category", "description_zh", "description_en", "material", "dimensions",
              "accession", "label_zh", "medium_en"]


@given(st.fixed_dictionaries({name: TEXT for name in ROW_FIELDS}),
       st.sampled_from(["", '[{"name_zh":"王 ’ 二","role":"printer"},{"name_en":"O’Neil","person":"k"}]', "not json",
                        json.dumps([{"name_zh": f"工匠{i}", "name_en": f"Maker {i}"} for i in range(60)])]),
       st.sampled_from(["", '[{"number":"HY-1944.0001","kind":"前号"}]']))
@settings(max_examples=1500, deadline=None)
def test_a_record_s_index_texts_are_the_plain_ones(values: dict[str, str], makers: str, numbers: str) -> None:
    row = ArchiveObject(**values, makers=makers, other_numbers=numbers).as_row()
    assert search.document_of_row(row) == plain_document(row)


# ---------------------------------------------------------------- a planned catalogue

def test_a_planned_catalogue_s_index_rows_are_the_plain_ones(blank_archive: Archive) -> None:
    rows = list(catalogue(2000, random.Random(1944)))
    header = list(CATALOGUE_HEADER.values())
    table = Table(name="catalogue.csv", format="csv", header=header,
                  rows=[TableRow(n + 2, [row[name] for name in CATALOGUE_HEADER]) for n, row in enumerate(rows)])
    plan = importer.plan_import(blank_archive, table, mapping.suggest(header, "object"))
    records = [o.record for o in plan.rows if o.record is not None]
    assert len(records) == 2000
    numbering = bulk.Numbering("object", 1, 1)
    prepared = numbering.prepare(records, "2026-01-01 00:00:00", "tester", encoded=True)
    assert prepared.index is not None
    docs, fts, titles = prepared.index
    for doc_id, (record, doc, fts_row, title_row) in enumerate(zip(records, docs, fts, titles), start=1):
        columns = tuple(c.encode() for c in plain_document(record.as_row()))
        assert fts_row == (doc_id, *columns), record.accession
        assert title_row == (doc_id, columns[0], columns[2], columns[4], columns[5])
        assert doc == (doc_id, "object", record.id, record.category, "", record.date_start, record.date_end,
                       zlib.crc32(b"\x1f".join(columns)))
