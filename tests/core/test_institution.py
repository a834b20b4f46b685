"""The museum settings: set from the command line, named by LIDO and IIIF, never another museum."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from exhibit import institution, services
from exhibit.archive import Archive
from exhibit.interchange import iiif, lido
from exhibit.records import ArchiveObject

ROOT = Path(__file__).resolve().parents[2]
XSD = ROOT.parent / "shared" / "schemas" / "lido" / "lido-v1.1.xsd"  # outside the project; never copied in
NS = {"lido": lido.NS}
LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MUSEUM = {"museum.name_zh": "湘南民俗博物馆", "museum.name_en": "South Hunan Folk Museum",
          "museum.isil": "CN-HN01", "museum.url": "https://folk.example/",
          "records.rights": "https://creativecommons.org/publicdomain/zero/1.0/"}
# Identifiers and links are language-neutral; everything else in a zh block must be Chinese.
NEUTRAL = {"workID", "recordID", "lidoRecID", "conceptID", "linkResource", "resourceID", "legalBodyID",
           "legalBodyWeblink", "earliestDate", "latestDate", "recordMetadataDate", "actorID", "recordInfoLink"}
ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")
HAN = re.compile(r"[\u4e00-\u9fff]")


def main(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "--archive", str(root), "--no-sample", *args],
                          capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    if not XSD.exists():
        pytest.skip(f"LIDO schema not found at {XSD}")
    return etree.XMLSchema(etree.parse(str(XSD)))


def english_in_zh_blocks(doc: etree._ElementTree) -> list[str]:
    """Texts inside an xml:lang="zh" block that are English words with no Chinese."""
    found = []
    for block in doc.xpath("//*[@xml:lang='zh']"):
        for el in block.iter():
            name = etree.QName(el).localname
            text = (el.text or "").strip()
            if name not in NEUTRAL and ENGLISH_WORD.search(text) and not HAN.search(text):
                found.append(f"{name}: {text}")
    return found


def test_settings_command_sets_shows_lists_and_keeps_history(blank_archive: Archive) -> None:
    root = blank_archive.root
    done = main(root, "settings", "museum.name_en", "South Hunan Folk Museum")
    assert done.returncode == 0, done.stderr
    assert main(root, "settings", "museum.name_en").stdout.strip() == "South Hunan Folk Museum"
    listing = main(root, "settings").stdout
    assert [line.split()[0] for line in listing.splitlines()] == list(institution.KEY_NAMES)
    assert "South Hunan Folk Museum" in listing
    assert institution.institution(blank_archive).name_en == "South Hunan Folk Museum"
    changes = services.history(blank_archive, "setting")
    assert changes and changes[0].after == {"key": "museum.name_en", "value": "South Hunan Folk Museum"}


def test_settings_command_refuses_an_unknown_key_in_one_line(blank_archive: Archive) -> None:
    done = main(blank_archive.root, "settings", "museum.nmae_en", "Other Museum")
    assert done.returncode == 1
    assert len(done.stderr.strip().splitlines()) == 1 and "museum.nmae_en" in done.stderr
    assert "Traceback" not in done.stderr
    assert blank_archive.setting("museum.nmae_en") is None


def test_a_multi_line_value_is_refused_and_nothing_changes(blank_archive: Archive) -> None:
    institution.set_value(blank_archive, "museum.name_en", "Kept")
    with pytest.raises(institution.SettingError):
        institution.set_values(blank_archive, {"museum.name_zh": "新", "museum.name_en": "two\nlines"})
    assert institution.settings(blank_archive)["museum.name_en"] == "Kept"
    assert institution.settings(blank_archive)["museum.name_zh"] == ""


def test_lido_of_another_museum_names_that_museum_and_validates(blank_archive: Archive, tmp_path: Path,
                                                               schema: etree.XMLSchema) -> None:
    institution.set_values(blank_archive, MUSEUM)
    services.create(blank_archive, ArchiveObject(accession="F.001", name_zh="花轿", name_en="Bridal sedan chair"))
    path = tmp_path / "lido.xml"
    lido.write_lido(blank_archive, path)
    doc = etree.parse(str(path))
    assert schema.validate(doc), "\n".join(str(e) for e in list(schema.error_log)[:5])
    text, root = path.read_text(encoding="utf-8"), doc.getroot()
    assert "衡阳" not in text and "Hengyang" not in text
    names = {b.get(LANG): b.findtext(".//lido:repositoryName/lido:legalBodyName/lido:appellationValue",
                                     namespaces=NS) for b in root.findall(".//lido:descriptiveMetadata", NS)}
    assert names == {"zh": "湘南民俗博物馆", "en": "South Hunan Folk Museum"}
    sources = {b.get(LANG): b.findtext(".//lido:recordSource/lido:legalBodyName/lido:appellationValue",
                                       namespaces=NS) for b in root.findall(".//lido:administrativeMetadata", NS)}
    assert sources == names
    assert root.findtext(".//lido:recordSource/lido:legalBodyID", namespaces=NS) == "CN-HN01"
    assert root.find(".//lido:lidoRecID", NS).get(f"{{{lido.NS}}}source") == "CN-HN01"
    rights = root.findtext(".//lido:recordRights/lido:rightsType/lido:conceptID", namespaces=NS)
    assert rights == MUSEUM["records.rights"]


def test_lido_without_settings_names_no_museum_and_validates(blank_archive: Archive, tmp_path: Path,
                                                            schema: etree.XMLSchema) -> None:
    services.create(blank_archive, ArchiveObject(accession="F.002", name_zh="木箱"))
    path = tmp_path / "lido.xml"
    lido.write_lido(blank_archive, path)
    doc = etree.parse(str(path))
    assert schema.validate(doc), "\n".join(str(e) for e in list(schema.error_log)[:5])
    assert doc.getroot().find(".//lido:repositoryName", NS) is None
    assert doc.getroot().findall(".//lido:legalBodyName", NS) == []
    assert "衡阳" not in path.read_text(encoding="utf-8")


def test_english_only_values_never_sit_in_the_chinese_block(blank_archive: Archive, tmp_path: Path,
                                                           schema: etree.XMLSchema) -> None:
    institution.set_values(blank_archive, {"museum.name_en": "South Hunan Folk Museum",
                                           "records.rights": "All rights reserved"})
    services.create(blank_archive, ArchiveObject(
        accession="F.003", name_en="Lacquered tray", description_en="Red lacquer over wood.",
        credit_en="Gift of the Liu family", location="Store B, shelf 3", date_text="c.1830-41"))
    path = tmp_path / "lido.xml"
    lido.write_lido(blank_archive, path)
    doc = etree.parse(str(path))
    assert schema.validate(doc), "\n".join(str(e) for e in list(schema.error_log)[:5])
    assert english_in_zh_blocks(doc) == []
    en_text = " ".join(doc.xpath("//*[@xml:lang='en']//text()"))
    for value in ("Lacquered tray", "Red lacquer over wood.", "Gift of the Liu family", "Store B, shelf 3",
                  "South Hunan Folk Museum", "All rights reserved"):
        assert value in en_text
    zh_date = doc.xpath("//lido:descriptiveMetadata[@xml:lang='zh']//lido:displayDate/text()", namespaces=NS)
    assert zh_date and HAN.search(zh_date[0]) and "1830" in zh_date[0]  # the range, written in Chinese


def test_the_sample_export_keeps_english_out_of_the_chinese_block(archive: Archive, tmp_path: Path) -> None:
    path = tmp_path / "lido.xml"
    lido.write_lido(archive, path)
    assert english_in_zh_blocks(etree.parse(str(path))) == []


def test_the_sample_says_it_is_a_sample_not_the_real_memorial_hall(archive: Archive) -> None:
    museum = institution.institution(archive)
    assert "示例" in museum.name_zh and "sample" in museum.name_en
    assert "纪念馆" not in museum.name_zh  # the real hall is 衡阳保卫战纪念馆; the sample is not theirs


def test_iiif_names_the_museum_as_provider(archive: Archive, tmp_path: Path) -> None:
    institution.set_values(archive, MUSEUM)
    out = tmp_path / "iiif"
    iiif.write_iiif(archive, out, base_url="https://folk.example/iiif")
    collection = json.loads((out / "collection.json").read_text(encoding="utf-8"))
    assert collection["label"] == {"zh": ["湘南民俗博物馆 藏品"], "en": ["South Hunan Folk Museum: objects"]}
    assert collection["provider"][0]["label"] == {"zh": ["湘南民俗博物馆"], "en": ["South Hunan Folk Museum"]}
    manifest = json.loads(next(out.glob("*/manifest.json")).read_text(encoding="utf-8"))
    assert manifest["provider"][0]["id"] == "https://folk.example/"
    assert "衡阳保卫战 藏品" not in (out / "collection.json").read_text(encoding="utf-8")
