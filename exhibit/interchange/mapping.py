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
nearest term and stores the curator's choice here. A value may also become a
new term of the archive's own: `new_terms` names it in both languages, and the
import adds it in its transaction:

    "terms": {"material": {"canvas": "canvas"}},
    "new_terms": {"material": {"canvas": {"label_zh": "画布", "label_en": "Canvas"}}}

A nearest term is offered only when it is really close (`TermMatcher.nearest`):
the same words after folding, a known synonym ("bronze" → 铜), a Chinese
value with a generic suffix (铜质, 纸本), or a typo of a whole term name. A
medium as a museum writes it ("graphite on paper", "on paper, unique") gets
no suggestion: the curator maps it or adds it as a term.

Besides the record's fields, an object column may fill an import-only column
(`IMPORT_ONLY`): the role of the makers in another column (Tate's
`artistRole`), or one measurement (height, width … and their unit), from which
the importer writes the dimensions text when the row has none. Guessing a
mapping from the header and the data is guessing.py's job.
"""
from __future__ import annotations

import difflib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Sequence

from sqlite_utils import Database

from exhibit import names as registry
from exhibit.errors import ExhibitError
from exhibit.interchange import jsonfile
from exhibit.interchange.jsonfile import kind, where
from exhibit.interchange.tables import Table, TableRow
from exhibit.problems import Problem
from exhibit.records import Term, field_names, record_class

FORMAT = "exhibit-mapping"
IGNORE = ""
MEDIA = "media"     # relative paths of image files, separated by ';' (or '|' or a line break)
PLACE = "place"     # an event's place, by key or name
SECTION = "section"  # a panel's section, by code
MAKER_ROLE = "maker_role"  # the role of the makers named in the makers column of the same row
# One measurement per column, composed into the dimensions text (importer.compose_dimensions).
DIMENSION_PARTS = {"dimension_height": "height", "dimension_width": "width", "dimension_depth": "depth",
                   "dimension_length": "length", "dimension_diameter": "diameter"}
DIMENSION_UNIT = "dimension_unit"
IMPORT_ONLY = (MAKER_ROLE, *DIMENSION_PARTS, DIMENSION_UNIT)  # object columns that are no field
# Fields that several columns may fill together: image paths, and the list fields whose items
# add up (an `id` column and an `old number` column both give other numbers).
MULTI = frozenset({MEDIA, "other_numbers", "external_links"})
_HAN = re.compile(r"[\u3400-\u9fff]")
MAX_FILE = 16 * 1024 ** 2  # bytes: a mapping with thousands of term answers is well under 1 MB

# Base name → header spellings. A base that is a bilingual pair (name → name_zh/name_en)
# is resolved by the header's language.
ALIASES: dict[str, tuple[str, ...]] = {
    # "objectid" and "id" are not here: in most open-data files they are the source system's
    # row number (guessing.py reads the values to tell).
    "accession": ("总登记号", "藏品总登记号", "藏品编号", "登记号", "藏品号", "文物编号", "总账号",
                  "accession", "accessionnumber", "accessionno", "accno", "acno", "accnumber",
                  "objectnumber", "objectno", "inventorynumber", "inventoryno", "registrationnumber",
                  "regno"),
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
    "acquisition_date": ("入藏时间", "入藏日期", "入馆时间", "征集时间", "征集日期", "入藏年份", "入藏年度",
                         "acquisitiondate", "dateacquired", "acquisitionyear", "yearacquired",
                         "accessiondate", "accessionyear"),
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
    # Version 6: Spectrum's object name and production, medium, numbers, links, rights.
    "object_name": ("物品名称", "名称物品", "物品", "器物名称类型", "objectname", "objecttype", "worktype",
                    "typeofobject"),
    "makers": ("制作者", "作者", "艺术家", "创作者", "制作人", "制作者姓名", "制造者", "制造商", "摄影者", "摄影师",
               "artist", "artists", "artistname", "maker", "makers", "makername", "creator", "creators",
               "author", "photographer", "manufacturer"),
    MAKER_ROLE: ("制作者角色", "作者角色", "角色", "artistrole", "makerrole", "creatorrole", "role",
                 "attribution"),
    "production_place": ("制作地点", "制作地", "产地", "出产地", "placemade", "placeofproduction",
                         "productionplace", "madein"),
    "technique": ("工艺", "制作工艺", "技法", "technique", "techniques", "process"),
    "medium": ("材质说明", "材料说明", "媒材", "medium", "mediums", "mediumandsupport", "materialdescription",
               "materialsandtechniques"),
    "other_numbers": ("其他编号", "原编号", "原登记号", "旧编号", "曾用号", "普查编号", "othernumber",
                      "othernumbers", "previousnumber", "oldnumber", "formernumber", "sourceid"),
    "external_links": ("外部链接", "链接", "网址", "网页", "url", "uri", "link", "links", "weblink", "webpage",
                       "permalink", "wikidata"),
    "rights": ("版权", "权利", "权利声明", "版权声明", "著作权", "许可", "许可协议", "rights", "copyright",
               "licence", "license", "rightsstatement"),
    "record_status": ("记录状态", "审核状态", "recordstatus", "cataloguestatus", "catalogstatus"),
    "label": ("展签", "展签文字", "展签内容", "label", "labeltext", "labelcopy"),
    "dimension_height": ("高", "高度", "通高", "height", "h"),
    "dimension_width": ("宽", "宽度", "width", "w"),
    "dimension_depth": ("深", "深度", "厚", "厚度", "depth", "d", "thickness"),
    "dimension_length": ("长", "长度", "length", "l"),
    "dimension_diameter": ("直径", "diameter", "diam"),
    DIMENSION_UNIT: ("尺寸单位", "长度单位", "unit", "units", "dimensionunit", "dimensionunits",
                     "measurementunit", "measurementunits", "unitofmeasurement"),
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
    """Every field (and pseudo-field) a column of this record type may fill, as exported."""
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


def import_targets(record_type: str) -> list[str]:
    """What a column may fill on import: `targets` and, for objects, the import-only columns."""
    return targets(record_type) + (list(IMPORT_ONLY) if record_type == "object" else [])


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
    columns = import_targets(record_type)
    bases = dict.fromkeys(n[:-3] for n in columns if n.endswith(("_zh", "_en")))
    for column in [*columns, *bases]:
        try:
            named = registry.field(record_type, column)
        except registry.UnknownNameError:
            continue
        for text in (named.zh, named.en, named.short_zh, named.short_en):
            found.setdefault(fold(text), column)  # the first (a whole field) wins a shared word
    return found


# How sure a guess is, surest first: the header is the field's own name (or the name the
# program shows for it); a name catalogues use for it; what the values look like; a word
# of the header, or a name that fits only roughly.
EXACT, ALIAS, DATA, WEAK = "exact", "alias", "data", "weak"
CONFIDENCES = (EXACT, ALIAS, DATA, WEAK)


def weaker(confidence: str) -> str:
    """One step less sure, among the header's own levels (a header never gives DATA)."""
    return {EXACT: ALIAS}.get(confidence, WEAK)


@dataclass(frozen=True)
class Candidate:
    """A field a header may mean, how sure that is and why (`reason`: a key of REASONS)."""
    target: str
    confidence: str
    reason: str
    params: tuple[tuple[str, str], ...] = ()

    def why(self) -> str:
        return REASONS[self.reason].format(**dict(self.params))


# The English of each reason; the wizard translates them by key (ui/interchange/mapping_page.py).
REASONS = {
    "field_name": "the header is the field's own name",
    "program_name": "the header is the name the program shows for this field",
    "alias": "catalogues use this header for it",
    "fallback": "the header names {base}, which these records lack; this is the nearest field",
    "header_word": "a word of the header ({word}) names it",
    "loose": "the header names it only loosely (a ledger's remarks as the description)",
    "row_ids": "unique whole numbers ({low}–{high}): the source system's row ids, kept as other numbers",
    "accession_values": "unique values ({unique} %), mostly of one pattern ({pattern}, {share} %), "
                        "with letters and digits: accession numbers",
    "accession_header_values": "the header names it and the values agree: {unique} % unique, "
                               "mostly of one pattern ({pattern})",
    "only_unique": "no column names the accession number; these values are unique ({unique} %)",
    "urls": "{share} % of the values are web addresses",
    "dimension_text": "the values are measurements as written, not the program's JSON",
    "no_field": "no field has this name",
    "empty": "the column is empty, and its header names a field only loosely",
    "taken": "the column “{other}” fills {target} more surely",
    "curator": "chosen by the curator",
    "mapping_file": "from the mapping file",
}

# When a record type lacks the base field: an object's "编号" is its accession
# number, an event's or source's "名称" its title, an object's "url" its external links.
_FALLBACKS = {"key": ("accession", "code"), "code": ("key",), "name": ("title_{lang}", "title"),
              "title": ("title", "name_{lang}"), "description": ("bio_{lang}",),
              "date_text": ("year",), "url": ("external_links",), "author": ("makers",)}
# Fallbacks as sure as the header itself (a title is an artwork's name); the others are one
# step less sure.
_SAME_LEVEL = frozenset({"name", "title", "url", "author"})
# Identifying fields are never guessed from one word of a header.
_IDENTIFYING = frozenset({"accession", "key", "code"})
# Words too general to name a field on their own in a longer header ("artistId", "artistName").
_GENERAL_WORDS = frozenset({"id", "no", "nr", "number", "num", "name", "names", "code", "key", "type",
                            "kind", "text", "value", "values", "date", "info"})
# Headers that name a field only loosely: a ledger's 备注 (remarks) is the description when
# nothing else is.
_WEAK_ALIASES = {"description": ("备注", "附注", "注释", "comment", "comments")}


def _bases(folded: str, names: list[str], record_type: str) -> list[tuple[str, str]]:
    """(base name, how it was found) for each field a folded header may mean, surest first."""
    found: list[tuple[str, str]] = []
    exact = {fold(n): n for n in names}
    if folded in exact:
        found.append((exact[folded], "field_name"))
    own = _registry_names(record_type).get(folded)
    if own is not None:
        found.append((own, "program_name"))
    for base, spellings in ALIASES.items():
        if folded in spellings or folded == fold(base):
            found.append((base, "alias"))
    for base, spellings in _WEAK_ALIASES.items():
        if folded in spellings:
            found.append((base, "weak_alias"))
    return found


_LEVEL = {"field_name": EXACT, "program_name": EXACT, "alias": ALIAS, "weak_alias": WEAK}


def _words(header: str) -> list[str]:
    """The words of a header: 'thumbnailCopyright' → ['thumbnail', 'copyright'], last first."""
    text = re.sub(r"([a-z])([A-Z])", r"\1 \2", unicodedata.normalize("NFKC", header))
    return [w for w in reversed(re.split(r"[^0-9A-Za-z]+", text)) if len(w) >= 3]


def header_candidates(header: str, record_type: str) -> list[Candidate]:
    """Every field a column named `header` may fill, surest first (no duplicates)."""
    names = import_targets(record_type)
    out: list[Candidate] = []
    seen: set[str] = set()

    def add(target: str, confidence: str, reason: str, **params: str) -> None:
        if target in names and target not in seen:
            seen.add(target)
            out.append(Candidate(target, confidence, reason, tuple(params.items())))

    texts = [fold(header)]
    # Bilingual headers ('名称 Name', '总登记号/Accession no.') and a merged heading over its
    # parts ('尺寸 高'): the parts too, the last (the more particular) first.
    parts = [p for p in re.split(r"[\s/|、,;:：]+", unicodedata.normalize("NFKC", header)) if p]
    if len(parts) > 1:
        texts += [fold(p) for p in reversed(parts)]
    for candidate in texts:
        base_text, marked = _split_language(candidate)
        for text, lang in ((candidate, None), (base_text, marked)):
            for base, how in _bases(text, names, record_type):
                # Without a marker, the header's own language says which half it fills.
                lang = lang or ("zh" if _HAN.search(text) else "en")
                level = _LEVEL[how]
                reason = "loose" if how == "weak_alias" else how
                add(base, level, reason)
                add(f"{base}_{lang}", level, reason)
                fallback = level if base in _SAME_LEVEL else weaker(level)
                for choice in _FALLBACKS.get(base, ()):
                    choice = choice.replace("{lang}", lang)
                    add(choice, fallback, "fallback" if fallback != level else reason, base=base)
    for word in _words(header):
        if word.lower() in _GENERAL_WORDS:
            continue
        lang = "en"
        for base, _how in _bases(fold(word), names, record_type):
            for choice in (base, f"{base}_{lang}"):
                if choice not in _IDENTIFYING:
                    add(choice, WEAK, "header_word", word=word)
    return out


def suggest_field(header: str, record_type: str) -> str:
    """The field a column named `header` most likely fills, or '' (not imported)."""
    found = [c for c in header_candidates(header, record_type) if c.reason != "header_word"]
    return found[0].target if found else IGNORE


@dataclass(frozen=True)
class NewTerm:
    """A term the import adds to the archive's vocabulary, named in both languages."""
    label_zh: str = ""
    label_en: str = ""


@dataclass
class Mapping:
    record_type: str = "object"
    columns: dict[str, str] = field(default_factory=dict)        # header → field ('' = ignore)
    terms: dict[str, dict[str, str]] = field(default_factory=dict)  # vocab → {value: code}
    new_terms: dict[str, dict[str, NewTerm]] = field(default_factory=dict)  # vocab → {code: names}
    # How each column's field was guessed (a suggestion only; not saved with the mapping).
    guesses: dict[str, Candidate] = field(default_factory=dict, compare=False)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"format": FORMAT, "version": 1, "record_type": self.record_type,
                                "columns": dict(self.columns),
                                "terms": {k: dict(v) for k, v in self.terms.items()}}
        if self.new_terms:
            data["new_terms"] = {v: {code: {"label_zh": t.label_zh, "label_en": t.label_en}
                                     for code, t in codes.items()} for v, codes in self.new_terms.items()}
        return data

    def guesses_json(self) -> dict[str, dict[str, str]]:
        """Each guessed column's field, confidence and reason, for `import --json`."""
        return {h: {"target": g.target, "confidence": g.confidence, "why": g.why()}
                for h, g in self.guesses.items()}

    def describe_columns(self) -> list[str]:
        """One line per column: 'header → field  [confidence: why]', for the dry run's text."""
        lines = []
        for header, target in self.columns.items():
            guess = self.guesses.get(header)
            text = f"  {header} → {target or '(not imported)'}"
            if guess is not None:
                sure = f"{guess.confidence}: " if target and guess.confidence else ""
                text += f"  [{sure}{guess.why()}]"
            lines.append(text)
        return lines

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
            allowed = set(import_targets(record_type))
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
                   {str(k): {str(a): str(b) for a, b in v.items()} for k, v in terms.items()},
                   _new_terms(data.get("new_terms", {}), record_type, source))

    @classmethod
    def load(cls, path: Path | str) -> "Mapping":
        path = Path(path)
        data = jsonfile.load(path, what="column mapping", limit=MAX_FILE, error=MappingError)
        return cls.from_json(data, path.name)

    def fields_for(self, header: list[str]) -> list[str]:
        """The target of each column of `header` ('' for the ones not imported)."""
        return [self.columns.get(h, IGNORE) for h in header]

    def answer(self, vocab_name: str, value: str, code: str, new: NewTerm | None = None) -> None:
        """Record what a value of a vocabulary column means: an existing term's code, or (with
        `new`) a term to add under that code. An empty code takes the answer back."""
        answers = self.terms.setdefault(vocab_name, {})
        old = answers.pop(value, None)
        if code:
            answers[value] = code
            if new is not None:
                self.new_terms.setdefault(vocab_name, {})[code] = new
        if not answers:
            self.terms.pop(vocab_name, None)
        # A new term no value is mapped to any more is not added.
        if old and old != code and old in self.new_terms.get(vocab_name, {}) \
                and old not in self.terms.get(vocab_name, {}).values():
            del self.new_terms[vocab_name][old]
            if not self.new_terms[vocab_name]:
                del self.new_terms[vocab_name]

    def check(self, header: list[str], source: str) -> list[Problem]:
        """Problems that stop an import (MappingError) and notes about unused columns."""
        seen: dict[str, str] = {}
        for h, target in zip(header, self.fields_for(header)):
            if not target:
                continue
            if target in seen and target not in MULTI:
                raise MappingError(f"{source}: columns “{seen[target]}” and “{h}” both fill "
                                   f"{target}; choose one of them")
            seen[target] = h
        if MAKER_ROLE in seen and "makers" not in seen:
            raise MappingError(f"{source}: the column “{seen[MAKER_ROLE]}” gives the makers' role, but no "
                               f"column is mapped to the makers")
        notes = [Problem(None, "column_ignored", {"column": h})
                 for h, t in zip(header, self.fields_for(header)) if not t]
        missing = [h for h in self.columns if h not in header and self.columns[h]]
        if missing:
            notes.append(Problem(None, "columns_missing", {"columns": missing}))
        return notes


def _new_terms(data: Any, record_type: str, source: str) -> dict[str, dict[str, NewTerm]]:
    """`new_terms` of a mapping file: vocabulary → code → {"label_zh", "label_en"}."""
    if not isinstance(data, dict):
        raise MappingError(f"{source}: \"new_terms\" must be an object, not {kind(data)}")
    vocabs = set(record_class(record_type).VOCAB.values())
    out: dict[str, dict[str, NewTerm]] = {}
    for vocab_name, codes in data.items():
        if vocab_name not in vocabs:
            raise MappingError(f"{source}: {where('new_terms', vocab_name)} is not a vocabulary of "
                               f"{record_type} records")
        if not isinstance(codes, dict):
            raise MappingError(f"{source}: {where('new_terms', vocab_name)} must be an object of "
                               f"code → names, not {kind(codes)}")
        for code, names in codes.items():
            if not isinstance(names, dict) or not all(isinstance(names.get(k, ""), str)
                                                      for k in ("label_zh", "label_en")):
                raise MappingError(f"{source}: {where('new_terms', vocab_name, code)} must be "
                                   f"{{\"label_zh\": …, \"label_en\": …}} (text)")
            if not TERM_CODE.fullmatch(code) or not (names.get("label_zh") or names.get("label_en")):
                raise MappingError(f"{source}: {where('new_terms', vocab_name, code)} needs a code of "
                                   f"lower-case letters, digits and _ and a Chinese or English name")
            out.setdefault(vocab_name, {})[code] = NewTerm(names.get("label_zh", ""), names.get("label_en", ""))
    return out


TERM_CODE = re.compile(r"[a-z0-9][a-z0-9_]{0,63}")


def suggest(header: list[str], record_type: str = "object", rows: Sequence[TableRow] | None = None) -> Mapping:
    """A mapping for `header`, each field used at most once (but MULTI ones), surest guesses
    first; with `rows`, the values are read too (guessing.py). `mapping.guesses` says how
    sure each guess is."""
    from exhibit.interchange.guessing import guess

    return guess(header, rows or [], record_type)


def suggest_for(table: Table, record_type: str = "object") -> Mapping:
    """The suggestion for a table read from a file: from its header and its values."""
    return suggest(table.header, record_type, table.rows)


# ---------------------------------------------------------------- vocabulary terms

def _fold_term(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip().lower()


def _loose(text: str) -> str:
    """A value reduced to its letters, digits and Han characters: 'Copper-alloy' → 'copperalloy'."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text).lower() if ch.isalnum())


# Words catalogues use for a term, by vocabulary: offered as the nearest term, never applied
# without the curator (a museum's "bronze" is our 铜 "Copper alloy").
SYNONYMS: dict[str, dict[str, str]] = {
    "material": {
        **dict.fromkeys(("bronze", "brass", "gilt bronze", "gilt-bronze", "青铜", "黄铜", "紫铜", "红铜", "铜合金",
                         "铜质"), "copper"),
        **dict.fromkeys(("cast iron", "wrought iron", "生铁", "熟铁", "铸铁"), "iron"),
        **dict.fromkeys(("stainless steel", "不锈钢"), "steel"),
        **dict.fromkeys(("aluminum", "铝合金"), "aluminium"),
        "黄金": "gold", "白银": "silver",
        **dict.fromkeys(("earthenware", "terracotta", "陶土"), "pottery"),
        **dict.fromkeys(("card", "cardboard", "宣纸", "纸张"), "paper"),
        **dict.fromkeys(("timber", "木材"), "wood"),
        **dict.fromkeys(("linen", "cotton", "hemp", "canvas", "棉", "麻", "棉布", "麻布"), "cotton_linen"),
        **dict.fromkeys(("丝绸", "绢"), "silk"),
        **dict.fromkeys(("felt", "羊毛"), "wool"),
        **dict.fromkeys(("hide", "牛皮"), "leather"),
        **dict.fromkeys(("ivory", "horn", "象牙"), "bone"),
        **dict.fromkeys(("celluloid", "bakelite", "塑胶"), "plastic"),
        **dict.fromkeys(("photographic film", "negative", "底片"), "film"),
        **dict.fromkeys(("marble", "granite", "limestone", "sandstone", "大理石", "汉白玉"), "stone"),
        **dict.fromkeys(("nephrite", "jadeite", "翡翠"), "jade"),
    },
    "category": {
        **dict.fromkeys(("photo", "photography", "相片"), "photograph"),
        **dict.fromkeys(("currency", "banknote", "纸币"), "coin"),
        **dict.fromkeys(("document", "poster", "leaflet", "传单", "布告"), "document_propaganda"),
        **dict.fromkeys(("firearm", "rifle", "sword", "兵器", "枪械"), "weapon"),
        **dict.fromkeys(("medal", "badge", "徽章", "证章"), "seal_tally"),
        **dict.fromkeys(("stamp", "邮票"), "postal"),
    },
    "acquisition": {
        **dict.fromkeys(("purchased", "bought", "购买", "征集", "收购"), "purchase"),
        **dict.fromkeys(("gift", "donated", "presented", "捐赠", "捐献"), "donation"),
        **dict.fromkeys(("transferred", "调拨"), "transfer"),
        "exchanged": "exchange", "excavated": "excavation",
    },
    "condition": {"完好": "complete", "残损": "damaged", "破损": "damaged"},
    "status": {**dict.fromkeys(("on view", "在展"), "on_display"), **dict.fromkeys(("in storage", "库存"), "in_store"),
               "loaned": "on_loan"},
}
# A Chinese value that is a term with a generic ending: 铜质, 铁制, 纸本, 瓷器.
_ZH_ENDINGS = ("质", "制", "製", "本", "类", "器", "料")
SIMILAR = 0.85    # difflib ratio of a whole value to a whole term name: a typo, not a shared word
MIN_SIMILAR = 5   # letters: shorter words differ in one letter too easily (iron, icon)


@dataclass
class TermMatcher:
    """Turns what a spreadsheet says (code, Chinese or English label) into a term code."""
    terms: dict[str, list[Term]]
    overrides: dict[str, dict[str, str]] = field(default_factory=dict)
    _index: dict[str, dict[str, str]] = field(default_factory=dict, init=False)
    _loose: dict[str, dict[str, str]] = field(default_factory=dict, init=False, repr=False)
    _matched: dict[tuple[str, str], str | None] = field(default_factory=dict, init=False, repr=False)

    @classmethod
    def for_archive(cls, db: Database, overrides: dict[str, dict[str, str]] | None = None,
                    new_terms: dict[str, dict[str, NewTerm]] | None = None) -> "TermMatcher":
        """The archive's terms, the curator's answers (`overrides`) and the terms a mapping
        adds (`new_terms`, as if they were there already)."""
        found: dict[str, list[Term]] = {}
        for row in db.execute("SELECT vocab, code, label_zh, label_en, position FROM vocabularies "
                              "ORDER BY vocab, position, code"):
            found.setdefault(row[0], []).append(Term(*row))
        for vocab_name, codes in (new_terms or {}).items():
            have = {t.code for t in found.get(vocab_name, [])}
            found.setdefault(vocab_name, []).extend(
                Term(vocab_name, code, t.label_zh, t.label_en, 10_000 + n)
                for n, (code, t) in enumerate(codes.items()) if code not in have)
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
            loose = {_loose(key): code for key, code in reversed(list(index.items())) if _loose(key)}
            for value, code in self.overrides.get(vocab_name, {}).items():
                index[_fold_term(value)] = code
            self._index[vocab_name] = index
            self._loose[vocab_name] = loose

    def match(self, vocab_name: str, value: str) -> str | None:
        # Remembered per value: a catalogue repeats the same few terms on every row.
        key = (vocab_name, value)
        if key not in self._matched:
            self._matched[key] = self._index.get(vocab_name, {}).get(_fold_term(value))
        return self._matched[key]

    def nearest(self, vocab_name: str, value: str) -> Term | None:
        """The term `value` surely means, offered when it matches none exactly; else None.

        Really close only: the same letters after folding ('Copper-alloy'), a known
        synonym ('bronze' → copper), a Chinese term with a generic ending (铜质, 纸本),
        a plural ('coins'), or a typo of a whole term name ('porcelian'). A phrase that
        merely contains a term ('graphite on paper') or shares letters with one gets none.
        """
        wanted = _loose(value)
        if not wanted:
            return None
        code = self._close(vocab_name, wanted)
        by_code = {t.code: t for t in self.terms.get(vocab_name, [])}
        return by_code.get(code) if code else None

    def _close(self, vocab_name: str, wanted: str) -> str | None:
        loose = self._loose.get(vocab_name, {})
        synonyms = _loose_synonyms(vocab_name)
        stems = [wanted]
        if _HAN.search(wanted) and len(wanted) > 1 and wanted.endswith(_ZH_ENDINGS):
            stems.append(wanted[:-1])
        if wanted.isascii() and len(wanted) > 3 and wanted.endswith("s"):
            stems += [wanted[:-1]] + ([wanted[:-2]] if wanted.endswith("es") else [])
        for stem in stems:
            found = loose.get(stem) or synonyms.get(stem)
            if found:
                return found
        if not wanted.isascii() or len(wanted) < MIN_SIMILAR:
            return None   # one Han character more or less is another material: no fuzzy match
        best, best_score = None, SIMILAR
        for key, code in [*loose.items(), *synonyms.items()]:
            if len(key) < MIN_SIMILAR or not key.isascii():
                continue
            score = difflib.SequenceMatcher(None, wanted, key).ratio()
            if score >= best_score:
                best, best_score = code, score
        return best


@lru_cache(maxsize=None)
def _loose_synonyms(vocab_name: str) -> dict[str, str]:
    return {_loose(word): code for word, code in SYNONYMS.get(vocab_name, {}).items()}
