"""LIDO 1.1 XML for objects, for museum aggregators.

One <lido:lido> record per object with one descriptiveMetadata block per
language (xml:lang="zh" and "en"), as LIDO prescribes for multilingual
records, and one administrativeMetadata block per language. What goes where:

- objectWorkType: the object name ("钢盔", "helmet"), then the category's label;
  classification: the grade;
- titleSet: the name; inscriptions: the inscription; repositorySet: the
  museum, the accession number as workID (type "inventory number") and the
  current location; objectDescriptionSet: the description, the condition
  (typed "condition") and the label copy (typed "label");
- objectMeasurementsSet: per part measured (and per qualifier), the text as
  written when one set holds all of it (else the measurements described in the
  block's language), and each measurement as data: measurementsSet with its
  type, unit and value as written, extentMeasurements for the part,
  qualifierMeasurements "approximate"; the weight in a set of its own;
- a "production" event (LIDO's term lido00007): each maker as an eventActor
  (name in the block's language, role, the linked person's key, ULAN or Wikidata
  id and life dates as actorID and vitalDatesActor), the date as written with
  its ISO earliest/latest days, the place made, and eventMaterialsTech: the
  medium as written, the material term and the technique;
- rightsWorkSet: the object's rights and its credit line; recordWrap: the
  accession number and the other numbers as recordIDs (typed by their kind),
  the record source and rights, the modification date, and the external links
  as recordInfoLinks; the object's images as resourceSets linking to files
  inside the media folder (or `base_url`), each with its own rights.

The museum (repositoryName, recordSource, the record's rights) comes from the
archive's settings (exhibit.institution): an unset setting leaves its element
out, or empty where LIDO requires it, and never names another museum.
Each language block holds only text in its language: a Chinese block never
shows an English name because the Chinese one is missing (an aggregator would
index it as Chinese); the required title then falls back to the accession
number, and a maker with no name in the block's language is left out of it.
Identifiers, links, numbers and units are the same in both blocks.

The file is written as it is made (lxml's xmlfile): records are read a chunk
at a time and each <lido:lido> is built, written and dropped, so a million
records take the memory of one chunk. Each record declares the LIDO namespace
itself, so it stands alone when a harvester splits the file.

The output validates against the official XSD (tests check it against
../shared/schemas/lido/lido-v1.1.xsd; the schema is not shipped here).
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Callable, Sequence

from lxml import etree

from exhibit import dimensions, names, object_fields
from exhibit.archive import Archive
from exhibit.dates import format_range, parse_date
from exhibit.errors import DateError
from exhibit.institution import Institution
from exhibit.institution import institution as archive_institution
from exhibit.interchange import streaming
from exhibit.object_fields import ExternalLink, FieldFormatError, Maker
from exhibit.records import ArchiveObject, Media, Person

NS = "http://www.lido-schema.org"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SCHEMA_LOCATION = "http://www.lido-schema.org http://www.lido-schema.org/schema/v1.1/lido-v1.1.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
LANGS = ("zh", "en")
PRODUCTION = "http://terminology.lido-schema.org/lido00007"  # LIDO's event type "Production"
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# A Latin word of three letters or more: "cm", "kg", "c." or an accession prefix pass as
# language-neutral, "helmet" or "Gallery" do not.
_LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]{3,}")
# ISIL (ISO 15511): a prefix of up to four letters, a hyphen, up to eleven characters.
_ISIL = re.compile(r"^[A-Za-z]{1,4}-[A-Za-z0-9:/-]{1,11}$")
_WIKIDATA = re.compile(r"Q[1-9][0-9]*")
_ULAN = re.compile(r"50[0-9]{7}")
# Terms shown to readers are in the block's language; lido:type values stay English.
_LABELS = {"zh": {"production": "制作", "item": "单件藏品", "approximate": "约"},
           "en": {"production": "production", "item": "item", "approximate": "approximate"}}
_MEASURED = {"zh": {"height": "高度", "width": "宽度", "depth": "深度", "diameter": "直径", "length": "长度",
                    "thickness": "厚度", "weight": "重量"},
             "en": {name: name for name in dimensions.DIMENSIONS}}


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


class _Names(dict[str, str]):
    """LIDO's qualified names, made once each (a record makes some 150 elements)."""

    def __missing__(self, tag: str) -> str:
        self[tag] = _q(tag)
        return self[tag]


_QNAMES = _Names()
_SubElement = etree.SubElement


def _el(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    element = _SubElement(parent, _QNAMES[tag], {_QNAMES[k]: v for k, v in attrs.items()} if attrs else None)
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


def _rights(parent: etree._Element, tag: str, text: str, lang: str) -> etree._Element | None:
    """A rights element (rightsWorkSet, recordRights, rightsResource) with its rightsType: a
    licence URL as a URI concept (in every block), a statement as a term (in its language)."""
    is_url = text.startswith(("http://", "https://")) and not any(c.isspace() for c in text)
    if not (is_url or written_in(text, lang)):
        return None
    element = _el(parent, tag)
    rights_type = _el(element, "rightsType")
    if is_url:
        _el(rights_type, "conceptID", text, type="URI")
    else:
        _el(rights_type, "term", text)
    return element


def _number(value: float) -> str:
    """A measurement as written (28, 28.6, 0.35), never in exponent form."""
    return f"{value:.0f}" if value.is_integer() else f"{value:.6f}".rstrip("0").rstrip(".")


@lru_cache(maxsize=4096)
def display_date(text: str, lang: str) -> str:
    """The date as written when it is in `lang` (Chinese keeps its own wording), else the
    parsed range in `lang`, else nothing. (A catalogue repeats its dates: read each once.)"""
    if not text or (lang == "zh" and _HAN.search(text)):
        return text
    try:
        shown = format_range(parse_date(text), lang)
    except DateError:
        shown = ""
    if written_in(shown, lang):
        return shown
    return text if written_in(text, lang) else ""


def _read(reader: Callable[[str], list], stored: str) -> list:
    """A stored list field; one that cannot be read (an archive older than its rules) is
    exported as nothing rather than stopping the export."""
    try:
        return reader(stored)
    except (FieldFormatError, ValueError):
        return []


def _measurement_groups(obj: ArchiveObject) -> list[list[dimensions.Measurement]]:
    """The measurements in sets of one part, one qualifier and length or weight, in order."""
    groups: dict[tuple[str, str, bool], list[dimensions.Measurement]] = {}
    for m in _read(dimensions.from_json, obj.measurements):
        groups.setdefault((m.part, m.qualifier, m.dimension == "weight"), []).append(m)
    return list(groups.values())


class _Writer:
    def __init__(self, archive: Archive, museum: Institution, base_url: str | None):
        self.archive = archive
        self.museum = museum
        self.base_url = base_url.rstrip("/") + "/" if base_url else None
        # Small tables read once: the vocabularies, and the people makers name (on first use).
        self.terms = {(v, c): (zh or "", en or "") for v, c, zh, en in archive.db.execute(
            "SELECT vocab, code, label_zh, label_en FROM vocabularies")}
        self.people: dict[str, Person | None] = {}

    def term(self, vocab_name: str, code: str, lang: str) -> str:
        """A term's label in `lang` only (the other language's label would be mislabelled)."""
        if not code:
            return ""
        zh, en = self.terms.get((vocab_name, code), ("", ""))
        text = zh if lang == "zh" else en
        return text if written_in(text, lang) else ""

    def person(self, key: str) -> Person | None:
        if key not in self.people:
            cursor = self.archive.db.execute("SELECT * FROM people WHERE key = ?", [key])
            row = cursor.fetchone()
            self.people[key] = None if row is None else \
                Person.from_row(dict(zip([d[0] for d in cursor.description], row)))
        return self.people[key]

    def media_of(self, object_ids: list[int]) -> dict[int, list[Media]]:
        """The images of a chunk of objects, primary first, in one query."""
        out: dict[int, list[Media]] = {}
        if not object_ids:
            return out
        cursor = self.archive.db.execute(
            f"SELECT ml.record_id, m.* FROM media_links ml JOIN media m ON m.id = ml.media_id "
            f"WHERE ml.record_type = 'object' AND ml.record_id IN ({','.join('?' * len(object_ids))}) "
            f"ORDER BY ml.record_id, ml.position, ml.id", object_ids)
        columns = [d[0] for d in cursor.description][1:]
        for record_id, *values in cursor:
            out.setdefault(record_id, []).append(Media.from_row(dict(zip(columns, values))))
        return out

    def record(self, obj: ArchiveObject, images: Sequence[Media]) -> etree._Element:
        lido = etree.Element(_q("lido"), nsmap={"lido": NS})
        source = self.museum.isil or self.museum.any_name
        _el(lido, "lidoRecID", obj.accession, type="local", **({"source": source} if source else {}))
        _el(_el(lido, "category"), "term", "Man-Made Object", addedSearchTerm="no")
        makers = _read(object_fields.read_makers, obj.makers)
        links = _read(object_fields.read_links, obj.external_links)
        # A Getty ULAN id names a person or a body, never a thing: with one maker, it is theirs.
        ulan = [link for link in links if link.kind == "ulan"] if len(makers) == 1 else []
        for lang in LANGS:
            self.descriptive(lido, obj, lang, makers, ulan)
        for lang in LANGS:
            self.administrative(lido, obj, lang, [link for link in links if link not in ulan], images)
        return lido

    # ------------------------------------------------------------ descriptive metadata

    def descriptive(self, lido: etree._Element, obj: ArchiveObject, lang: str, makers: list[Maker],
                    ulan: list[ExternalLink]) -> None:
        meta = _el(lido, "descriptiveMetadata")
        meta.set(XML_LANG, lang)
        self.classification(meta, obj, lang)
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
        notes = [(None, _pick(obj, "description", lang)), ("condition", self.term("condition", obj.condition, lang)),
                 ("label", _pick(obj, "label", lang))]
        if any(text for _kind, text in notes):
            wrap = _el(ident, "objectDescriptionWrap")
            for kind, text in notes:
                if text:
                    note = _el(wrap, "objectDescriptionSet", **({"type": kind} if kind else {}))
                    _el(note, "descriptiveNoteValue", text)
        self.measurements(ident, obj, lang)
        self.production(meta, obj, lang, makers, ulan)

    def classification(self, meta: etree._Element, obj: ArchiveObject, lang: str) -> None:
        classification = _el(meta, "objectClassificationWrap")
        types = _el(classification, "objectWorkTypeWrap")
        object_name = _pick(obj, "object_name", lang)
        if object_name:
            _el(_el(types, "objectWorkType", type="object name"), "term", object_name)
        category = self.term("category", obj.category, lang)
        if obj.category or not object_name:  # objectWorkType is required
            work_type = _el(types, "objectWorkType", type="category")
            if obj.category:
                _el(work_type, "conceptID", obj.category, type="local", source="exhibit category")
            _el(work_type, "term", category or _LABELS[lang]["item"])
        if obj.grade:
            grade = _el(_el(classification, "classificationWrap"), "classification", type="grade")
            _el(grade, "conceptID", obj.grade, type="local", source="exhibit grade")
            if self.term("grade", obj.grade, lang):
                _el(grade, "term", self.term("grade", obj.grade, lang))

    def measurements(self, ident: etree._Element, obj: ArchiveObject, lang: str) -> None:
        groups = _measurement_groups(obj)
        sets: list[tuple[str, list[dimensions.Measurement]]] = []
        for is_weight, written in ((False, obj.dimensions), (True, obj.weight)):
            own = [g for g in groups if (g[0].dimension == "weight") == is_weight]
            if not own:  # no measurement read from the text ("dimensions variable"): the text alone
                sets += [(written, [])] if written_in(written, lang) else []
                continue
            for group in own:
                shown = written if len(own) == 1 and written_in(written, lang) \
                    else dimensions.describe(group, lang)
                sets.append((shown if written_in(shown, lang) else "", group))
        if not sets:
            return
        wrap = _el(ident, "objectMeasurementsWrap")
        for shown, group in sets:
            measured = _el(wrap, "objectMeasurementsSet")
            if shown:
                _el(measured, "displayObjectMeasurements", shown)
            if group:
                self.measured(_el(measured, "objectMeasurements"), group, lang)

    @staticmethod
    def measured(parent: etree._Element, group: list[dimensions.Measurement], lang: str) -> None:
        for m in group:
            one = _el(parent, "measurementsSet")
            _el(one, "measurementType", _MEASURED[lang][m.dimension])
            _el(one, "measurementUnit", m.unit)
            _el(one, "measurementValue", _number(m.value))
        part, qualifier = group[0].part, group[0].qualifier
        if written_in(part, lang):
            _el(parent, "extentMeasurements", part)
        if qualifier:
            _el(parent, "qualifierMeasurements", _LABELS[lang]["approximate"])

    def production(self, meta: etree._Element, obj: ArchiveObject, lang: str, makers: list[Maker],
                   ulan: list[ExternalLink]) -> None:
        shown_date = display_date(obj.date_text, lang)
        place = _pick(obj, "production_place", lang)
        medium = _pick(obj, "medium", lang)
        technique = _pick(obj, "technique", lang)
        material = self.term("material", obj.material, lang)
        actors = [(m, name) for m in makers if (name := self.maker_name(m, lang))]
        if not (shown_date or obj.date_start or obj.date_end or place or medium or technique or material
                or obj.material or actors):
            return
        event = _el(_el(_el(meta, "eventWrap"), "eventSet"), "event")
        event_type = _el(event, "eventType")
        _el(event_type, "conceptID", PRODUCTION, type="URI")
        _el(event_type, "term", _LABELS[lang]["production"])
        for position, (maker, name) in enumerate(actors, start=1):
            self.actor(_el(event, "eventActor", sortorder=str(position)), maker, name, lang, ulan)
        if shown_date or obj.date_start or obj.date_end:
            date = _el(event, "eventDate")
            if shown_date:
                _el(date, "displayDate", shown_date)
            if obj.date_start or obj.date_end:
                span = _el(date, "date")
                if obj.date_start:
                    _el(span, "earliestDate", obj.date_start)
                if obj.date_end:
                    _el(span, "latestDate", obj.date_end)
        if place:
            where = _el(event, "eventPlace")
            _el(where, "displayPlace", place)
            _el(_el(_el(where, "place"), "namePlaceSet"), "appellationValue", place)
        if medium or material or obj.material or technique:
            materials = _el(event, "eventMaterialsTech")
            if medium or material:
                _el(materials, "displayMaterialsTech", medium or material)
            terms = _el(materials, "materialsTech")
            if obj.material:
                term = _el(terms, "termMaterialsTech", type="material")
                _el(term, "conceptID", obj.material, type="local", source="exhibit material")
                if material:
                    _el(term, "term", material)
            if technique:
                _el(_el(terms, "termMaterialsTech", type="technique"), "term", technique)

    def maker_name(self, maker: Maker, lang: str) -> str:
        """The maker's name in `lang`: their own, else their person record's; "" if neither."""
        own = maker.name_zh if lang == "zh" else maker.name_en
        if written_in(own, lang):
            return own
        person = self.person(maker.person) if maker.person else None
        linked = (person.name_zh if lang == "zh" else person.name_en) if person else ""
        return linked if written_in(linked, lang) else ""

    def actor(self, parent: etree._Element, maker: Maker, name: str, lang: str,
              ulan: list[ExternalLink]) -> None:
        role_zh, role_en = object_fields.ROLE_NAMES[maker.role]
        role = role_zh if lang == "zh" else role_en
        shown = name if maker.role == "maker" else (f"{name}（{role}）" if lang == "zh" else f"{name} ({role})")
        _el(parent, "displayActorInRole", shown)
        in_role = _el(parent, "actorInRole")
        person = self.person(maker.person) if maker.person else None
        actor = _el(in_role, "actor", **({"type": "person"} if person else {}))
        if maker.person:
            source = self.museum.isil or self.museum.any_name
            _el(actor, "actorID", maker.person, type="local", **({"source": source} if source else {}))
            # A person keyed by their Wikidata or ULAN id: the key is that id as well.
            for kind, pattern in (("wikidata", _WIKIDATA), ("ulan", _ULAN)):
                if pattern.fullmatch(maker.person):
                    _el(actor, "actorID", ExternalLink(maker.person, kind).url(), type="URI", source=kind)
        for link in ulan:
            _el(actor, "actorID", link.url(), type="URI", source="ULAN")
        _el(_el(actor, "nameActorSet"), "appellationValue", name, pref="preferred")
        if person and (person.born_start or person.died_end):
            lived = _el(actor, "vitalDatesActor")
            if person.born_start:
                _el(lived, "earliestDate", person.born_start)
            if person.died_end:
                _el(lived, "latestDate", person.died_end)
        role_actor = _el(in_role, "roleActor")
        _el(role_actor, "conceptID", maker.role, type="local", source="exhibit maker role")
        _el(role_actor, "term", role)

    # ------------------------------------------------------------ administrative metadata

    def administrative(self, lido: etree._Element, obj: ArchiveObject, lang: str, links: list[ExternalLink],
                       images: Sequence[Media]) -> None:
        meta = _el(lido, "administrativeMetadata")
        meta.set(XML_LANG, lang)
        credit = _pick(obj, "credit", lang)
        if obj.rights or credit:
            wrap = _el(meta, "rightsWorkWrap")
            rights = _rights(wrap, "rightsWorkSet", obj.rights, lang) if obj.rights else None
            if credit:
                _el(rights if rights is not None else _el(wrap, "rightsWorkSet"), "creditLine", credit)
            if not len(wrap):
                meta.remove(wrap)
        record = _el(meta, "recordWrap")
        _el(record, "recordID", obj.accession, type="local")
        for number in _read(object_fields.read_other_numbers, obj.other_numbers):
            _el(record, "recordID", number.number, type=number.kind or "other number")
        _el(_el(record, "recordType"), "term", _LABELS[lang]["item"])
        # recordSource is required; with no museum settings it stays empty rather than naming anyone.
        _legal_body(_el(record, "recordSource"), self.museum, lang)
        if self.museum.rights:
            _rights(record, "recordRights", self.museum.rights, lang)
        for link in links:
            _el(_el(record, "recordInfoSet", type=link.kind), "recordInfoLink", link.url(), formatResource="text/html")
        if obj.modified:
            _el(_el(record, "recordInfoSet"), "recordMetadataDate", obj.modified, type="modified")
        if images:
            self.resources(_el(meta, "resourceWrap"), images, lang)

    def resources(self, wrap: etree._Element, images: Sequence[Media], lang: str) -> None:
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
            if media.rights:
                _rights(resource, "rightsResource", media.rights, lang)


def write_lido(archive: Archive, path: Path | str, ids: Sequence[int] | None = None, *,
               institution: Institution | None = None, base_url: str | None = None,
               progress: Callable[[int, int, str], None] | None = None) -> int:
    """Write the objects (all, by accession number, or those of `ids` in their order) as one
    LIDO file, a record at a time; returns how many."""
    path = Path(path)
    writer = _Writer(archive, institution or archive_institution(archive), base_url)
    count = 0
    with streaming.snapshot(archive), streaming.replacing(path) as tmp, \
            etree.xmlfile(str(tmp), encoding="UTF-8") as xf:
        xf.write_declaration()
        with xf.element(_q("lidoWrap"), {f"{{{XSI}}}schemaLocation": SCHEMA_LOCATION},
                        nsmap={"lido": NS, "xsi": XSI}):
            xf.write("\n")
            for chunk in streaming.record_chunks(archive, ArchiveObject, ids, order="accession"):
                images = writer.media_of([obj.saved_id for obj in chunk])
                for obj in chunk:
                    xf.write(writer.record(obj, images.get(obj.saved_id, [])), pretty_print=True)
                count += len(chunk)
                if progress is not None:
                    progress(count, 0, path.name)
    return count
