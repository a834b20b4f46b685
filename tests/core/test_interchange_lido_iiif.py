"""LIDO 1.1 of the sample collection validates against the official XSD; IIIF manifests per language."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import etree

from exhibit import services
from exhibit.archive import Archive
from exhibit.interchange import iiif, lido

# The schema and its imports live outside the project (CC BY 4.0); never copied into the repo.
XSD = Path(__file__).resolve().parents[3] / "shared" / "schemas" / "lido" / "lido-v1.1.xsd"
# Each test runs on a SQLite archive and on a server archive (tests/conftest.py).
pytestmark = pytest.mark.both_backends
NS = {"lido": lido.NS}
LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    if not XSD.is_file():
        pytest.skip(f"LIDO schema not found at {XSD}")
    return etree.XMLSchema(etree.parse(str(XSD)))


def test_lido_of_the_sample_collection_validates(archive: Archive, tmp_path: Path,
                                                 schema: etree.XMLSchema) -> None:
    path = tmp_path / "lido.xml"
    count = lido.write_lido(archive, path)
    assert count == services.count(archive, "object")
    doc = etree.parse(str(path))
    assert schema.validate(doc), "\n".join(str(e) for e in list(schema.error_log)[:5])
    records = doc.findall("lido:lido", NS)
    assert len(records) == count
    first = services.list_records(archive, "object", order="accession")[0]
    record = records[0]
    blocks = record.findall("lido:descriptiveMetadata", NS)
    assert [b.get(LANG) for b in blocks] == ["zh", "en"]
    titles = [b.findtext(".//lido:titleSet/lido:appellationValue", namespaces=NS) for b in blocks]
    assert titles == [first.name_zh, first.name_en]
    assert record.findtext(".//lido:workID", namespaces=NS) == first.accession
    assert [b.get(LANG) for b in record.findall("lido:administrativeMetadata", NS)] == ["zh", "en"]
    assert record.find(".//lido:resourceSet/lido:resourceRepresentation/lido:linkResource", NS) is not None


def test_lido_of_a_selection_and_of_a_sparse_record_validates(archive: Archive, tmp_path: Path,
                                                              schema: etree.XMLSchema) -> None:
    from exhibit.records import ArchiveObject
    bare = services.create(archive, ArchiveObject(accession="HY9001", name_en="Only English"))
    path = tmp_path / "one.xml"
    assert lido.write_lido(archive, path, [bare.id]) == 1
    doc = etree.parse(str(path))
    assert schema.validate(doc), str(schema.error_log)
    zh_title = doc.xpath("//lido:descriptiveMetadata[@xml:lang='zh']//lido:appellationValue/text()",
                         namespaces=NS)[0]
    assert zh_title == "HY9001"  # no Chinese name: the accession number, never the English name


def test_iiif_manifests_have_language_maps_and_one_canvas_per_image(archive: Archive, tmp_path: Path) -> None:
    from exhibit import media_records

    out = tmp_path / "iiif"
    count = iiif.write_iiif(archive, out, base_url="https://museum.example/iiif")
    objects = services.list_records(archive, "object", order="accession")
    with_images = [o for o in objects if media_records.media_links(archive, "object", o.id)]
    assert count == len(with_images) > 0
    obj = with_images[0]
    manifest = json.loads((out / obj.accession / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["@context"] == "http://iiif.io/api/presentation/3/context.json"
    assert manifest["type"] == "Manifest"
    assert manifest["id"] == f"https://museum.example/iiif/{obj.accession}/manifest.json"
    assert manifest["label"] == {"zh": [obj.name_zh], "en": [obj.name_en]}
    assert manifest["summary"]["zh"] == [obj.description_zh]
    images = media_records.media_for(archive, "object", obj.id)
    assert len(manifest["items"]) == len(images)
    canvas = manifest["items"][0]
    annotation = canvas["items"][0]["items"][0]
    assert annotation["motivation"] == "painting" and annotation["target"] == canvas["id"]
    assert (canvas["width"], canvas["height"]) == (images[0].width, images[0].height)
    body_path = annotation["body"]["id"].removeprefix("https://museum.example/iiif/")
    assert (out / body_path).is_file()  # the folder is publishable as it is
    if images[0].is_illustration:
        assert "illustration" in canvas["label"]["en"][0]
    accession_entry = manifest["metadata"][0]
    assert accession_entry == {"label": {"zh": ["总登记号"], "en": ["Accession number"]},
                               "value": {"none": [obj.accession]}}
    collection = json.loads((out / "collection.json").read_text(encoding="utf-8"))
    assert len(collection["items"]) == count


def test_iiif_needs_a_web_address(archive: Archive, tmp_path: Path) -> None:
    with pytest.raises(Exception, match="must start with http"):
        iiif.write_iiif(archive, tmp_path / "x", base_url="file:///tmp")
