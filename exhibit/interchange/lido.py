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

The output validates against the official XSD (tests check it against
../shared/schemas/lido/lido-v1.1.xsd; the schema is not shipped here).
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Sequence

from lxml import etree

from exhibit import media_records, names, services, vocab
from exhibit.archive import Archive
from exhibit.dates import format_range, parse_date
from exhibit.errors import DateError
from exhibit.records import ArchiveObject

NS = "http://www.lido-schema.org"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SCHEMA_LOCATION = "http://www.lido-schema.org http://www.lido-schema.org/schema/v1.1/lido-v1.1.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
LANGS = ("zh", "en")
DEFAULT_INSTITUTION = {"zh": "衡阳保卫战纪念展", "en": "Defence of Hengyang 1944 exhibition"}
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


def _pick(obj: ArchiveObject, name: str, lang: str) -> str:
    """The field in `lang`, else in the other language (a record may be Chinese only)."""
    own = getattr(obj, f"{name}_{lang}") or ""
    other = getattr(obj, f"{name}_{'en' if lang == 'zh' else 'zh'}") or ""
    return own or other


class _Writer:
    def __init__(self, archive: Archive, institution: dict[str, str], base_url: str | None):
        self.archive = archive
        self.institution = institution
        self.base_url = base_url.rstrip("/") + "/" if base_url else None

    def term(self, vocab_name: str, code: str, lang: str) -> str:
        return vocab.label(self.archive.db, vocab_name, code, lang) if code else ""

    def record(self, wrap: etree._Element, obj: ArchiveObject) -> None:
        lido = _el(wrap, "lido")
        _el(lido, "lidoRecID", obj.accession, type="local", source=self.institution["en"])
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
            _el(grade, "term", self.term("grade", obj.grade, lang))

        ident = _el(meta, "objectIdentificationWrap")
        title = _el(_el(ident, "titleWrap"), "titleSet")
        _el(title, "appellationValue", _pick(obj, "name", lang) or obj.accession, pref="preferred")
        inscription = _pick(obj, "inscription", lang)
        if inscription:
            _el(_el(_el(ident, "inscriptionsWrap"), "inscriptions"), "inscriptionTranscription", inscription)
        repository = _el(_el(ident, "repositoryWrap"), "repositorySet", type="current")
        _el(_el(_el(repository, "repositoryName"), "legalBodyName"), "appellationValue",
            self.institution[lang])
        _el(repository, "workID", obj.accession, type="inventory number")
        if obj.location:
            _el(_el(_el(repository, "repositoryLocation"), "namePlaceSet"), "appellationValue", obj.location)
        description = _pick(obj, "description", lang)
        if description or obj.condition:
            wrap = _el(ident, "objectDescriptionWrap")
            if description:
                _el(_el(wrap, "objectDescriptionSet"), "descriptiveNoteValue", description)
            if obj.condition:
                _el(_el(wrap, "objectDescriptionSet", type="condition"), "descriptiveNoteValue",
                    self.term("condition", obj.condition, lang))
        if obj.dimensions or obj.weight:
            wrap = _el(ident, "objectMeasurementsWrap")
            for value in (obj.dimensions, obj.weight):
                if value:
                    _el(_el(wrap, "objectMeasurementsSet"), "displayObjectMeasurements", value)

        if obj.date_text or obj.material:
            event = _el(_el(_el(meta, "eventWrap"), "eventSet"), "event")
            _el(_el(event, "eventType"), "term", words["production"])
            if obj.date_text:
                date = _el(event, "eventDate")
                _el(date, "displayDate", self.display_date(obj.date_text, lang))
                if obj.date_start and obj.date_end:
                    span = _el(date, "date")
                    _el(span, "earliestDate", obj.date_start)
                    _el(span, "latestDate", obj.date_end)
            if obj.material:
                _el(_el(event, "eventMaterialsTech"), "displayMaterialsTech",
                    self.term("material", obj.material, lang))

    @staticmethod
    def display_date(text: str, lang: str) -> str:
        if lang == "zh":
            return text
        try:
            return format_range(parse_date(text), "en") or text
        except DateError:
            return text

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
        _el(_el(_el(record, "recordSource"), "legalBodyName"), "appellationValue", self.institution[lang])
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
                caption = (media.caption_zh if lang == "zh" else media.caption_en) or \
                    media.caption_zh or media.caption_en
                if caption:
                    _el(resource, "resourceDescription", caption)


def lido_tree(archive: Archive, objects: Iterable[ArchiveObject], *,
              institution: dict[str, str] | None = None, base_url: str | None = None) -> etree._ElementTree:
    root = etree.Element(_q("lidoWrap"), nsmap={"lido": NS, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", SCHEMA_LOCATION)
    writer = _Writer(archive, institution or DEFAULT_INSTITUTION, base_url)
    for obj in objects:
        writer.record(root, obj)
    return etree.ElementTree(root)


def write_lido(archive: Archive, path: Path | str, ids: Sequence[int] | None = None, *,
               institution: dict[str, str] | None = None, base_url: str | None = None) -> int:
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
