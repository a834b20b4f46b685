"""LIDO 1.1 XML for objects, for museum aggregators.

One <lido:lido> record per object with one descriptiveMetadata block per
language (xml:lang="zh" and "en"), as LIDO prescribes for multilingual
records, and one administrativeMetadata block per language. What goes where:

- objectWorkType: the category's label; classification: the grade;
- titleSet: the name; inscriptions: the inscription; repositorySet: the
  museum, the accession number as workID (type "inventory number") and the
  current location; objectDescriptionSet: the description (and the condition,
  typed "condition"); objectMeasurementsSet: the dimensions and weight as
  written;
- a "production" event with the date as written and its ISO earliest/latest
  days, and the material's label;
- the record ID and source, the credit line, and the object's images as
  resourceSets linking to files inside the media folder (or `base_url`).

The museum (repositoryName, recordSource, the record's rights) comes from the
archive's settings (exhibit.institution): an unset setting leaves its element
out, or empty where LIDO requires it, and never names another museum.
Each language block holds only text in its language: a Chinese block never
shows an English name because the Chinese one is missing (an aggregator would
index it as Chinese); the required title then falls back to the accession number.

The output validates against the official XSD (tests check it against
../shared/schemas/lido/lido-v1.1.xsd; the schema is not shipped here).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable, Sequence

from lxml import etree

from exhibit import media_records, names, services, vocab
from exhibit.archive import Archive
from exhibit.dates import format_range, parse_date
from exhibit.errors import DateError
from exhibit.institution import Institution
from exhibit.institution import institution as archive_institution
from exhibit.records import ArchiveObject

NS = "http://www.lido-schema.org"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SCHEMA_LOCATION = "http://www.lido-schema.org http://www.lido-schema.org/schema/v1.1/lido-v1.1.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
LANGS = ("zh", "en")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# A Latin word of three letters or more: "cm", "kg", "c." or an accession prefix pass as
# language-neutral, "helmet" or "Gallery" do not.
_LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]{3,}")
# ISIL (ISO 15511): a prefix of up to four letters, a hyphen, up to eleven characters.
_ISIL = re.compile(r"^[A-Za-z]{1,4}-[A-Za-z0-9:/-]{1,11}$")
# Terms shown to readers are in the block's language; lido:type values stay English.
_LABELS = {"zh": {"production": "制作", "item": "单件藏品"},
           "en": {"production": "Production", "item": "item"}}


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def _el(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, _q(tag))
    for name, value in attrs.items():
        element.set(_q(name), value)
    if text is not None:
        element.text = text
    return element


def written_in(text: str, lang: str) -> bool:
    """Whether `text` may stand in the `lang` block: Chinese text, or no English words, for
    "zh"; no Chinese characters for "en"."""
    if not text:
        return False
    if lang == "zh":
        return bool(_HAN.search(text)) or not _LATIN_WORD.search(text)
    return not _HAN.search(text)


def _pick(obj: ArchiveObject, name: str, lang: str) -> str:
    """The field in `lang` only: the other language's value would be mislabelled here."""
    own = getattr(obj, f"{name}_{lang}") or ""
    return own if written_in(own, lang) else ""


def _legal_body(parent: etree._Element, museum: Institution, lang: str) -> None:
    """The museum as a legalBodyRef: identifier, name in `lang`, website; each only if set."""
    if museum.isil:
        is_isil = bool(_ISIL.match(museum.isil))
        _el(parent, "legalBodyID", museum.isil, type="ISIL" if is_isil else "local",
            **({"source": "ISIL (ISO 15511)"} if is_isil else {}))
    if museum.name(lang):
        _el(_el(parent, "legalBodyName"), "appellationValue", museum.name(lang))
    if museum.url:
        _el(parent, "legalBodyWeblink", museum.url)


class _Writer:
    def __init__(self, archive: Archive, museum: Institution, base_url: str | None):
        self.archive = archive
        self.museum = museum
        self.base_url = base_url.rstrip("/") + "/" if base_url else None

    def term(self, vocab_name: str, code: str, lang: str) -> str:
        text = vocab.label(self.archive.db, vocab_name, code, lang) if code else ""
        return text if written_in(text, lang) else ""  # vocab.label falls back to the other language

    def record(self, wrap: etree._Element, obj: ArchiveObject) -> None:
        lido = _el(wrap, "lido")
        source = self.museum.isil or self.museum.any_name
        _el(lido, "lidoRecID", obj.accession, type="local", **({"source": source} if source else {}))
        _el(_el(lido, "category"), "term", "Man-Made Object", addedSearchTerm="no")
        for lang in LANGS:
            self.descriptive(lido, obj, lang)
        for lang in LANGS:
            self.administrative(lido, obj, lang)

    def descriptive(self, lido: etree._Element, obj: ArchiveObject, lang: str) -> None:
        words = _LABELS[lang]
        meta = _el(lido, "descriptiveMetadata")
        meta.set(XML_LANG, lang)
        classification = _el(meta, "objectClassificationWrap")
        work_type = _el(_el(classification, "objectWorkTypeWrap"), "objectWorkType")
        if obj.category:
            _el(work_type, "conceptID", obj.category, type="local", source="exhibit category")
        _el(work_type, "term", self.term("category", obj.category, lang) or words["item"])
        if obj.grade:
            grade = _el(_el(classification, "classificationWrap"), "classification", type="grade")
            _el(grade, "conceptID", obj.grade, type="local", source="exhibit grade")
            if self.term("grade", obj.grade, lang):
                _el(grade, "term", self.term("grade", obj.grade, lang))

        ident = _el(meta, "objectIdentificationWrap")
        title = _el(_el(ident, "titleWrap"), "titleSet")
        _el(title, "appellationValue", _pick(obj, "name", lang) or obj.accession, pref="preferred")
        inscription = _pick(obj, "inscription", lang)
        if inscription:
            _el(_el(_el(ident, "inscriptionsWrap"), "inscriptions"), "inscriptionTranscription", inscription)
        repository = _el(_el(ident, "repositoryWrap"), "repositorySet", type="current")
        if self.museum.isil or self.museum.name(lang) or self.museum.url:
            _legal_body(_el(repository, "repositoryName"), self.museum, lang)
        _el(repository, "workID", obj.accession, type="inventory number")
        if written_in(obj.location, lang):
            _el(_el(_el(repository, "repositoryLocation"), "namePlaceSet"), "appellationValue", obj.location)
        description = _pick(obj, "description", lang)
        condition = self.term("condition", obj.condition, lang)
        if description or condition:
            wrap = _el(ident, "objectDescriptionWrap")
            if description:
                _el(_el(wrap, "objectDescriptionSet"), "descriptiveNoteValue", description)
            if condition:
                _el(_el(wrap, "objectDescriptionSet", type="condition"), "descriptiveNoteValue", condition)
        measures = [v for v in (obj.dimensions, obj.weight) if written_in(v, lang)]
        if measures:
            wrap = _el(ident, "objectMeasurementsWrap")
            for value in measures:
                if value:
                    _el(_el(wrap, "objectMeasurementsSet"), "displayObjectMeasurements", value)

        shown_date = self.display_date(obj.date_text, lang)
        spanned = bool(obj.date_start and obj.date_end)
        material = self.term("material", obj.material, lang)
        if shown_date or spanned or material:
            event = _el(_el(_el(meta, "eventWrap"), "eventSet"), "event")
            _el(_el(event, "eventType"), "term", words["production"])
            if shown_date or spanned:
                date = _el(event, "eventDate")
                if shown_date:
                    _el(date, "displayDate", shown_date)
                if spanned:
                    span = _el(date, "date")
                    _el(span, "earliestDate", obj.date_start)
                    _el(span, "latestDate", obj.date_end)
            if material:
                _el(_el(event, "eventMaterialsTech"), "displayMaterialsTech", material)

    @staticmethod
    def display_date(text: str, lang: str) -> str:
        """The date as written when it is in `lang` (Chinese keeps its own wording), else the
        parsed range in `lang`, else nothing."""
        if not text or (lang == "zh" and _HAN.search(text)):
            return text
        try:
            shown = format_range(parse_date(text), lang)
        except DateError:
            shown = ""
        if written_in(shown, lang):
            return shown
        return text if written_in(text, lang) else ""

    def administrative(self, lido: etree._Element, obj: ArchiveObject, lang: str) -> None:
        meta = _el(lido, "administrativeMetadata")
        meta.set(XML_LANG, lang)
        credit = _pick(obj, "credit", lang)
        if credit:
            rights = _el(_el(meta, "rightsWorkWrap"), "rightsWorkSet")
            _el(rights, "creditLine", credit)
        record = _el(meta, "recordWrap")
        _el(record, "recordID", obj.accession, type="local")
        _el(_el(record, "recordType"), "term", _LABELS[lang]["item"])
        # recordSource is required; with no museum settings it stays empty rather than naming anyone.
        _legal_body(_el(record, "recordSource"), self.museum, lang)
        if written_in(self.museum.rights, lang):
            rights_type = _el(_el(record, "recordRights"), "rightsType")
            if self.museum.rights.startswith(("http://", "https://")):
                _el(rights_type, "conceptID", self.museum.rights, type="URI")
            _el(rights_type, "term", self.museum.rights)
        if obj.modified:
            _el(_el(record, "recordInfoSet"), "recordMetadataDate", obj.modified, type="modified")
        images = media_records.media_for(self.archive, "object", obj.saved_id)
        if images:
            wrap = _el(meta, "resourceWrap")
            for position, media in enumerate(images, start=1):
                resource = _el(wrap, "resourceSet", sortorder=str(position))
                _el(resource, "resourceID", media.sha256, type="sha256")
                representation = _el(resource, "resourceRepresentation", type="image_master")
                link = self.base_url + media.path if self.base_url else f"media/{media.path}"
                _el(representation, "linkResource", link, formatResource=media.mime or "image/jpeg")
                role = "illustration" if media.is_illustration else "image"
                _el(_el(resource, "resourceType"), "term", names.value("media_role", role).text(lang))
                caption = media.caption_zh if lang == "zh" else media.caption_en
                if written_in(caption, lang):
                    _el(resource, "resourceDescription", caption)


def lido_tree(archive: Archive, objects: Iterable[ArchiveObject], *,
              institution: Institution | None = None, base_url: str | None = None) -> etree._ElementTree:
    root = etree.Element(_q("lidoWrap"), nsmap={"lido": NS, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", SCHEMA_LOCATION)
    writer = _Writer(archive, institution or archive_institution(archive), base_url)
    for obj in objects:
        writer.record(root, obj)
    return etree.ElementTree(root)


def write_lido(archive: Archive, path: Path | str, ids: Sequence[int] | None = None, *,
               institution: Institution | None = None, base_url: str | None = None) -> int:
    """Write the objects (all, or those with `ids`) as one LIDO file; returns how many."""
    if ids is None:
        objects = services.list_records(archive, ArchiveObject, order="accession")
    else:
        objects = [services.get(archive, ArchiveObject, i) for i in ids]
    tree = lido_tree(archive, objects, institution=institution, base_url=base_url)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    tree.write(str(tmp), encoding="UTF-8", xml_declaration=True, pretty_print=True)
    tmp.replace(path)
    return len(objects)
