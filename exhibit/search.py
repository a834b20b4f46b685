"""One ranked full-text index over every record type.

How Chinese is indexed: unicode61 does not segment Chinese (a run of Han
characters is one token), and the trigram tokenizer misses 1–2 character
queries. So every Han character is stored with spaces around it, each becomes
a token, and a query such as 衡阳 is searched as the phrase "衡 阳". Measured
in shared/research/tech-notes.md: 100 % recall at 1–5 characters, ≤ 9 ms
ranked over 100,000 rows; bench/search.py re-measures it against a LIKE scan.

Toneless pinyin of titles and names sits in its own column ("heng yang bao
wei zhan", the initials "hybwz" and the joined pairs "hengyang yangbao …");
a Latin query is tried as English words,
as pinyin syllables (segmented here, so "hengyang" and "fang xianjue" both
work) and as initials. Accession numbers, codes and keys sit in `ident`.

Latin letters are folded on both sides, by `fold`, before the tokenizer sees them:
Tōjō = tojo = TOJO, Straße = strasse, Łódź = lodz, héngyáng = hengyang; curly and
straight apostrophes and the hyphens are one mark each, and a name written with an
apostrophe is also indexed joined (O’Brien = O'Brien = obrien).

Ranking: records whose titles match come first, ranked by bm25 over their titles
alone, a record's own name before an image caption that names it; then the rest
by bm25 over everything (see CAPTIONED for why).

The index is written by the services in the same transaction as the record.
Its FTS5 tables keep no copy of the texts they index (content=''; SQLite 3.40
has no contentless_delete): to take an entry out, `_forget` makes its texts
again from the record as it was indexed and gives them to FTS5's 'delete'
command. search_docs keeps a checksum of each entry's texts; when the texts
made again differ (a record changed behind the services' back, or a change in
how texts are indexed), the whole index is rebuilt rather than left with words
it can no longer take out.
"""
from __future__ import annotations

import itertools
import json
import operator
import re
import sqlite3
import sys
import unicodedata
import zlib
from array import array
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable, Iterable, Sequence

from sqlite_utils import Database

from exhibit.records import RECORD_TYPES, Panel, Record, Section, record_class

HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN_RE = re.compile(f"[{HAN}]")
# A word as FTS5's unicode61 tokenizer sees one: a run of letters and digits of any
# script (its separators are punctuation, symbols and spaces, apostrophes and hyphens
# included). Not only [0-9a-z]: a query for Tōjō, Москва or Łódź must keep its letters.
_WORD_RE = re.compile(r"[^\W_]+")
_NOT_ALNUM = re.compile(r"[^0-9A-Za-z]")

# bm25 weights for the columns title, body, title2, body2, pinyin, ident.
BM25_WEIGHTS = (10.0, 1.0, 10.0, 1.0, 6.0, 12.0)
TITLE_WEIGHTS = (1.0, 1.0, 0.6, 1.2)  # search_titles: title, title2, pinyin, ident
# Queries matching more documents than RANK_CAP are not ranked by bm25, which
# costs ~3 µs a match (80 ms for a character found in 80,000 records): title
# matches come first (bm25-ranked when there are at most TITLE_RANK_CAP), then
# the rest, newest first. Totals are counted exactly up to COUNT_CAP and shown
# as "N+" beyond it. Measured with bench/search.py.
RANK_CAP = 300
TITLE_RANK_CAP = 300
COUNT_CAP = 1000

# Fields that are an identifier rather than prose, per record type.
_TITLE_FIELDS = {"title_zh", "title_en", "name_zh", "name_en", "caption_zh", "caption_en", "title"}
_IDENT_FIELDS = {"accession", "code", "key", "original_name"}
_SKIP_FIELDS = {"id", "is_sample", "created", "modified", "sha256", "path", "mime", "format",
                "width", "height", "size_bytes", "exif_date", "position", "section_id",
                "place_id", "object_id", "record_id", "source_id", "record_type", "lat", "lon",
                "is_illustration", "url", "makers", "measurements", "other_numbers",
                "external_links", "record_status", "rights"}
# An object's lists (JSON, exhibit.object_fields): the makers' names are searched as text,
# its other numbers as identifiers; the JSON keys themselves are not words to find.
_LIST_TEXT = ("makers",)
_LIST_IDENTS = ("other_numbers",)


def normalize(text: str) -> str:
    """Fold full-width forms and compatibility characters (Ｈｙ１９４４ → Hy1944)."""
    return unicodedata.normalize("NFKC", text)


# ---------------------------------------------------------------- accent folding
#
# Names come with diacritics (Tōjō, Würzburg, Łódź, Nguyễn, Øresund) and are typed with
# or without them. The tokenizer's remove_diacritics folds only letters that decompose
# (ō = o + macron); ß, æ, œ, ø, ł, đ, ð, þ, ı and ħ do not, so "strasse" would miss
# Straße. The index texts and the query are therefore both folded here, by the same
# function, before the tokenizer sees them: both sides always agree, whatever the
# tokenizer folds. Only Latin letters are folded: in other scripts a mark can make
# another letter (Russian й is not и).

# Letters that do not decompose, as they are written without their stroke or ligature.
_LATIN_SPECIAL = {
    "ß": "ss", "ẞ": "SS", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ø": "o", "Ø": "O",
    "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "TH",
    "ı": "i", "ħ": "h", "Ħ": "H", "ŧ": "t", "Ŧ": "T", "ŋ": "ng", "Ŋ": "NG", "ƀ": "b",
}
# Apostrophes and hyphens, each written one way: unicode61 splits words at every one of
# them already; written alike, O’Brien and O'Brien also get the same joined form.
_MARKS_ALIKE = {
    "\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u02bb": "'", "\u2032": "'",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
}
# Latin-1 Supplement, Latin Extended-A and -B, Latin Extended Additional (Vietnamese).
_LATIN_RANGES = ((0x00C0, 0x0250), (0x1E00, 0x1F00))


def _fold_letter(letter: str) -> str:
    """ō → o, ǽ → ae, Ł → L: the letter without its marks, then without its stroke."""
    bare = "".join(c for c in unicodedata.normalize("NFD", letter) if not unicodedata.combining(c))
    return "".join(_LATIN_SPECIAL.get(c, c) for c in bare)


def _make_fold_table() -> dict[str, str]:
    table = dict(_MARKS_ALIKE)
    for low, high in _LATIN_RANGES:
        for code in range(low, high):
            letter = chr(code)
            if letter.isalpha() and (folded := _fold_letter(letter)) != letter:
                table[letter] = folded
    return table


_FOLD = _make_fold_table()  # ~530 characters, each folded alone: made once, at import (~1 ms)
_FOLDABLE = re.compile("[" + "".join(map(re.escape, sorted(_FOLD))) + "]")


def _fold_match(match: re.Match[str]) -> str:
    return _FOLD[match.group()]


def fold(text: str) -> str:
    """`normalize`, then Latin letters without diacritics, strokes and ligatures, and one
    apostrophe and one hyphen (Tōjō → Tojo, Straße → Strasse, O’Brien → O'Brien).

    What the index holds and what a query looks for both pass through it, so it is
    on the import's path: ASCII (most English) returns at once; other texts cost one
    scan by a regular expression, which replaces what it finds (~3 µs for 600
    characters, where str.translate with a table took ~35 µs: a lookup a character).
    """
    if text.isascii():  # ASCII is its own NFKC form, with nothing to fold
        return text
    return _FOLDABLE.sub(_fold_match, normalize(text))  # one scan; the same string if none


# Letters and digits other than Han on both sides of an apostrophe: Chinese quotes
# (第十军‘泰山’臂章, folded to ') join no words.
_APOSTROPHE_WORD = re.compile(f"[^\\W_{HAN}]+(?:'[^\\W_{HAN}]+)+")


def apostrophe_joins(text: str) -> str:
    """The words of a folded text written with an apostrophe, joined (O'Brien → OBrien,
    Xi'an → Xian), so that a name typed without it is found too; '' if none."""
    if "'" not in text:
        return ""
    # Only the chunks with an apostrophe are searched: the pattern tried at every
    # position of a long title costs ~9 µs, a title's import budget.
    return " ".join(m.group().replace("'", "") for chunk in text.split() if "'" in chunk
                    for m in _APOSTROPHE_WORD.finditer(chunk))


_HAN_RUN = re.compile(f"[{HAN}]+")
# Han runs are rebuilt as arrays of UTF-16 code units (every character of HAN is one
# unit), in the machine's byte order, so that spacing them out is slice copying in C.
_UTF16 = "utf-16-le" if sys.byteorder == "little" else "utf-16-be"
_SPACE, _BAR = ord(" "), ord("|")
LONG_RUN = 12  # characters; measured at the break-even of the two ways below


def split_han(text: str) -> str:
    """'衡阳保卫战 1944' → ' 衡  阳  保  卫  战  1944': each Han character its own token."""
    return han_forms(text)[0]


def han_bigrams(text: str) -> str:
    """'衡阳保卫战' → '衡阳 阳保 保卫 卫战 |': overlapping pairs of each run of Han characters.

    A query of n ≥ 2 characters becomes a phrase of its n−1 pairs, which reads
    far shorter doclists than the phrase of n single characters.
    """
    return han_forms(text)[1]


def han_forms(text: str) -> tuple[str, str]:
    """(split_han(text), han_bigrams(text)): both index forms of a text in one pass.

    Indexing prose is mostly this. Joining a run's characters one string object
    each (" ".join(run), map(add, run[:-1], run[1:])) took ~35 µs a description;
    filling a code-unit array by strided slices takes ~15 µs for both forms (~5 µs
    since the text is split once and both forms share one array).
    """
    if text.isascii():  # no Han character, and already its NFKC form (most English)
        return text, ""
    text = normalize(text)
    pieces = _HAN_SPLIT.split(text)  # the text between runs, then a run, …, then the text after
    if len(pieces) == 1:
        return text, ""
    pairs: list[str] = []
    for k in range(1, len(pieces), 2):
        run = pieces[k]
        n = len(run)
        if n < LONG_RUN:  # a short run: per-character strings cost less than arrays
            pieces[k] = " " + "  ".join(run) + " "
            pairs.append(" ".join((*map(operator.add, run[:-1], run[1:]), "|")))
            continue
        # Both forms in one array, decoded once: " c " for each character c (3n units),
        # then "ab bc … yz |" (3n − 2).
        units = array("H", run.encode(_UTF16))
        size = 6 * n - 2
        out = _BLANKS[:size] if size <= len(_BLANKS) else array("H", [_SPACE]) * size
        out[1:3 * n:3] = units
        out[3 * n:size - 2:3] = units[:-1]
        out[3 * n + 1:size - 2:3] = units[1:]
        out[-1] = _BAR
        both = out.tobytes().decode(_UTF16)
        pieces[k] = both[:3 * n]
        pairs.append(both[3 * n:])
        # unicode61 drops "|" (not a token), so it does NOT keep runs apart:
        # no pair spans two runs, but the phrase for 衡阳光 matches "衡阳，阳光"
        # (one run ends with the character the next begins with). Kept so the
        # strings stay those of existing archives; a real separator token
        # would need a re-index.
    return "".join(pieces), " ".join(pairs)


_HAN_SPLIT = re.compile(f"([{HAN}]+)")
_BLANKS = array("H", [_SPACE]) * 6000  # spaces to start a long run's array from (copied)


# ---------------------------------------------------------------- pinyin

@lru_cache(maxsize=65536)
def _pinyin_syllables(text: str) -> tuple[str, ...]:
    from pypinyin import lazy_pinyin  # heavy: loaded on first use, not at start-up

    out = []
    for piece in lazy_pinyin(text, errors="ignore", v_to_u=False):
        piece = piece.lower().replace("ü", "v")
        if piece.isalpha():
            out.append(piece)
    return tuple(out)


def pinyin_for(text: str) -> str:
    """Toneless syllables and initials of the Han characters in `text`."""
    han = "".join(_HAN_RUN.findall(text))  # every Han character, in order
    return _pinyin_of_han(han) if han else ""


@lru_cache(maxsize=65536)
def _pinyin_of_han(han: str) -> str:
    """pinyin_for of a run of Han characters, remembered: catalogues repeat object names
    (half of the benchmark's 100,000 names are repeats; segmenting one costs ~12 µs)."""
    # lazy_pinyin segments a text into words and converts each on its own, so
    # converting word by word gives the same syllables; names share words far
    # more often than whole names, so the per-word cache answers most of them.
    syllables = [*itertools.chain.from_iterable(map(_pinyin_syllables, _segment(han)))]
    if len(syllables) < 2:
        return " ".join(syllables)
    initials = "".join([s[0] for s in syllables])
    # Joined pairs ("hengyang yangbao …") make a multi-syllable query one short
    # phrase of rare tokens instead of a phrase of very common syllables.
    pairs = " ".join(map(operator.add, syllables[:-1], syllables[1:]))
    return f"{' '.join(syllables)} {initials} {pairs}"


def _segment(han: str) -> list[str]:
    """The words of a run of Han characters as lazy_pinyin segments it (pypinyin's
    simpleseg.seg: on Han text alone, its forward maximum match over the phrase
    dictionary, mmseg.seg, in the strict mode that keeps only dictionary words).

    Done here by positions in the text rather than by pypinyin's generator, which
    slices the rest of the text at every step: under half the time (~2.5 µs a name) on
    an import's distinct names (tests/core/test_search_fast.py compares the two).
    """
    tables = _segment_tables()
    if tables is None:  # a pypinyin whose segmenter is not the one this follows
        from pypinyin.seg.simpleseg import seg

        return seg(han)
    prefixes, phrases = tables
    words: list[str] = []
    i, n = 0, len(han)
    while i < n:
        # The longest dictionary word starting at i, trying longer texts while they
        # begin some word; it ends at "last" (each text is sliced and hashed once).
        j, last, found = i, 0, ""
        while j < n:
            word = han[i:j + 1]
            if word not in prefixes:
                break
            j += 1
            if word in phrases:
                last, found = j, word
        if last:
            words.append(found)
            i = last
        elif j < n:
            words.append(han[i])
            i += 1
        else:  # the rest begins a word but holds none: one character each
            words.extend(han[i:])
            break
    return words


@lru_cache(maxsize=1)
def _segment_tables() -> tuple[Any, Any] | None:
    """(pypinyin's set of phrase prefixes, its phrase dictionary), or None if its
    segmenter is not the strict forward maximum match `_segment` follows."""
    from pypinyin.constants import PHRASES_DICT
    from pypinyin.seg import mmseg

    seg = getattr(mmseg, "seg", None)
    prefixes = getattr(getattr(seg, "_prefix_set", None), "_set", None)
    if not isinstance(prefixes, set) or getattr(seg, "_no_non_phrases", None) is not True or not PHRASES_DICT:
        return None
    return prefixes, PHRASES_DICT


@lru_cache(maxsize=1)
def _syllable_set() -> frozenset[str]:
    from pypinyin import Style, pinyin_dict
    from pypinyin.style import convert

    syllables: set[str] = set()
    for value in pinyin_dict.pinyin_dict.values():
        for reading in value.split(","):
            plain = convert(reading, Style.NORMAL, strict=False).replace("ü", "v")
            if plain.isalpha():
                syllables.add(plain)
    return frozenset(syllables)


def warm_up() -> None:
    """Load the pinyin tables now (~0.3 s) instead of at the first search a user types.

    Safe to call from a worker thread: it only fills module-level caches.
    """
    _pinyin_syllables("衡阳")
    _syllable_prefixes()


@lru_cache(maxsize=1)
def _syllable_prefixes() -> frozenset[str]:
    return frozenset(s[:i] for s in _syllable_set() for i in range(1, len(s) + 1))


def segment_pinyin(text: str, allow_partial: bool = True) -> tuple[list[str], bool] | None:
    """Split 'fangxianjue' into ['fang', 'xian', 'jue'] (fewest syllables wins).

    Returns (syllables, last_is_prefix) or None if the text is not pinyin.
    With allow_partial, the last piece may be an unfinished syllable ('hengy'),
    as a curator typing sees results while typing.
    """
    text = text.lower()
    if not text.isalpha() or not text.isascii():
        return None
    syllables = _syllable_set()
    n = len(text)
    best: list[list[str] | None] = [None] * (n + 1)
    best[0] = []
    for i in range(n):
        here = best[i]
        if here is None:
            continue
        for j in range(i + 1, min(n, i + 6) + 1):
            piece, there = text[i:j], best[j]
            if piece in syllables and (there is None or len(here) + 1 < len(there)):
                best[j] = here + [piece]
    whole = best[n]
    if whole is not None:
        return whole, False
    if allow_partial:
        prefixes = _syllable_prefixes()
        for k in range(n - 1, -1, -1):
            start = best[k]
            if start is not None and text[k:] in prefixes:
                return start + [text[k:]], True
    return None


# ---------------------------------------------------------------- indexing

def _sections_for(db: Database, record: Record) -> str:
    ids: list[int]
    if isinstance(record, Section):
        ids = [record.saved_id]
    elif isinstance(record, Panel):
        ids = [record.section_id] if record.section_id else []
    else:
        ids = [row[0] for row in db.execute(
            "SELECT DISTINCT p.section_id FROM links l JOIN panels p ON p.id = l.from_id "
            "WHERE l.from_type = 'panel' AND l.to_type = ? AND l.to_id = ? "
            "AND p.section_id IS NOT NULL", [record.TYPE, record.id])]
    return "".join(f",{i}" for i in sorted(ids)) + ("," if ids else "")


Document = tuple[str, str, str, str, str, str]


def document(record: Record) -> Document:
    """The index columns of `record`: title, body, title2, body2, pinyin, ident."""
    return document_of_row(record.as_row())


def document_of_row(row: dict[str, Any]) -> Document:
    """`document` of a record given as its as_row() (a bulk writer has the row already)."""
    if fold is not _folded_by[0]:  # the remembered forms are fold's: made again if it is replaced
        _short_forms.cache_clear()
        _remembered_list_forms.cache_clear()
        _folded_by[0] = fold
    title_names, body_names, ident_names = _field_roles(tuple(row))
    # Folded field by field: most fields are ASCII (English) or have no Latin letter at
    # all, and `fold` sees that at once for ASCII, where a long mixed text is scanned.
    titles = [fold(v) for n in title_names if (v := row[n]) and isinstance(v, str)]
    # The body is han_forms of its texts joined by spaces, made text by text: a space
    # ends every run of Han characters and changes nothing around it in NFKC, so the
    # forms of the whole are the texts' forms joined (tests/core/test_search_fast.py).
    # Then the short texts a catalogue repeats on every row (category, material, object
    # name, technique …) are made once, and English returns at once (han_forms).
    body = [_short_forms(v) if len(v) <= SHORT_TEXT else _long_forms(v)
            for n in body_names if (v := row[n]) and isinstance(v, str)]
    idents = [fold(v) for n in ident_names if (v := row[n]) and isinstance(v, str)]
    if row.get("makers") or row.get("other_numbers"):
        for name in _LIST_TEXT:
            if (text := row.get(name)) and isinstance(text, str):
                body.extend(_remembered_list_forms(text) if len(text) <= SHORT_LIST else _list_forms(text))
        idents.extend(fold(text) for text in _list_words(row, _LIST_IDENTS))
    zh_title = " ".join([t for t in titles if _HAN_RE.search(t)])
    ident = " ".join(idents)
    # Also index identifiers with separators removed: HY1944.0001 → hy19440001.
    compact = " ".join([_NOT_ALNUM.sub("", i) for i in idents])
    heads = [han_forms(t) for t in titles]  # the title, as the body, text by text
    if joined := apostrophe_joins(" ".join(titles)):  # names: O'Brien is found as obrien too
        heads.append(han_forms(joined))
    title, title2 = zip(*heads) if heads else ((), ())
    text, text2 = zip(*body) if body else ((), ())
    return (" ".join(title), " ".join(text), " ".join(filter(None, title2)), " ".join(filter(None, text2)),
            pinyin_for(zh_title), f"{ident} {compact}")


SHORT_TEXT = 64  # characters: a body text up to this long is remembered (_short_forms)


@lru_cache(maxsize=16384)
def _short_forms(text: str) -> tuple[str, str]:
    """han_forms(fold(text)) of a short text of a record's body, remembered."""
    return han_forms(fold(text))


# The `fold` whose results _short_forms and _remembered_list_forms remember (a test
# replaces it to index texts as an older format did).
_folded_by: list[Callable[[str], str]] = [fold]


def _long_forms(text: str) -> tuple[str, str]:
    """han_forms(fold(text)) of a long text (a description: not worth remembering)."""
    return han_forms(fold(text))


def _list_words(row: dict[str, Any], names: tuple[str, ...]) -> list[str]:
    """The searchable values of an object's list fields: every string value but the role."""
    words: list[str] = []
    for name in names:
        text = row.get(name)
        if text and isinstance(text, str):
            words.extend(_list_values(text))
    return words


def _list_values(text: str) -> list[str]:
    """_list_words of one list field's text."""
    try:
        items = json.loads(text)
    except ValueError:
        return []                       # not stored yet (validation makes it JSON)
    return [v for item in items if isinstance(item, dict)
            for k, v in item.items() if k not in ("role", "kind") and isinstance(v, str)]


def _list_forms(text: str) -> tuple[tuple[str, str], ...]:
    """The forms of each word of a list field's text."""
    return tuple(_short_forms(word) if len(word) <= SHORT_TEXT else _long_forms(word)
                 for word in _list_values(text))


# A catalogue names the same makers on many rows: their forms are remembered, for lists
# up to SHORT_LIST characters (a few makers; at most ~4096 × 6 KB remembered).
_remembered_list_forms = lru_cache(maxsize=4096)(_list_forms)
SHORT_LIST = 1000


@lru_cache(maxsize=128)
def _field_roles(names: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """A row's fields that go into the title, the body and the identifiers, in row order
    (worked out once per record type, not per row: a bulk import indexes 100,000 rows)."""
    indexed = [n for n in names if n not in _SKIP_FIELDS and not n.endswith(("_start", "_end"))]
    return (tuple(n for n in indexed if n in _TITLE_FIELDS),
            tuple(n for n in indexed if n not in _TITLE_FIELDS and n not in _IDENT_FIELDS),
            tuple(n for n in indexed if n not in _TITLE_FIELDS and n in _IDENT_FIELDS))


_INSERT_FTS = "INSERT INTO search_fts (rowid, title, body, title2, body2, pinyin, ident) VALUES (?, ?, ?, ?, ?, ?, ?)"
_INSERT_TITLES = "INSERT INTO search_titles (rowid, title, title2, pinyin, ident) VALUES (?, ?, ?, ?, ?)"
# The index keeps no copy of the texts (content=''): an entry is taken out with FTS5's
# 'delete' command and the very texts it was made from (see _forget).
_DELETE_FTS = ("INSERT INTO search_fts (search_fts, rowid, title, body, title2, body2, pinyin, ident) "
               "VALUES ('delete', ?, ?, ?, ?, ?, ?, ?)")
_DELETE_TITLES = ("INSERT INTO search_titles (search_titles, rowid, title, title2, pinyin, ident) "
                  "VALUES ('delete', ?, ?, ?, ?, ?)")
_INSERT_DOCS = ("INSERT INTO search_docs (id, record_type, record_id, category, sections, date_start, date_end, "
                "fts_crc) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
FTS_TABLES = ("search_fts", "search_titles")
# Every table of the index: derived from the records, so made again rather than repaired.
INDEX_TABLES = ("search_docs", *FTS_TABLES)


def _titles_row(doc_id: int, columns: Sequence[str | bytes]) -> tuple:
    title, _, title2, _, pinyin, ident = columns
    return (doc_id, title, title2, pinyin, ident)


def _crc(columns: Sequence[str | bytes]) -> int:
    """A checksum of an entry's texts, kept in search_docs: taking the entry out needs the
    same texts again, and this shows whether the ones made again are the same."""
    return zlib.crc32(b"\x1f".join(c if isinstance(c, bytes) else c.encode() for c in columns))


def index_record(db: Database, record: Record, previous: Record | None = None) -> None:
    """Add or replace `record` in the index (call inside the write's transaction).

    `previous`: the record as it was when last indexed, when the caller has just changed
    it (an update); otherwise its stored row is taken, which is the indexed state when
    only its sections changed.
    """
    if record.TYPE not in INDEXED_TYPES:
        return
    columns = document(record)
    dates = next(iter(record.DATES.values()), None)
    start = getattr(record, dates[0]) if dates else None
    end = getattr(record, dates[1]) if dates else None
    category = getattr(record, "category", "") or ""
    sections = _sections_for(db, record)
    existing = db.execute("SELECT id, fts_crc FROM search_docs WHERE record_type = ? AND record_id = ?",
                          [record.TYPE, record.id]).fetchone()
    if existing:
        doc_id = existing[0]
        if not _forget(db, doc_id, existing[1], previous or _stored(db, record.TYPE, record.saved_id)):
            rebuild(db)  # the index was out of step with the records: made again whole, this one included
            return
        db.execute("UPDATE search_docs SET category = ?, sections = ?, date_start = ?, date_end = ?, "
                   "fts_crc = ? WHERE id = ?", [category, sections, start, end, _crc(columns), doc_id])
    else:
        doc_id = db.execute(
            "INSERT INTO search_docs (record_type, record_id, category, sections, date_start, date_end, fts_crc) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [record.TYPE, record.id, category, sections, start, end, _crc(columns)]).lastrowid
    db.execute(_INSERT_FTS, [doc_id, *columns])
    db.execute(_INSERT_TITLES, _titles_row(doc_id, columns))


def _forget(db: Database | sqlite3.Connection, doc_id: int, crc: int, indexed: Record | None) -> bool:
    """Take entry `doc_id` out of both full-text tables, given the record it was made from.

    Its texts are made again with `document`; False, changing nothing, when they are not
    the ones indexed (their checksum differs: the record was changed without the index,
    or the way texts are indexed changed since), as FTS5 would then keep the old words.
    """
    if indexed is None:
        return False
    columns = document(indexed)
    if _crc(columns) != crc:
        return False
    db.execute(_DELETE_FTS, [doc_id, *columns])
    db.execute(_DELETE_TITLES, _titles_row(doc_id, columns))
    return True


def _stored(db: Database | sqlite3.Connection, record_type: str, record_id: int) -> Record | None:
    cls = record_class(record_type)
    cursor = db.execute(f"SELECT * FROM {cls.TABLE} WHERE id = ?", [record_id])
    row = cursor.fetchone()
    return cls.from_row(dict(zip([d[0] for d in cursor.description], row))) if row else None


def index_many(db: Database | sqlite3.Connection, records: Sequence[Record],
               rows: Sequence[dict[str, Any]] | None = None) -> None:
    """Add new records of one type, not yet indexed nor linked from a panel, in one go.

    The same entries `index_record` writes, with one executemany per table (a
    bulk import's batch). `rows`, if given, are the records' as_row() dicts,
    which the caller has usually made already. Sections list themselves as
    their section, so they go through `index_record`.
    """
    if not records or records[0].TYPE not in INDEXED_TYPES:
        return
    if records[0].TYPE == "section":
        for record in records:
            index_record(db if isinstance(db, Database) else Database(db), record)
        return
    conn = db.conn if isinstance(db, Database) else db
    rows = rows if rows is not None else [r.as_row() for r in records]
    write_index_rows(conn, index_rows(records[0].TYPE, rows, next_doc_id(conn)))


IndexRows = tuple[list[tuple], list[tuple], list[tuple]]


def next_doc_id(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT coalesce(max(id), 0) + 1 FROM search_docs").fetchone()[0]


def index_rows(record_type: str, rows: Sequence[dict[str, Any]], first_doc_id: int,
               encoded: bool = False) -> IndexRows:
    """The rows `index_many` writes for new records (as_row() dicts) of one type other than
    section, numbered from `first_doc_id`. Needs no database: a bulk import builds them in a
    worker process while the main one writes.

    `encoded`: the index texts as UTF-8 bytes, for `write_index_rows(..., encoded=True)`
    (a worker's rows cross to the main process: bytes are copied where text is decoded,
    then encoded again by sqlite3).
    """
    dates = next(iter(record_class(record_type).DATES.values()), None)
    doc_id = first_doc_id
    docs, fts, titles = [], [], []
    for row in rows:
        document = document_of_row(row)
        columns: Sequence[str | bytes] = document
        if encoded:
            columns = as_bytes = tuple(map(str.encode, document))
            crc = zlib.crc32(b"\x1f".join(as_bytes))  # = _crc(columns), all of them bytes already
        else:
            crc = _crc(document)
        docs.append((doc_id, record_type, row["id"], row.get("category") or "", "",
                     row[dates[0]] if dates else None, row[dates[1]] if dates else None, crc))
        fts.append((doc_id, *columns))
        titles.append((doc_id, columns[0], columns[2], columns[4], columns[5]))  # = _titles_row
        doc_id += 1
    return docs, fts, titles


def write_index_rows(conn: sqlite3.Connection, index: IndexRows, encoded: bool = False) -> None:
    docs, fts, titles = index
    conn.executemany(_INSERT_DOCS, docs)
    conn.executemany(_as_text(_INSERT_FTS) if encoded else _INSERT_FTS, fts)
    conn.executemany(_as_text(_INSERT_TITLES) if encoded else _INSERT_TITLES, titles)


def _as_text(insert: str) -> str:
    """The INSERT with every value after the rowid given as UTF-8 bytes and stored as TEXT
    (CAST of a blob to TEXT takes its bytes as they are: the same value, no conversion)."""
    head, values = insert.split(" VALUES ")
    count = values.count("?")
    return f"{head} VALUES (?{', CAST(? AS TEXT)' * (count - 1)})"


def unindex(db: Database, record_type: str, record_id: int, record: Record | None = None) -> None:
    """Take a record out of the index. `record`: as it was indexed (needed once its row is
    deleted; otherwise the stored row is taken)."""
    row = db.execute("SELECT id, fts_crc FROM search_docs WHERE record_type = ? AND record_id = ?",
                     [record_type, record_id]).fetchone()
    if not row:
        return
    db.execute("DELETE FROM search_docs WHERE id = ?", [row[0]])
    if not _forget(db, row[0], row[1], record or _stored(db, record_type, record_id)):
        rebuild(db)  # out of step: made again from the records (this one is no longer indexed)


INDEXED_TYPES = ("object", "media", "section", "panel", "person", "place", "event", "source")
# Raise it when `document` would make other texts from the same record; an archive
# whose index was made by another format is reindexed once, when it opens.
# 2: texts folded (`fold`: Straße → Strasse, Łódź → Lodz) and apostrophe words joined.
# 3: an object's makers, object name, medium and technique, and its other numbers.
INDEX_FORMAT = 3


@lru_cache(maxsize=1)
def index_fingerprint() -> str:
    """What the index's texts depend on besides the records: the format of this code,
    pypinyin's dictionaries and Python's Unicode tables (NFKC)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        pinyin = version("pypinyin")
    except PackageNotFoundError:
        pinyin = "none"
    return f"format {INDEX_FORMAT}; pypinyin {pinyin}; unicode {unicodedata.unidata_version}"


def mark_current(db: Database) -> None:
    """Note that the index was made with today's `index_fingerprint` (inside the transaction
    that made it)."""
    db.execute("INSERT INTO settings (key, value) VALUES ('search_index', ?) "
               "ON CONFLICT(key) DO UPDATE SET value = excluded.value", [index_fingerprint()])


def refresh_if_stale(db: Database) -> bool:
    """Rebuild the index, at opening, when it was made by another version of `document`
    or of pypinyin (`index_fingerprint`). Otherwise a curator's next save would find the
    texts it can no longer take out (_forget) and rebuild the index then, in the middle of
    the save. Returns whether it rebuilt."""
    row = db.execute("SELECT value FROM settings WHERE key = 'search_index'").fetchone()
    if row is not None and row[0] == index_fingerprint():
        return False
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        rebuild(db)
        mark_current(db)
    except BaseException:
        db.conn.execute("ROLLBACK")
        raise
    db.conn.execute("COMMIT")
    return True


def iter_records(db: Database, record_type: str) -> Iterable[Record]:
    cls = record_class(record_type)
    cursor = db.execute(f"SELECT * FROM {cls.TABLE} ORDER BY id")
    names = [d[0] for d in cursor.description]
    for values in cursor:
        yield cls.from_row(dict(zip(names, values)))


def rebuild(db: Database, *, remake_tables: bool = False) -> int:
    """Re-index every record (the migration that makes the index, `check --reindex`, and an
    index found out of step with the records).

    `remake_tables` (`check --reindex`, opening an archive whose index tables are gone):
    first make again, as an empty index, those of its tables that are missing or not this
    program's (schema.restore_index_tables). Not during a migration, whose half-made
    schema is not yet the one of any version."""
    if remake_tables:
        from exhibit import schema

        schema.restore_index_tables(db.conn)
    for table in FTS_TABLES:
        db.execute(f"INSERT INTO {table} ({table}) VALUES ('delete-all')")  # contentless: no DELETE
    db.execute("DELETE FROM search_docs")
    count = 0
    for record_type in INDEXED_TYPES:
        for record in iter_records(db, record_type):
            index_record(db, record)
            count += 1
    return count


def index_problems(db: Database | sqlite3.Connection, *, writable: bool = True) -> list[str]:
    """What is wrong with the search index's own structure, one line each; [] when sound.

    Its tables present and this program's (schema.inspect), FTS5's own consistency check of
    each full-text table, and one size entry per indexed document. FTS5's 'integrity-check'
    is an INSERT (a write that changes nothing): on a connection that cannot write
    (`writable=False`) every term and position list is read instead through a temporary
    fts5vocab table, which finds what makes queries fail ('database disk image is malformed').
    Whether each record is indexed is exhibit.integrity's check.
    """
    from exhibit import schema

    conn = db.conn if isinstance(db, Database) else db
    missing = [p for p in schema.inspect(conn) if p.problem == "index"]
    if missing:
        return [p.describe() for p in missing]
    problems = []
    for table in FTS_TABLES:
        try:
            if writable:
                conn.execute(f"INSERT INTO {table} ({table}, rank) VALUES ('integrity-check', 0)")
            else:
                _walk_index(conn, table)
        except sqlite3.DatabaseError as exc:
            problems.append(f"search index: {table} is damaged ({exc}); run `check --reindex`")
            continue
        docs = conn.execute("SELECT count(*) FROM search_docs").fetchone()[0]
        sizes = conn.execute(f"SELECT count(*) FROM {table}_docsize").fetchone()[0]
        if docs != sizes:
            problems.append(f"search index: {table} holds {sizes} document(s), search_docs {docs}; "
                            f"run `check --reindex`")
    return problems


def _walk_index(conn: sqlite3.Connection, table: str) -> None:
    """Read every entry of the full-text table `table` (read-only; raises on damage)."""
    vocab = f"temp.exhibit_check_{table}"
    conn.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS {vocab} USING fts5vocab(main, {table}, 'instance')")
    try:
        conn.execute(f"SELECT count(*) FROM {vocab}").fetchone()
    finally:
        conn.execute(f"DROP TABLE IF EXISTS {vocab}")


# ---------------------------------------------------------------- querying

@dataclass(frozen=True)
class Hit:
    record_type: str
    record_id: int
    title_zh: str
    title_en: str
    ident: str
    snippet: str                      # plain text around the first match
    spans: tuple[tuple[int, int], ...]  # highlighted ranges in `snippet`
    score: float

    def highlighted(self, before: str = "【", after: str = "】") -> str:
        out, last = [], 0
        for start, end in self.spans:
            out.append(self.snippet[last:start] + before + self.snippet[start:end] + after)
            last = end
        return "".join(out) + self.snippet[last:]


@dataclass
class SearchResult:
    query: str
    total: int
    hits: list[Hit] = field(default_factory=list)
    total_is_lower_bound: bool = False

    def total_text(self) -> str:
        return f"{self.total:,}+" if self.total_is_lower_bound else f"{self.total:,}"


def _quote(tokens: Iterable[str]) -> str:
    return '"' + " ".join(t.replace('"', '""') for t in tokens) + '"'


_CHUNK_CORE = re.compile(r"[^\W_](?:.*[^\W_])?")  # a chunk from its first word to its last


def _chunk_core(chunk: str) -> str:
    """A chunk from its first word to its last (o'brien of "(o'brien,"): what to highlight."""
    found = _CHUNK_CORE.search(chunk)
    return found.group() if found else chunk  # every chunk here has a word: found is never None
# Pinyin's ü (lǚ, nǚ) is v in the pinyin column; elsewhere it folds to u (Würzburg).
_PINYIN_U = re.compile("[üǖǘǚǜÜǕǗǙǛ]")


def build_match(query: str, prefix: bool = True) -> tuple[str | None, list[str]]:
    """Turn what a user typed into an FTS5 MATCH expression and the terms to highlight.

    The query is folded as the index texts are (`fold`: Tōjō = tojo = TOJO, Straße =
    strasse, O’Brien = O'Brien). Each whitespace-separated chunk with Han characters
    is a phrase (of character pairs when it is pure Han, else of single characters);
    runs of other chunks are tried as words (each chunk a phrase of the words
    unicode61 makes of it, so o'brien and tojo-hideki keep their order; the last one
    a prefix, for search-as-you-type), as pinyin syllables (tone marks folded away:
    héngyáng = hengyang) and as pinyin initials. Chunks are ANDed. No column filters:
    each costs a position-list read per candidate row, and Han pairs, single
    characters, pinyin and words each live in their own columns anyway. The same
    expression runs against search_titles for title-only matching.
    """
    raw = normalize(query or "")
    chunks = fold(raw).lower().split()
    # The same chunks with ü as v, for the pinyin column: folding keeps every chunk's
    # words where they are, so the two lists pair up.
    pinyin_chunks = fold(_PINYIN_U.sub("v", raw)).lower().split()
    if not chunks:
        return None, []

    parts: list[str] = []
    highlights: list[str] = []
    latin: list[tuple[str, list[str], list[str]]] = []  # (chunk, its words, as pinyin)

    def flush_latin() -> None:
        if not latin:
            return
        pending = list(latin)
        latin.clear()
        words = [w for _, chunk_words, _ in pending for w in chunk_words]
        phrases = []
        for i, (chunk, _, _) in enumerate(pending):
            # The chunk itself, quoted: FTS5 splits it into words exactly as it split the
            # indexed texts (at apostrophes, hyphens, dots), and keeps them in order.
            star = "*" if prefix and i == len(pending) - 1 else ""
            phrase = _quote([chunk]) + star
            if joined := apostrophe_joins(chunk):
                if joined.replace(" ", "") == "".join(_WORD_RE.findall(chunk)):
                    phrase = f"({phrase} OR {_quote([joined])}{star})"  # obrien = o'brien
            phrases.append(phrase)
        alternatives = [f"({' AND '.join(phrases)})"]
        letters = "".join(w for _, _, as_pinyin in pending for w in as_pinyin)
        seg = segment_pinyin(letters, allow_partial=prefix) if letters.isalpha() else None
        if seg:
            syllables, partial = seg
            if len(syllables) == 1:
                alternatives.append("pinyin : " + _quote(syllables) + ("*" if partial else ""))
            else:
                pairs = [a + b for a, b in zip(syllables, syllables[1:])]
                alternatives.append("pinyin : " + _quote(pairs) + ("*" if partial else ""))
        if len(words) == 1 and letters.isalpha() and letters.isascii() and 2 <= len(letters) <= 6:
            alternatives.append("pinyin : " + _quote([letters]))
        parts.append("(" + " OR ".join(dict.fromkeys(alternatives)) + ")")
        # Each chunk highlighted whole (o'brien, not every "o"), from its first word to its last.
        highlights.extend(_chunk_core(chunk) for chunk, _, _ in pending)

    for chunk, pinyin_chunk in zip(chunks, pinyin_chunks):
        if _HAN_RE.search(chunk):
            flush_latin()
            if _HAN_RUN.fullmatch(chunk) and len(chunk) >= 2:
                pairs = [chunk[i:i + 2] for i in range(len(chunk) - 1)]
                parts.append(_quote(pairs))
                highlights.append(chunk)
                continue
            spaced = split_han(chunk)
            tokens = _WORD_RE.findall(spaced)
            if tokens:
                parts.append(_quote([spaced]))  # tokenized by FTS5 as the index was
                highlights.append("".join(tokens))
        elif words := _WORD_RE.findall(chunk):
            latin.append((chunk, words, _WORD_RE.findall(pinyin_chunk)))
    flush_latin()
    if not parts:
        return None, []
    return " AND ".join(parts), highlights


def _filters(record_types: Iterable[str] | None, category: str | None, section_id: int | None,
             date_from: str | None, date_to: str | None) -> tuple[str, list[Any]]:
    clauses, params = [], []
    if record_types:
        types = list(record_types)
        clauses.append(f"d.record_type IN ({','.join('?' * len(types))})")
        params += types
    if category:
        clauses.append("d.category = ?")
        params.append(category)
    if section_id is not None:
        clauses.append("instr(d.sections, ?) > 0")
        params.append(f",{section_id},")
    if date_from:
        clauses.append("d.date_end >= ?")
        params.append(date_from)
    if date_to:
        clauses.append("d.date_start <= ?")
        params.append(date_to)
    return "".join(" AND " + c for c in clauses), params


def _from(where: str, table: str) -> str:
    # Join the filter table only when a filter needs it: the join costs a
    # lookup per matching row, which is most of the time of a broad query.
    return f"{table} JOIN search_docs d ON d.id = {table}.rowid" if where else table


def _ids(db: Database, match: str, where: str, params: list[Any], order: str,
         limit: int, offset: int = 0, table: str = "search_fts") -> list[tuple[int, float]]:
    """(index row id, score) of one page, by bm25 or newest first."""
    weights = ", ".join(str(w) for w in (BM25_WEIGHTS if table == "search_fts" else TITLE_WEIGHTS))
    score = f"bm25({table}, {weights})" if order == "rank" else "0.0"
    order_by = "score" if order == "rank" else f"{table}.rowid DESC"
    return db.execute(
        f"SELECT {table}.rowid, {score} AS score FROM {_from(where, table)} "
        f"WHERE {table} MATCH ?{where} ORDER BY {order_by} LIMIT ? OFFSET ?",
        [match, *params, limit, offset]).fetchall()


def _capped_count(db: Database, match: str, where: str, params: list[Any], cap: int,
                  table: str = "search_fts") -> int:
    return db.execute(
        f"SELECT count(*) FROM (SELECT 1 FROM {_from(where, table)} WHERE {table} MATCH ?{where} LIMIT ?)",
        [match, *params, cap]).fetchone()[0]


def _docs(db: Database, rowids: list[int]) -> dict[int, tuple[str, int]]:
    found = db.execute(f"SELECT id, record_type, record_id FROM search_docs "
                       f"WHERE id IN ({','.join('?' * len(rowids))})", rowids).fetchall()
    return {r[0]: (r[1], r[2]) for r in found}


def match_for(query: str, count: Callable[[str, int], int], *, enough: int,
              cap: int) -> tuple[str | None, int, list[str]]:
    """The MATCH expression for `query`, how many it finds (up to `cap`), and the words to highlight.

    Whole words first: a prefix query ("the*") merges the doclists of every
    word it could be, which is slow for common prefixes and rarely needed when
    the whole word already finds enough. When whole words find fewer than
    `enough`, the prefix form (a word still being typed: "defen", "hengy") is
    taken if it finds more. `count(match, cap)` counts matches under the
    caller's own filters, so search() and the curator's lists agree.
    """
    match, highlights = build_match(query, prefix=False)
    if match is None:
        return None, 0, highlights
    matched = count(match, cap)
    if matched < enough:
        as_prefix, _ = build_match(query, prefix=True)
        if as_prefix is not None and as_prefix != match:
            prefix_matched = count(as_prefix, cap)
            if prefix_matched > matched:
                return as_prefix, prefix_matched, highlights
    return match, matched, highlights


def search(db: Database, query: str, *, record_types: Iterable[str] | None = None,
           category: str | None = None, section_id: int | None = None,
           date_from: str | None = None, date_to: str | None = None,
           limit: int = 20, offset: int = 0) -> SearchResult:
    """Ranked hits for `query`; the filters narrow by type, category, section and date overlap.

    `total` is exact up to COUNT_CAP; beyond it `total_is_lower_bound` is set.
    """
    # Whole words first: a prefix query ("the*") merges the doclists of every
    # word it could be, which is slow for common prefixes and rarely needed
    # when the whole word already has results. The prefix form is the fallback
    # for a word still being typed ("defen", "hengy").
    if getattr(db, "is_server", False):   # a server archive's (exhibit/server/archive.py)
        from exhibit.server import search as server_search

        return server_search.search(getattr(db, "conn"), query, record_types=record_types,
                                    category=category, section_id=section_id, date_from=date_from,
                                    date_to=date_to, limit=limit, offset=offset)
    result = SearchResult(query=query, total=0)
    where, params = _filters(record_types, category, section_id, date_from, date_to)
    match, matched, highlights = match_for(
        query, lambda m, cap: _capped_count(db, m, where, params, cap), enough=limit + offset, cap=COUNT_CAP)
    if match is None:
        return result
    if matched >= RANK_CAP:
        rows = _broad(db, match, where, params, limit, offset)
    elif matched:
        rows = _ranked(db, match, where, params, matched, limit, offset)
    else:
        rows = []
    result.total = matched
    result.total_is_lower_bound = matched >= COUNT_CAP
    docs = _docs(db, [r[0] for r in rows])
    loaded = _load_many(db, list(docs.values()))
    for rowid, score in rows:
        if rowid not in docs:
            continue
        record_type, record_id = docs[rowid]
        record = loaded.get((record_type, record_id))
        if record is None:
            continue
        snippet, spans = make_snippet(record, highlights)
        zh, en = record.title_pair()
        ident = getattr(record, record.IDENT, "") if record.IDENT else ""
        result.hits.append(Hit(record_type, record_id, zh, en, ident or "", snippet, spans, score))
    return result


# Why title matches are ranked on their own, before the rest. bm25 weighs a column's
# matches, then divides by the length of the whole entry (FTS5 knows no per-column
# length), so a short entry wins: a photograph whose caption mentions a helmet (a
# caption and nothing else) outranked the helmet itself (its name and a long
# description), whatever the title columns' weights. Titles are first ranked by
# bm25 over the titles alone (search_titles), the closer, shorter name first; and a
# record's own name comes before an image caption naming it (a media record's title
# is its caption, which says what the image shows: the record shown is the answer).
CAPTIONED = "media"


def _title_matches(db: Database, match: str, where: str, params: list[Any],
                   limit: int) -> list[tuple[int, float]]:
    """(index row id, bm25 over the titles) of the first `limit` title matches: names and
    titles first, then captions, each closest first."""
    weights = ", ".join(map(str, TITLE_WEIGHTS))
    return db.execute(
        f"SELECT search_titles.rowid, bm25(search_titles, {weights}) AS score "
        f"FROM search_titles JOIN search_docs d ON d.id = search_titles.rowid "
        f"WHERE search_titles MATCH ?{where} ORDER BY d.record_type = ?, score LIMIT ?",
        [match, *params, CAPTIONED, limit]).fetchall()


def _ranked(db: Database, match: str, where: str, params: list[Any], matched: int,
            limit: int, offset: int) -> list[tuple[int, float]]:
    """One page of a query matching `matched` (< RANK_CAP) records: records named by the
    query, then captions naming it (each by bm25 over the titles), then the rest by bm25.
    The rest is ranked only when the title matches do not fill the page."""
    wanted = limit + offset
    rows = _title_matches(db, match, where, params, wanted)
    if len(rows) < wanted and len(rows) < matched:  # every title match is in `rows`
        in_titles = {row[0] for row in rows}
        rest = _ids(db, match, where, params, "rank", wanted + len(rows))
        rows += [row for row in rest if row[0] not in in_titles]
    return rows[offset:wanted]


def _broad(db: Database, match: str, where: str, params: list[Any],
           limit: int, offset: int) -> list[tuple[int, float]]:
    """A query matching thousands of records: title matches first, then the rest, newest first."""
    wanted = limit + offset
    in_titles = _capped_count(db, match, where, params, TITLE_RANK_CAP, table="search_titles")
    if in_titles >= TITLE_RANK_CAP:  # too many to rank (bm25 costs ~3 µs a match): newest first
        rows = _ids(db, match, where, params, "rowid", wanted, table="search_titles")
    else:
        rows = _title_matches(db, match, where, params, wanted) if in_titles else []
    if len(rows) < wanted:
        seen = {r[0] for r in rows}
        extra = _ids(db, match, where, params, "rowid", wanted + len(seen))
        rows += [r for r in extra if r[0] not in seen][: wanted - len(rows)]
    return rows[offset:offset + limit]


def _load_many(db: Database, keys: list[tuple[str, int]]) -> dict[tuple[str, int], Record]:
    """The records of a result page, one query per record type."""
    by_type: dict[str, list[int]] = {}
    for record_type, record_id in keys:
        by_type.setdefault(record_type, []).append(record_id)
    out: dict[tuple[str, int], Record] = {}
    for record_type, ids in by_type.items():
        cls = RECORD_TYPES[record_type]
        cursor = db.execute(f"SELECT * FROM {cls.TABLE} WHERE id IN ({','.join('?' * len(ids))})", ids)
        names = [d[0] for d in cursor.description]
        for values in cursor.fetchall():
            record = cls.from_row(dict(zip(names, values)))
            out[(record_type, record.saved_id)] = record
    return out


@lru_cache(maxsize=256)
def _highlighter(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    parts = sorted({t for t in terms if t}, key=len, reverse=True)  # longest first
    return re.compile("|".join(map(re.escape, parts)), re.IGNORECASE) if parts else None


def _matches(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    """Where the (folded) terms of `pattern` are in `text` as written: tojo in Tōjō,
    strasse in Straße. The text is folded to match and the spans mapped back to it."""
    if text.isascii() or not _FOLDABLE.search(text):
        return [m.span() for m in pattern.finditer(text)]
    folded: list[str] = []
    origin: list[int] = []  # the written character each folded one comes from
    for i, c in enumerate(text):
        f = _FOLD.get(c, c)
        folded.append(f)
        origin.extend([i] * len(f))
    return [(origin[a], origin[b - 1] + 1) for a, b in
            (m.span() for m in pattern.finditer("".join(folded))) if b > a]


def _written_matches(pattern: re.Pattern[str], text: str) -> tuple[list[tuple[int, int]], str]:
    """`_matches` of the terms in `text`'s NFKC form (as the index and the query have it),
    and the text to show them in: `text` as written, the spans mapped back to it, so a
    Chinese snippet keeps its full-width commas and brackets (，（）：) where NFKC makes
    them ASCII. Where NFKC joins characters (a letter and a combining mark), the form
    itself is shown, with its own spans."""
    if unicodedata.is_normalized("NFKC", text):
        return _matches(pattern, text), text
    # Most often each character changed becomes one other (，→ ,). Each replaced by its own
    # form: where the result is NFKC already, it is the text's NFKC form (both decompose
    # alike), each character in its place, so the spans are the written text's.
    same_places = text.translate(_one_for_one())
    if unicodedata.is_normalized("NFKC", same_places):
        return _matches(pattern, same_places), text
    forms = [normalize(c) for c in text]
    whole = normalize(text)
    if "".join(forms) != whole:   # joined in context (a letter and a mark): shown folded
        return _matches(pattern, whole), whole
    origin = [i for i, form in enumerate(forms) for _ in form]   # ① → 1, ﬁ → fi: mapped back
    return [(origin[a], origin[b - 1] + 1) for a, b in _matches(pattern, whole) if b > a], text


@lru_cache(maxsize=1)
def _one_for_one() -> dict[int, str]:
    """The characters NFKC changes into one other (full-width forms, ideographic space,
    compatibility ideographs, superscript digits …) in the blocks that hold them, made
    once (about 2 ms): a translate table. Others take _written_matches' longer way."""
    blocks = (range(0xA0, 0x100), range(0x2000, 0x2C00), range(0x3000, 0x3400), range(0xF900, 0xFB00),
              range(0xFE10, 0xFE70), range(0xFF00, 0xFFF0))
    table: dict[int, str] = {}
    for code in (c for block in blocks for c in block):
        form = unicodedata.normalize("NFKC", chr(code))
        if len(form) == 1 and form != chr(code):
            table[code] = form
    return table


def _snippet_texts(record: Record) -> list[str]:
    """Prose first, then titles, identifiers last: a snippet should show context."""
    row = record.as_row()
    return [v for name in _snippet_fields(record.TYPE) if isinstance(v := row[name], str) and v]


@lru_cache(maxsize=None)
def _snippet_fields(record_type: str) -> tuple[str, ...]:
    """The fields a snippet may come from, in _snippet_texts' order (once per record type:
    sorting them for every hit was a third of a snippet's time)."""
    def rank(name: str) -> int:
        return 2 if name in _IDENT_FIELDS else 1 if name in _TITLE_FIELDS else 0
    names = [name for name in RECORD_TYPES[record_type]().as_row()
             if name not in _SKIP_FIELDS and not name.endswith(("_start", "_end"))]
    return tuple(sorted(names, key=rank))


def make_snippet(record: Record, terms: list[str], width: int = 36) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A window of text around the first match, and the ranges to highlight in it."""
    texts = _snippet_texts(record)
    if not texts:
        return "", ()
    pattern = _highlighter(tuple(terms))
    if pattern is not None:
        for text in texts:
            flat = " ".join(text.split())
            found, flat = _written_matches(pattern, flat)
            if not found:
                continue
            first = found[0][0]
            start = max(0, first - width // 2)
            end = min(len(flat), first + width + width // 2)
            snippet = ("…" if start else "") + flat[start:end] + ("…" if end < len(flat) else "")
            shift = 1 if start else 0
            spans = tuple((a - start + shift, b - start + shift) for a, b in found if a >= start and b <= end)
            return snippet, spans
    first_text = " ".join(texts[0].split())
    return first_text[: width * 2] + ("…" if len(first_text) > width * 2 else ""), ()
