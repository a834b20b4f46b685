"""One registry of names: record types, their fields and the values of every enumerated field.

A curator meets the same thing in the record form, the list columns, the links
editor, the import wizard, exports and print; each used to name it on its own
("URL" here, "Web address" there, 所属方 "ROC" in the Chinese form). Like
Picard's one tag table, this module says once what each thing is called in
Chinese and in English, and everything that shows a name asks it.

- Record types: singular and plural names (藏品 / Object / Objects).
- Fields: named per record type, because one word differs by type (an object's
  名称, a person's 姓名, a place's 地名). A bilingual pair (`name_zh`/`name_en`)
  is named once by its base (`name`); the halves add the language:
  `name_zh` → 名称（中文） / Name (Chinese). A short name is kept where a
  narrow column or a printed tombstone needs one ("Accession no.").
- Values: the controlled vocabularies come from `exhibit/data/vocabularies.json`
  through `exhibit.vocab` (that file stays their one source; nothing is copied
  here); the other enumerated columns (a person's side, a place's coordinate
  basis, a source's kind, image roles, history actions) are named below.

An archive may add vocabulary terms of its own; what it stores is read with
`vocab.label(db, …)`. This registry holds the names the program ships.
The table is data; the functions at the end are the API. No Qt here: the UI
translates nothing of this, it shows the name for its language.
"""
from __future__ import annotations

from dataclasses import dataclass
from dataclasses import fields as dataclass_fields
from functools import lru_cache
from typing import Union

from exhibit import vocab
from exhibit.errors import ExhibitError
from exhibit.records import RECORD_TYPES, Record

LANGS = ("zh", "en")


class UnknownNameError(ExhibitError):
    """Asked for the name of a record type, field or value the registry does not know."""


# ---------------------------------------------------------------- what a name is

@dataclass(frozen=True)
class TypeName:
    code: str
    zh: str
    en: str
    plural_zh: str
    plural_en: str

    def text(self, lang: str, *, plural: bool = False) -> str:
        if plural:
            return self.plural_zh if lang == "zh" else self.plural_en
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True)
class FieldName:
    record_type: str
    name: str          # the dataclass field (or pair base, or import column) it names
    zh: str
    en: str
    short_zh: str      # for narrow columns and printed tombstones; the full name when none is needed
    short_en: str

    def text(self, lang: str, *, short: bool = False) -> str:
        if short:
            return self.short_zh if lang == "zh" else self.short_en
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True)
class ValueName:
    value_set: str
    code: str
    zh: str
    en: str

    def text(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True)
class ValueSet:
    name: str
    zh: str
    en: str
    values: tuple[ValueName, ...]


Named = Union[TypeName, FieldName, ValueName, Record]

# ---------------------------------------------------------------- the table: record types

# code: (singular zh, singular en, plural zh, plural en)
_TYPES: dict[str, tuple[str, str, str, str]] = {
    "object": ("藏品", "Object", "藏品", "Objects"),
    # The links editor said "Media"; the window, the form and the import wizard
    # say "Image(s)", the curator's word for what the records hold.
    "media": ("图像", "Image", "图像", "Images"),
    "section": ("单元", "Section", "单元", "Sections"),
    "panel": ("展板", "Panel", "展板", "Panels"),
    "person": ("人物", "Person", "人物", "People"),
    "place": ("地点", "Place", "地点", "Places"),
    "event": ("事件", "Event", "事件", "Events"),
    "source": ("文献", "Source", "文献", "Sources"),
    "citation": ("引用", "Citation", "引用", "Citations"),
    "movement": ("位置变动", "Movement", "位置变动", "Movements"),
}

# ---------------------------------------------------------------- the table: fields

# base field name: (zh, en) or (zh, en, short zh, short en).
# Where the record form ("RecordForm" in ui/translations) and the import wizard
# ("InterchangeFields") named a field differently, the choice and the reason
# are in a comment; the Chinese is the one curators already saw, where it existed.
_Entry = Union[tuple[str, str], tuple[str, str, str, str]]

_COMMON: dict[str, _Entry] = {
    "id": ("记录编号", "Record number"),
    # Form: 示例内容 "Sample content"; import: 示例记录 "Sample record". It is a
    # property of the record (this record is sample content): "Sample record".
    "is_sample": ("示例记录", "Sample record"),
    "created": ("创建时间", "Created"),
    "modified": ("修改时间", "Modified"),
}

_FIELDS: dict[str, dict[str, _Entry]] = {
    "object": {
        # "Accession no." is the list column's and the printed index's short form.
        "accession": ("总登记号", "Accession number", "总登记号", "Accession no."),
        "name": ("名称", "Name"),
        "category": ("类别", "Category"),
        "date_text": ("年代", "Date"),
        "material": ("质地", "Material"),
        "dimensions": ("尺寸", "Dimensions"),
        "weight": ("质量", "Weight"),
        "condition": ("完残程度", "Condition"),
        "grade": ("文物级别", "Grade"),
        # Form and import: "Acquired by" (reads like a person); the vocabulary
        # file and Spectrum: "Acquisition method". Chinese: form 来源 (WW/T 0017,
        # the vocabulary file) over import 来源方式. The catalogue prints the short form.
        "acquisition": ("来源", "Acquisition method", "来源", "Acquisition"),
        "acquisition_date": ("入藏时间", "Acquisition date", "入藏时间", "Acquired"),
        # Form and catalogue: 鸣谢; import and IIIF: 致谢. 鸣谢 is the credit line's word.
        "credit": ("鸣谢", "Credit line", "鸣谢", "Credit"),
        "location": ("存放位置", "Location"),
        "status": ("状态", "Status"),
        "description": ("描述", "Description"),
        # Form, catalogue and IIIF: 铭文; import: 铭文题跋. The shorter, common one.
        "inscription": ("铭文", "Inscription"),
        # Version 6 (Spectrum's object name and production; LIDO's eventActor, materialsTech).
        # 物品名称 beside 名称: the title is what this one is called ("薛岳签发的布告"), the
        # object name what kind of thing it is ("布告").
        "object_name": ("物品名称", "Object name"),
        "makers": ("制作者", "Makers"),
        "production_place": ("制作地点", "Place made"),
        "technique": ("工艺", "Technique"),
        # 质地 is the survey's vocabulary term; 材质说明 the materials as written.
        "medium": ("材质说明", "Medium"),
        "measurements": ("测量数据", "Measurements"),
        "other_numbers": ("其他编号", "Other numbers"),
        "external_links": ("外部链接", "External links"),
        "rights": ("权利声明", "Rights"),
        "record_status": ("记录状态", "Record status"),
        # What a printed label and the kiosk's object card say: shorter than the description.
        "label": ("展签文字", "Label text"),
    },
    "media": {
        "caption": ("图注", "Caption"),
        "creator": ("作者", "Creator"),
        "date_text": ("拍摄日期", "Date"),
        "rights": ("版权", "Rights"),
        "is_illustration": ("示意图（非历史照片）", "Illustration (not a historical photograph)"),
        # The list column calls it "File".
        "original_name": ("原始文件名", "Original file name", "文件", "File"),
        "format": ("格式", "Format"),
        "mime": ("MIME 类型", "MIME type"),
        "width": ("宽度（像素）", "Width (pixels)"),
        "height": ("高度（像素）", "Height (pixels)"),
        "size_bytes": ("文件大小（字节）", "File size (bytes)"),
        "exif_date": ("文件内日期（EXIF）", "Date in the file (EXIF)"),
        "camera": ("相机", "Camera"),
        # The form showed "SHA-256" in Chinese too; a Chinese name says what it is.
        "sha256": ("SHA-256 校验值", "SHA-256"),
        "path": ("存储路径", "Stored as"),
    },
    "section": {
        "code": ("编号", "Code"),
        "title": ("标题", "Title"),
        # Form: 导语; import: 导言. 导语 is the exhibition word for a section's opening text.
        "intro": ("导语", "Introduction"),
        # Form: "Order" 顺序; import: "Position" 排序. A number that orders the
        # sections: "Order" (a "position" reads as a place; 排序 is the act of sorting).
        "position": ("顺序", "Order"),
    },
    "panel": {
        "code": ("编号", "Code"),
        "section_id": ("单元", "Section"),
        "title": ("标题", "Title"),
        "body": ("正文", "Text"),
        "position": ("顺序", "Order"),
        "subtitle": ("副标题", "Subtitle"),
        "lead": ("导语", "Lead"),
        "label": ("展签文字", "Label text"),
    },
    "person": {
        # Form and list: 标识键; import: 标识 (which also means a sign or logo).
        "key": ("标识键", "Key"),
        "name": ("姓名", "Name"),   # the import wizard said 名称 for every type
        # Form: 所属方; import: 阵营. Civilians are a side but not a camp: 所属方.
        "side": ("所属方", "Side"),
        "born": ("出生", "Born"),
        "died": ("逝世", "Died"),
        # Form: 身份; import: 职务 (an office only). Townspeople and journalists have a 身份.
        "role": ("身份", "Role"),
        "bio": ("生平", "Biography"),
    },
    "place": {
        "key": ("标识键", "Key"),
        "name": ("地名", "Name"),
        "lat": ("纬度", "Latitude"),
        "lon": ("经度", "Longitude"),
        # Form: "Coordinates based on"; import: "Basis of the coordinates". A noun
        # phrase, like every other field name.
        "coord_basis": ("坐标依据", "Basis of the coordinates"),
        "description": ("描述", "Description"),
    },
    "event": {
        "key": ("标识键", "Key"),
        "date_text": ("日期", "Date"),   # the import wizard said 年代 (a period) for a day
        "title": ("标题", "Title"),
        "place_id": ("地点", "Place"),
        "description": ("描述", "Description"),
    },
    "source": {
        "key": ("标识键", "Key"),
        "kind": ("类型", "Kind"),
        "title": ("标题", "Title"),
        "author": ("作者", "Author"),
        "publisher": ("出版者", "Publisher"),
        "year": ("年份", "Year"),
        # Form: "URL"; import: "Web address". The curator's word, not the protocol's.
        "url": ("网址", "Web address"),
        # Form: 可信度; import: 可靠性. How far the source can be believed: 可信度.
        "reliability": ("可信度", "Reliability"),
    },
    "citation": {
        "record_type": ("被引记录类型", "Cited record type"),
        "record_id": ("被引记录", "Cited record"),
        "source_id": ("文献", "Source"),
        "page": ("页码", "Page"),
        "note": ("备注", "Note"),
    },
    "movement": {
        "object_id": ("藏品", "Object"),
        "location": ("存放位置", "Location"),
        "moved_at": ("移动日期", "Date"),
        "reason": ("事由", "Reason"),
        "moved_by": ("经手人", "Moved by"),
    },
}

# Columns of the import and export tables that stand for a field by another
# name: an event's place and a panel's section are given by key or code.
_ALIASES: dict[str, dict[str, str]] = {
    "event": {"place": "place_id"},
    "panel": {"section": "section_id"},
}
# Import/export columns that are no field: the image files of a record.
_PSEUDO: dict[str, _Entry] = {"media": ("图像文件", "Image files")}
_PSEUDO_TYPES = frozenset(RECORD_TYPES) - {"media", "citation", "movement"}
# Import-only columns of one record type (exhibit/interchange/mapping.py IMPORT_ONLY): a
# sheet's makers' role in a column of its own, and one measurement per column, from which
# the import writes the dimensions text.
_TYPE_PSEUDO: dict[str, dict[str, _Entry]] = {
    "object": {
        "maker_role": ("制作者角色", "Makers' role"),
        "dimension_height": ("高", "Height"),
        "dimension_width": ("宽", "Width"),
        "dimension_depth": ("深", "Depth"),
        "dimension_length": ("长", "Length"),
        "dimension_diameter": ("直径", "Diameter"),
        "dimension_unit": ("尺寸单位", "Dimension unit"),
    },
}

_PAIR_SUFFIX = {"zh": ("（中文）", " (Chinese)"), "en": ("（英文）", " (English)")}

# ---------------------------------------------------------------- the table: values

# Enumerated columns outside the vocabulary file: set name: code: (zh, en).
_VALUES: dict[str, dict[str, tuple[str, str]]] = {
    "side": {
        "ROC": ("中华民国", "Republic of China"),
        "Japan": ("日本", "Japan"),
        "USA": ("美国", "United States"),
        "civilian": ("平民", "Civilian"),
    },
    "coord_basis": {
        "sourced": ("文献记载", "From a source"),
        "estimate": ("估计", "Estimate"),   # the kiosk map says 位置为估计 / Location estimated
    },
    "source_kind": {
        "encyclopedia": ("百科", "Encyclopedia"),
        "archive-release": ("档案公布", "Archive release"),
        "official-history": ("官方战史", "Official history"),
        "periodical": ("报刊", "Periodical"),
        "book": ("图书", "Book"),
        "memoir": ("回忆录", "Memoir"),
        "article": ("文章", "Article"),
        "popular": ("通俗文章", "Popular writing"),
    },
    # media_links.role: how an image serves the record it is linked to.
    "media_role": {
        "image": ("图像", "Image"),
        "illustration": ("示意图", "Illustration"),
    },
    # history.action, as the history view lists it.
    "history_action": {
        "create": ("创建", "Created"),
        "update": ("修改", "Edited"),
        "delete": ("删除", "Deleted"),
        "restore": ("恢复", "Restored"),
        "reorder": ("调整顺序", "Reordered"),
        "reorder_media": ("调整图像顺序", "Images reordered"),
        "link": ("添加关联", "Linked"),
        "unlink": ("移除关联", "Unlinked"),
        "link_media": ("添加图像", "Image added"),
        "unlink_media": ("移除图像", "Image removed"),
    },
}
# The names of the sets not bound to one field (a bound set takes its field's name).
_SET_NAMES: dict[str, tuple[str, str]] = {
    "media_role": ("图像用途", "Image role"),
    "history_action": ("操作", "Action"),
    "record_type": ("记录类型", "Record type"),
}
# Fields whose values come from a set, beyond each record class's VOCAB.
_FIELD_SETS: dict[tuple[str, str], str] = {
    ("person", "side"): "side",
    ("place", "coord_basis"): "coord_basis",
    ("source", "kind"): "source_kind",
    ("citation", "record_type"): "record_type",
}

# ---------------------------------------------------------------- building the names


def _entry(record_type: str, name: str, entry: _Entry) -> FieldName:
    zh, en = entry[0], entry[1]
    short_zh, short_en = (entry[2], entry[3]) if len(entry) == 4 else (zh, en)
    return FieldName(record_type, name, zh, en, short_zh, short_en)


def _record_class(code: str) -> type[Record]:
    try:
        return RECORD_TYPES[code]
    except KeyError:
        raise UnknownNameError(f"unknown record type '{code}' (known: {', '.join(RECORD_TYPES)})") from None


@lru_cache(maxsize=None)
def _table(record_type: str) -> dict[str, FieldName]:
    """Every name a field of this type can be asked by: bases, both halves of each pair, aliases."""
    present = {f.name for f in dataclass_fields(_record_class(record_type))}
    table: dict[str, FieldName] = {}
    for name, entry in {**_FIELDS.get(record_type, {}), **_COMMON}.items():
        if name not in present and not {f"{name}_zh", f"{name}_en"} <= present:
            # A renamed or removed field must not leave a stale name behind.
            raise UnknownNameError(f"exhibit/names.py names field '{name}' of {record_type} records, "
                              f"which has no such field")
        base = _entry(record_type, name, entry)
        table[name] = base
        for lang, (suffix_zh, suffix_en) in _PAIR_SUFFIX.items():
            half = f"{name}_{lang}"
            if half in present:  # the suffix rule: name_zh → 名称（中文） / Name (Chinese)
                table[half] = FieldName(record_type, half, base.zh + suffix_zh, base.en + suffix_en,
                                        base.short_zh + suffix_zh, base.short_en + suffix_en)
    for alias, target in _ALIASES.get(record_type, {}).items():
        found = table[target]
        table[alias] = FieldName(record_type, alias, found.zh, found.en, found.short_zh, found.short_en)
    if record_type in _PSEUDO_TYPES:
        for name, entry in _PSEUDO.items():
            table[name] = _entry(record_type, name, entry)
    for name, entry in _TYPE_PSEUDO.get(record_type, {}).items():
        table[name] = _entry(record_type, name, entry)
    return table


@lru_cache(maxsize=None)
def _sets() -> dict[str, ValueSet]:
    sets: dict[str, ValueSet] = {}
    for name, spec in vocab.default_vocabularies().items():
        sets[name] = ValueSet(name, spec.get("label_zh", ""), spec.get("label_en", ""), tuple(
            ValueName(name, t["code"], t.get("label_zh", ""), t.get("label_en", "")) for t in spec["terms"]))
    bound = {set_name: key for key, set_name in _FIELD_SETS.items()}
    for name, codes in _VALUES.items():
        if name in sets:
            raise UnknownNameError(f"value set '{name}' is named both in vocabularies.json and in names.py")
        zh, en = _SET_NAMES.get(name) or _set_name_from_field(bound[name])
        sets[name] = ValueSet(name, zh, en, tuple(ValueName(name, c, z, e) for c, (z, e) in codes.items()))
    types = tuple(ValueName("record_type", t.code, t.zh, t.en) for t in record_types())
    sets["record_type"] = ValueSet("record_type", *_SET_NAMES["record_type"], types)
    return sets


def _set_name_from_field(key: tuple[str, str]) -> tuple[str, str]:
    named = field(*key)
    return named.zh, named.en


# ---------------------------------------------------------------- the API

def record_type(code: str) -> TypeName:
    """The names of a record type: record_type('person').plural_en == 'People'."""
    _record_class(code)
    try:
        return TypeName(code, *_TYPES[code])
    except KeyError:
        raise UnknownNameError(f"record type '{code}' has no name in exhibit/names.py") from None


def record_types() -> tuple[TypeName, ...]:
    """Every record type, in the order of exhibit.records.RECORD_TYPES."""
    return tuple(record_type(code) for code in RECORD_TYPES)


def user_fields(cls: type[Record]) -> tuple[str, ...]:
    """The fields of a record class a curator sees: all but the sortable dates derived from a date text."""
    derived = {column for pair in cls.DATES.values() for column in pair}
    return tuple(f.name for f in dataclass_fields(cls) if f.name not in derived)


def field(record_type: str, name: str) -> FieldName:
    """The names of a field: field('object', 'name_zh').zh == '名称（中文）'.

    `name` is a dataclass field, the base of a bilingual pair ('name'), or an
    import column standing for a field ('place' of an event, 'media').
    """
    try:
        return _table(record_type)[name]
    except KeyError:
        raise UnknownNameError(f"field '{name}' of {record_type} records has no name in exhibit/names.py") from None


def fields(record_type: str) -> tuple[FieldName, ...]:
    """The names of every field of a record type a curator sees, in the dataclass's order."""
    return tuple(field(record_type, name) for name in user_fields(_record_class(record_type)))


def value_sets() -> tuple[str, ...]:
    """Every enumerated set: the vocabularies first, then the sets named here."""
    return tuple(_sets())


def value_set(name: str) -> ValueSet:
    try:
        return _sets()[name]
    except KeyError:
        raise UnknownNameError(f"unknown value set '{name}' (known: {', '.join(_sets())})") from None


def values(set_name: str) -> tuple[ValueName, ...]:
    return value_set(set_name).values


def value(set_name: str, code: str) -> ValueName:
    """The names of one value: value('side', 'ROC').zh == '中华民国'."""
    for named in value_set(set_name).values:
        if named.code == code:
            return named
    raise UnknownNameError(f"value '{code}' of {set_name} has no name in exhibit/names.py")


def set_of(record_type: str, name: str) -> str | None:
    """The value set a field takes its values from ('side' for a person's side), or None."""
    cls = _record_class(record_type)
    return cls.VOCAB.get(name) or _FIELD_SETS.get((record_type, name))


def name(item: Named, lang: str, *, short: bool = False, plural: bool = False) -> str:
    """What to show for a type, field, value or record in `lang` ('zh' or 'en').

    A record is named by its type, identifier and title: 藏品 HY1944.0001 “军用水壶”.
    """
    if isinstance(item, TypeName):
        return item.text(lang, plural=plural)
    if isinstance(item, FieldName):
        return item.text(lang, short=short)
    if isinstance(item, ValueName):
        return item.text(lang)
    ident = getattr(item, item.IDENT, None) if item.IDENT else None
    parts = [record_type(item.TYPE).text(lang), str(ident) if ident else f"#{item.id}"]
    title = item.display_title(lang)
    if title:
        parts.append(f"“{title}”")
    return " ".join(parts)


# Display helpers that never fail: an unknown name shows as itself (a field
# of a newer archive, a term an archive added), as the UI showed it before.

def type_text(code: str, lang: str, *, plural: bool = False) -> str:
    try:
        return record_type(code).text(lang, plural=plural)
    except UnknownNameError:
        return code


def field_text(record_type: str, name: str, lang: str, *, short: bool = False) -> str:
    try:
        return field(record_type, name).text(lang, short=short)
    except UnknownNameError:
        return name


def value_text(set_name: str, code: str, lang: str) -> str:
    try:
        return value(set_name, code).text(lang)
    except UnknownNameError:
        return code


__all__ = [
    "LANGS", "UnknownNameError", "TypeName", "FieldName", "ValueName", "ValueSet",
    "record_type", "record_types", "user_fields", "field", "fields",
    "value_sets", "value_set", "values", "value", "set_of", "name",
    "type_text", "field_text", "value_text",
]
