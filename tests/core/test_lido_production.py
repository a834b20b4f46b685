"""LIDO of the cataloguing fields: the production event with its makers, measurements as data,
other numbers, external links and rights; valid against the official XSD, each language in its block."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from exhibit import institution, services
from exhibit.archive import Archive
from exhibit.interchange import lido
from exhibit.records import ArchiveObject, Person

XSD = Path(__file__).resolve().parents[3] / "shared" / "schemas" / "lido" / "lido-v1.1.xsd"  # never copied in
# Each test runs on a SQLite archive and on a server archive (tests/conftest.py).
pytestmark = pytest.mark.both_backends
NS = {"lido": lido.NS}
HAN = re.compile(r"[\u4e00-\u9fff]")
# Identifiers, links, dates, numbers and units are language-neutral; all else in a zh block is Chinese.
NEUTRAL = {"workID", "recordID", "lidoRecID", "conceptID", "linkResource", "resourceID", "legalBodyID",
           "legalBodyWeblink", "earliestDate", "latestDate", "recordMetadataDate", "actorID", "recordInfoLink",
           "measurementUnit", "measurementValue"}


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    if not XSD.is_file():
        pytest.skip(f"LIDO schema not found at {XSD}")
    return etree.XMLSchema(etree.parse(str(XSD)))


@pytest.fixture
def catalogued(blank_archive: Archive) -> Archive:
    """Objects using every cataloguing field, with a maker who is a person record."""
    institution.set_values(blank_archive, {"museum.name_zh": "湘南民俗博物馆", "museum.isil": "CN-HN01",
                                           "museum.name_en": "South Hunan Folk Museum"})
    services.create(blank_archive, Person(key="xue-yue", name_zh="薛岳", name_en="Xue Yue",
                                          born="1896-12-26", died="1998-05-03"))
    services.create(blank_archive, ArchiveObject(
        accession="F.100", name_zh="布告", name_en="Public notice", category="document_propaganda",
        material="paper", date_text="c.1830–41", object_name_zh="布告", object_name_en="public notice",
        makers="薛岳 / Xue Yue [xue-yue] (issuer); Krupp (manufacturer); 汪记印刷所 (printer)",
        production_place_zh="长沙", production_place_en="Changsha", technique_zh="石印", technique_en="lithograph",
        medium_zh="纸，墨", medium_en="ink on paper",
        dimensions="support: 394 x 419 mm; frame: 60 × 70 cm", weight="约850克",
        other_numbers="previous number: A.1; 普查编号: 4304001800000100001",
        external_links="https://museum.example/objects/F.100; wikidata: Q42",
        rights="https://creativecommons.org/licenses/by/4.0/", record_status="published",
        label_zh="这张布告贴在长沙街头。", label_en="This notice was posted in Changsha."))
    services.create(blank_archive, ArchiveObject(
        accession="F.101", name_en="Portrait", makers="Turner, J. M. W. (artist)", external_links="ulan: 500026846",
        dimensions="c. 28 × 23 × 15 cm", rights="版权所有"))
    return blank_archive


def export(archive: Archive, path: Path, schema: etree.XMLSchema) -> etree._Element:
    assert lido.write_lido(archive, path) == services.count(archive, "object")
    doc = etree.parse(str(path))
    assert schema.validate(doc), "\n".join(str(e) for e in list(schema.error_log)[:5])
    english = [f"{etree.QName(el).localname}: {el.text}" for block in doc.xpath("//*[@xml:lang='zh']")
               for el in block.iter() if etree.QName(el).localname not in NEUTRAL
               and re.search(r"[A-Za-z]{3,}", el.text or "") and not HAN.search(el.text or "")]
    assert english == []
    return doc.getroot()


def block(root: etree._Element, accession: str, part: str, lang: str) -> etree._Element:
    found = root.xpath(f"lido:lido[lido:lidoRecID='{accession}']/lido:{part}[@xml:lang='{lang}']", namespaces=NS)
    assert len(found) == 1
    return found[0]


def texts(element: etree._Element, path: str) -> list[str]:
    return [t.strip() for t in element.xpath(path + "/text()", namespaces=NS)]


def test_the_production_event_names_each_maker_with_role_date_place_and_materials(
        catalogued: Archive, tmp_path: Path, schema: etree.XMLSchema) -> None:
    root = export(catalogued, tmp_path / "lido.xml", schema)
    zh, en = (block(root, "F.100", "descriptiveMetadata", lang).find(".//lido:event", NS) for lang in ("zh", "en"))
    for event in (zh, en):
        assert texts(event, "lido:eventType/lido:conceptID") == [lido.PRODUCTION]
        assert texts(event, ".//lido:roleActor/lido:conceptID")[0] == "issuer"
        assert texts(event, "lido:eventDate/lido:date/lido:earliestDate") == ["1830-01-01"]
        assert texts(event, "lido:eventDate/lido:date/lido:latestDate") == ["1841-12-31"]
        assert texts(event, ".//lido:termMaterialsTech[@lido:type='material']/lido:conceptID") == ["paper"]
    # A name in the block's language only: Krupp has no Chinese name, so the zh block leaves it out.
    assert texts(zh, ".//lido:actor/lido:nameActorSet/lido:appellationValue") == ["薛岳", "汪记印刷所"]
    assert texts(en, ".//lido:actor/lido:nameActorSet/lido:appellationValue") == ["Xue Yue", "Krupp"]
    assert texts(zh, ".//lido:roleActor/lido:term") == ["颁发者", "印刷者"]
    assert texts(en, ".//lido:roleActor/lido:term") == ["issuer", "manufacturer"]
    assert texts(en, "lido:eventActor/lido:displayActorInRole") == ["Xue Yue (issuer)", "Krupp (manufacturer)"]
    person = en.find(".//lido:actor", NS)
    assert person.get(f"{{{lido.NS}}}type") == "person"
    assert texts(person, "lido:actorID") == ["xue-yue"]
    assert texts(person, "lido:vitalDatesActor/lido:earliestDate") == ["1896-12-26"]
    assert texts(person, "lido:vitalDatesActor/lido:latestDate") == ["1998-05-03"]
    assert texts(zh, "lido:eventPlace/lido:displayPlace") == ["长沙"]
    assert texts(en, "lido:eventPlace/lido:place/lido:namePlaceSet/lido:appellationValue") == ["Changsha"]
    assert texts(zh, "lido:eventMaterialsTech/lido:displayMaterialsTech") == ["纸，墨"]
    assert texts(en, "lido:eventMaterialsTech/lido:displayMaterialsTech") == ["ink on paper"]
    assert texts(en, ".//lido:termMaterialsTech[@lido:type='technique']/lido:term") == ["lithograph"]
    assert texts(zh, ".//lido:termMaterialsTech[@lido:type='material']/lido:term") == ["纸"]
    works = block(root, "F.100", "descriptiveMetadata", "en")
    assert texts(works, ".//lido:objectWorkType[@lido:type='object name']/lido:term") == ["public notice"]
    assert texts(works, ".//lido:objectDescriptionSet[@lido:type='label']/lido:descriptiveNoteValue") == \
        ["This notice was posted in Changsha."]


def test_a_lone_makers_ulan_id_is_their_actor_id(catalogued: Archive, tmp_path: Path,
                                                 schema: etree.XMLSchema) -> None:
    root = export(catalogued, tmp_path / "lido.xml", schema)
    en = block(root, "F.101", "descriptiveMetadata", "en")
    assert texts(en, ".//lido:actor/lido:actorID") == ["http://vocab.getty.edu/page/ulan/500026846"]
    assert texts(en, ".//lido:actor/lido:nameActorSet/lido:appellationValue") == ["Turner, J. M. W."]
    assert block(root, "F.101", "descriptiveMetadata", "zh").find(".//lido:eventActor", NS) is None
    admin = block(root, "F.101", "administrativeMetadata", "en")
    assert admin.find(".//lido:recordInfoLink", NS) is None  # it went to the maker, not to the record


def test_measurements_are_data_with_type_unit_value_and_the_part_measured(
        catalogued: Archive, tmp_path: Path, schema: etree.XMLSchema) -> None:
    root = export(catalogued, tmp_path / "lido.xml", schema)
    en = block(root, "F.100", "descriptiveMetadata", "en")
    sets = en.findall(".//lido:objectMeasurementsSet", NS)
    measured = [[(texts(m, "lido:measurementType")[0], texts(m, "lido:measurementUnit")[0],
                  texts(m, "lido:measurementValue")[0]) for m in s.findall(".//lido:measurementsSet", NS)]
                for s in sets]
    assert measured == [[("height", "mm", "394"), ("width", "mm", "419")],
                        [("height", "cm", "60"), ("width", "cm", "70")], [("weight", "g", "850")]]
    assert [texts(s, ".//lido:extentMeasurements") for s in sets] == [["support"], ["frame"], []]
    assert texts(sets[2], ".//lido:qualifierMeasurements") == ["approximate"]
    # Two parts: each set shows its own measurements, described in the block's language.
    assert texts(sets[0], "lido:displayObjectMeasurements") == ["support: H 394 × W 419 mm"]
    zh_sets = block(root, "F.100", "descriptiveMetadata", "zh").findall(".//lido:objectMeasurementsSet", NS)
    assert texts(zh_sets[2], "lido:displayObjectMeasurements") == ["约850克"]  # one set: the text as written
    assert texts(zh_sets[2], ".//lido:measurementType") == ["重量"]
    assert texts(zh_sets[2], ".//lido:qualifierMeasurements") == ["约"]
    assert texts(zh_sets[0], ".//lido:extentMeasurements") == []  # "support" is English
    portrait = block(root, "F.101", "descriptiveMetadata", "zh")
    assert texts(portrait, ".//lido:displayObjectMeasurements") == ["c. 28 × 23 × 15 cm"]  # no English word


def test_other_numbers_links_and_rights_go_to_the_record_wrap_and_rights_sets(
        catalogued: Archive, tmp_path: Path, schema: etree.XMLSchema) -> None:
    root = export(catalogued, tmp_path / "lido.xml", schema)
    for lang in ("zh", "en"):
        admin = block(root, "F.100", "administrativeMetadata", lang)
        ids = [(r.get(f"{{{lido.NS}}}type"), r.text) for r in admin.findall(".//lido:recordID", NS)]
        assert ids == [("local", "F.100"), ("previous number", "A.1"), ("普查编号", "4304001800000100001")]
        assert texts(admin, ".//lido:recordInfoLink") == ["https://museum.example/objects/F.100",
                                                          "https://www.wikidata.org/wiki/Q42"]
        assert texts(admin, "lido:rightsWorkWrap/lido:rightsWorkSet/lido:rightsType/lido:conceptID") == \
            ["https://creativecommons.org/licenses/by/4.0/"]
    portrait = [block(root, "F.101", "administrativeMetadata", lang) for lang in ("zh", "en")]
    assert texts(portrait[0], ".//lido:rightsWorkSet/lido:rightsType/lido:term") == ["版权所有"]
    assert portrait[1].find("lido:rightsWorkWrap", NS) is None  # a Chinese statement stays out of English


def test_iiif_metadata_names_the_makers_and_how_the_object_was_made(catalogued: Archive) -> None:
    from exhibit.interchange import iiif

    obj = services.object_by_accession(catalogued, "F.100")
    manifest = iiif.manifest_for(catalogued, obj, "https://museum.example/iiif")
    entries = {entry["label"]["en"][0]: entry["value"] for entry in manifest["metadata"]}
    assert entries["Makers"] == {"zh": ["薛岳（颁发者）；汪记印刷所（印刷者）"],
                                 "en": ["Xue Yue (issuer); Krupp (manufacturer)"]}
    assert entries["Object name"] == {"zh": ["布告"], "en": ["public notice"]}
    assert entries["Technique"] == {"zh": ["石印"], "en": ["lithograph"]}
    assert entries["Rights"] == {"none": ["https://creativecommons.org/licenses/by/4.0/"]}
