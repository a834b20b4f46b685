"""Which spreadsheet column fills which field: suggestions, saved mappings, vocabulary terms.

Header names are matched after folding (NFKC, lower case, no spaces or
punctuation) against the field names themselves (so an exported file maps
back onto itself), against the program's own names for them in exhibit.names
(名称（中文）, "Name (Chinese)", 导语, "Web address": a sheet headed with the
words the record form shows maps without help), and against the names
Chinese catalogues use (WW/T 0017: 总登记号, 名称, 年代, 质地, 完残程度 …) and
English ones. For a bilingual
field the header's language picks the half: “描述” fills description_zh,
“Description” description_en; a marker (中文/英文, (zh)/(en), Chinese/English)
overrides that.

A mapping is saved as JSON and reused for the next file from the same source:

    {"format": "exhibit-mapping", "version": 1, "record_type": "object",
     "columns": {"总登记号": "accession", "名称": "name_zh", "备注": ""},
     "terms": {"material": {"铜质": "copper"}}}

`terms` answers “this value is not a vocabulary term”: the wizard offers the
nearest term and stores the curator's choice here.
"""
from __future__ import annotations

import difflib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from exhibit import names as registry
from exhibit.errors import ExhibitError
from exhibit.interchange import jsonfile
from exhibit.interchange.jsonfile import kind, where
from exhibit.problems import Problem
from exhibit.records import Term, field_names, record_class

FORMAT = "exhibit-mapping"
IGNORE = ""
MEDIA = "media"     # relative paths of image files, separated by ';' (or '|' or a line break)
PLACE = "place"     # an event's place, by key or name
SECTION = "section"  # a panel's section, by code
_HAN = re.compile(r"[\u3400-\u9fff]")
MAX_FILE = 16 * 1024 ** 2  # bytes: a mapping with thousands of term answers is well under 1 MB

# Base name → header spellings. A base that is a bilingual pair (name → name_zh/name_en)
# is resolved by the header's language.
ALIASES: dict[str, tuple[str, ...]] = {
    "accession": ("总登记号", "藏品总登记号", "藏品编号", "登记号", "藏品号", "文物编号", "总账号",
                  "accession", "accessionnumber", "accessionno", "objectnumber", "inventorynumber",
                  "inventoryno", "objectid"),
    "key": ("key", "id", "编号", "代码", "标识", "人物编号", "地点编号", "事件编号", "文献编号"),
    "code": ("code", "编号", "代码"),
    "name": ("名称", "藏品名称", "文物名称", "姓名", "名字", "名", "人名", "地名", "name", "objectname"),
    "title": ("标题", "题名", "书名", "事件", "事件名称", "文献名称", "title", "event"),
    "category": ("类别", "分类", "文物类别", "藏品类别", "门类", "category", "classification"),
    "date_text": ("年代", "时代", "年份", "日期", "时间", "制作年代", "年代日期", "date", "period",
                  "dating", "datetext"),
    "material": ("质地", "材质", "材料", "质料", "material", "materials"),
    "dimensions": ("尺寸", "规格", "尺寸cm", "尺寸厘米", "dimensions", "size", "measurements"),
    "weight": ("质量", "重量", "weight", "mass"),
    "condition": ("完残程度", "完残状况", "保存状况", "保存状态", "品相", "condition"),
    "grade": ("文物级别", "级别", "定级", "grade", "level"),
    "acquisition": ("来源", "入藏方式", "征集方式", "来源方式", "acquisition", "acquisitionmethod",
                    "provenance"),
    "acquisition_date": ("入藏时间", "入藏日期", "入馆时间", "征集时间", "征集日期",
                         "acquisitiondate", "dateacquired"),
    "credit": ("捐赠人", "捐赠者", "捐赠单位", "致谢", "来源说明", "credit", "creditline", "donor"),
    "location": ("存放位置", "库房位置", "位置", "存放地点", "库位", "location", "currentlocation",
                 "storagelocation"),
    "description": ("描述", "说明", "简介", "藏品描述", "文物描述", "内容", "描述说明", "description",
                    "notes", "remarks"),
    "inscription": ("铭文", "题记", "款识", "铭文题跋", "题跋", "inscription", "inscriptions", "marks"),
    "status": ("状态", "展出状态", "藏品状态", "status"),
    "side": ("阵营", "所属", "方面", "side", "allegiance"),
    "born": ("出生", "生年", "出生日期", "出生年份", "生", "born", "birth", "dateofbirth"),
    "died": ("逝世", "卒年", "去世", "死亡日期", "卒", "died", "death", "dateofdeath"),
    "role": ("职务", "身份", "角色", "职位", "role", "rank"),
    "bio": ("生平", "传略", "履历", "人物简介", "biography", "bio"),
    "lat": ("纬度", "latitude", "lat"),
    "lon": ("经度", "longitude", "lon", "lng", "long"),
    "coord_basis": ("坐标依据", "坐标来源", "坐标说明", "coordbasis", "coordinatebasis"),
    "kind": ("类型", "文献类型", "kind", "type"),
    "author": ("作者", "责任者", "编者", "author", "authors", "creator"),
    "publisher": ("出版者", "出版社", "出版单位", "publisher"),
    "year": ("出版年", "出版年份", "年", "year"),
    "url": ("网址", "链接", "url", "link"),
    "reliability": ("可靠性", "可信度", "可靠程度", "reliability"),
    "is_sample": ("issample", "样例", "示例数据"),
    MEDIA: ("图片", "照片", "影像", "图像", "图片路径", "图片文件", "影像文件", "照片文件", "附件",
            "media", "image", "images", "photo", "photos", "file", "files", "imagefile"),
    PLACE: ("地点", "地点编号", "place", "placekey"),
    SECTION: ("单元", "展区", "section", "sectioncode"),
}
_ZH_MARKS = ("中文", "汉语", "chinese", "zh")
_EN_MARKS = ("英文", "英语", "english", "en")


class MappingError(ExhibitError):
    """A mapping file or column choice that cannot be used; the message says which."""


def fold(text: str) -> str:
    """Header text reduced for comparison: 'Name (EN)' → 'nameen', '名称（中文）' → '名称中文'."""
    text = unicodedata.normalize("NFKC", text).lower()
    return "".join(ch for ch in text if ch.isalnum() or _HAN.match(ch))


def targets(record_type: str) -> list[str]:
    """Every field (and pseudo-field) a column of this record type may fill."""
    cls = record_class(record_type)
    derived = {name for pair in cls.DATES.values() for name in pair}
    names = [n for n in field_names(cls) if n not in {"id", "created", "modified"} | derived]
    if record_type == "event":
        names = [n for n in names if n != "place_id"] + [PLACE]
    if record_type == "panel":
        names = [n for n in names if n != "section_id"] + [SECTION]
    if record_type not in ("media", "citation", "movement"):
        names.append(MEDIA)
    return names


def _split_language(folded: str) -> tuple[str, str | None]:
    for marks, lang in ((_ZH_MARKS, "zh"), (_EN_MARKS, "en")):
        for mark in marks:
            if len(folded) > len(mark) and folded.endswith(mark):
                return folded[: -len(mark)], lang
            if len(folded) > len(mark) and folded.startswith(mark) and not mark.isascii():
                return folded[len(mark):], lang
    return folded, None


@lru_cache(maxsize=None)
def _registry_names(record_type: str) -> dict[str, str]:
    """Folded names from exhibit.names → the column they stand for.

    Each target is named in both languages, full and short ('名称（中文）' →
    name_zh, 'Accession no.' → accession); a pair's base name ('名称', 'Name')
    gives the base, whose half the header's language picks.
    """
    found: dict[str, str] = {}
    columns = targets(record_type)
    bases = dict.fromkeys(n[:-3] for n in columns if n.endswith(("_zh", "_en")))
    for column in [*columns, *bases]:
        try:
            named = registry.field(record_type, column)
        except registry.UnknownNameError:
            continue
        for text in (named.zh, named.en, named.short_zh, named.short_en):
            found.setdefault(fold(text), column)  # the first (a whole field) wins a shared word
    return found


def _lookup(folded: str, names: list[str], record_type: str) -> str | None:
    """The base name a folded header means, or None."""
    exact = {fold(n): n for n in names}
    if folded in exact:
        return exact[folded]
    own = _registry_names(record_type).get(folded)
    if own is not None:
        return own
    for base, spellings in ALIASES.items():
        if folded in spellings or folded == fold(base):
            return base
    return None


def suggest_field(header: str, record_type: str) -> str:
    """The field a column named `header` most likely fills, or '' (not imported)."""
    names = targets(record_type)
    folded = fold(header)
    candidates = [folded]
    # Bilingual headers: '名称 Name', '总登记号/Accession no.'
    parts = [p for p in re.split(r"[\s/|、,;:：]+", unicodedata.normalize("NFKC", header)) if p]
    if len(parts) > 1:
        candidates += [fold(p) for p in parts]
    for candidate in candidates:
        base_text, marked = _split_language(candidate)
        for text, lang in ((candidate, None), (base_text, marked)):
            base = _lookup(text, names, record_type)
            if base is None:
                continue
            # Without a marker, the header's own language says which half it fills.
            lang = lang or ("zh" if _HAN.search(text) else "en")
            for choice in (base, f"{base}_{lang}", *_FALLBACKS.get(base, ())):
                choice = choice.replace("{lang}", lang)
                if choice in names:
                    return choice
    return IGNORE


# When a record type lacks the base field: an object's "编号" is its accession
# number, an event's or source's "名称" its title.
_FALLBACKS = {"key": ("accession", "code"), "code": ("key",), "name": ("title_{lang}", "title"),
              "title": ("title", "name_{lang}"), "description": ("bio_{lang}",),
              "date_text": ("year",)}


@dataclass
class Mapping:
    record_type: str = "object"
    columns: dict[str, str] = field(default_factory=dict)        # header → field ('' = ignore)
    terms: dict[str, dict[str, str]] = field(default_factory=dict)  # vocab → {value: code}

    def to_json(self) -> dict[str, Any]:
        return {"format": FORMAT, "version": 1, "record_type": self.record_type,
                "columns": dict(self.columns), "terms": {k: dict(v) for k, v in self.terms.items()}}

    def save(self, path: Path | str) -> Path:
        path = Path(path)
        path.write_text(json.dumps(self.to_json(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        return path

    @classmethod
    def from_json(cls, data: Any, source: str = "mapping") -> "Mapping":
        """A mapping from its JSON; MappingError names the file and the key that is wrong."""
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise MappingError(f"{source}: is not an Exhibit column mapping (no \"format\": \"{FORMAT}\")")
        record_type = data.get("record_type", "object")
        if not isinstance(record_type, str):
            raise MappingError(f"{source}: record_type must be text such as \"object\", not {kind(record_type)}")
        try:
            allowed = set(targets(record_type))
        except ExhibitError as exc:
            raise MappingError(f"{source}: {exc}") from None
        columns = data.get("columns", {})
        terms = data.get("terms", {})
        if not isinstance(columns, dict) or not isinstance(terms, dict):
            raise MappingError(f"{source}: \"columns\" and \"terms\" must be objects")
        for header, target in columns.items():
            if target is not None and not isinstance(target, str):
                raise MappingError(f"{source}: {where('columns', header)} must be a field name (text), "
                                   f"not {kind(target)}")
        for vocab_name, values in terms.items():
            if not isinstance(values, dict):
                raise MappingError(f"{source}: {where('terms', vocab_name)} must be an object of "
                                   f"value → term code, not {kind(values)}")
            for value, code in values.items():
                if not isinstance(code, str):
                    raise MappingError(f"{source}: {where('terms', vocab_name, value)} must be a term "
                                       f"code (text), not {kind(code)}")
        bad = [f"{h} → {f}" for h, f in columns.items() if f and f not in allowed]
        if bad:
            raise MappingError(f"{source}: {record_type} records have no field for "
                               + ", ".join(bad))
        return cls(record_type, {str(k): str(v or "") for k, v in columns.items()},
                   {str(k): {str(a): str(b) for a, b in v.items()} for k, v in terms.items()})

    @classmethod
    def load(cls, path: Path | str) -> "Mapping":
        path = Path(path)
        data = jsonfile.load(path, what="column mapping", limit=MAX_FILE, error=MappingError)
        return cls.from_json(data, path.name)

    def fields_for(self, header: list[str]) -> list[str]:
        """The target of each column of `header` ('' for the ones not imported)."""
        return [self.columns.get(h, IGNORE) for h in header]

    def check(self, header: list[str], source: str) -> list[Problem]:
        """Problems that stop an import (MappingError) and notes about unused columns."""
        seen: dict[str, str] = {}
        for h, target in zip(header, self.fields_for(header)):
            if not target:
                continue
            if target in seen and target != MEDIA:
                raise MappingError(f"{source}: columns “{seen[target]}” and “{h}” both fill "
                                   f"{target}; choose one of them")
            seen[target] = h
        notes = [Problem(None, "column_ignored", {"column": h})
                 for h, t in zip(header, self.fields_for(header)) if not t]
        missing = [h for h in self.columns if h not in header and self.columns[h]]
        if missing:
            notes.append(Problem(None, "columns_missing", {"columns": missing}))
        return notes


def suggest(header: list[str], record_type: str = "object") -> Mapping:
    """A mapping for `header` from the column names alone (each field used at most once)."""
    columns: dict[str, str] = {}
    used: set[str] = set()
    for h in header:
        target = suggest_field(h, record_type)
        if target and target != MEDIA and target in used:
            target = IGNORE
        columns[h] = target
        used.add(target)
    return Mapping(record_type, columns)


# ---------------------------------------------------------------- vocabulary terms

def _fold_term(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip().lower()


@dataclass
class TermMatcher:
    """Turns what a spreadsheet says (code, Chinese or English label) into a term code."""
    terms: dict[str, list[Term]]
    overrides: dict[str, dict[str, str]] = field(default_factory=dict)
    _index: dict[str, dict[str, str]] = field(default_factory=dict, init=False)
    _matched: dict[tuple[str, str], str | None] = field(default_factory=dict, init=False, repr=False)

    @classmethod
    def for_archive(cls, db: Database, overrides: dict[str, dict[str, str]] | None = None) -> "TermMatcher":
        found: dict[str, list[Term]] = {}
        for row in db.execute("SELECT vocab, code, label_zh, label_en, position FROM vocabularies "
                              "ORDER BY vocab, position, code"):
            found.setdefault(row[0], []).append(Term(*row))
        return cls(found, overrides or {})

    def __post_init__(self) -> None:
        for vocab_name, terms in self.terms.items():
            index: dict[str, str] = {}
            for term in terms:
                keys = [term.code, term.label_zh, term.label_en,
                        re.sub(r"[(（].*?[)）]", "", term.label_zh)]
                keys += re.split(r"[、，,/]", term.label_zh)
                for key in keys:
                    key = _fold_term(key)
                    if key:
                        index.setdefault(key, term.code)
            for value, code in self.overrides.get(vocab_name, {}).items():
                index[_fold_term(value)] = code
            self._index[vocab_name] = index

    def match(self, vocab_name: str, value: str) -> str | None:
        # Remembered per value: a catalogue repeats the same few terms on every row.
        key = (vocab_name, value)
        if key not in self._matched:
            self._matched[key] = self._index.get(vocab_name, {}).get(_fold_term(value))
        return self._matched[key]

    def nearest(self, vocab_name: str, value: str) -> Term | None:
        """The term most like `value`, offered when it matches none."""
        wanted = _fold_term(value)
        by_code = {t.code: t for t in self.terms.get(vocab_name, [])}
        best, best_score = None, 0.0
        for key, code in self._index.get(vocab_name, {}).items():
            score = difflib.SequenceMatcher(None, wanted, key).ratio()
            if wanted and key and (wanted in key or key in wanted):
                score = max(score, 0.75)
            if score > best_score:
                best, best_score = code, score
        return by_code.get(best) if best is not None and best_score >= 0.4 else None
