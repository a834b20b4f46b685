"""The catalogue's front matter and back matter as a reader meets them: a cover naming the
exhibition and the museum over a picture, a colophon, a title page, entries with the
cataloguing fields, and indexes in each script's own order."""
from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from exhibit import institution, media_records, services
from exhibit.errors import ExhibitError
from exhibit.printing.catalogue import (
    CatalogueJob,
    english_key,
    english_letter,
    pinyin_key,
    pinyin_letter,
    print_catalogue,
)
from exhibit.printing.select import Selection
from tests.core.test_print_panels import images_on

FEW = Selection(accessions=("HY1944.0001", "HY1944.0002", "HY1944.0004", "HY1944.0009"))


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pages_text(path) -> list[str]:
    return [squash(p.extract_text()) for p in PdfReader(path).pages]


def test_the_cover_names_the_exhibition_and_the_museum_over_a_picture(archive, tmp_path):
    """Everything on the cover comes from the archive's settings (the sample sets them)."""
    out = tmp_path / "c.pdf"
    print_catalogue(archive, FEW, CatalogueJob(), out)
    settings = institution.settings(archive)
    cover = pages_text(out)[0]
    for key in ("exhibition.title_zh", "exhibition.title_en", "museum.name_zh", "museum.name_en"):
        assert settings[key] and squash(settings[key]) in cover, key
    assert "展览图录" in cover and "Exhibitioncatalogue" in cover
    page = PdfReader(out).pages[0]
    (picture,) = images_on(page)                  # the cover picture the setting names …
    assert picture.w >= float(page.mediabox.width) * 0.9      # … across the page
    colophon = pages_text(out)[1]
    assert "CC01.0" in colophon                   # the records' licence
    assert "封面Cover:示意图" in colophon          # and what the cover shows, credited


def test_the_title_page_follows_the_colophon(archive, tmp_path):
    out = tmp_path / "t.pdf"
    print_catalogue(archive, FEW, CatalogueJob(lang="en"), out)
    pages = pages_text(out)
    title_page = pages[2]
    assert "TheDefenceofHengyang" in title_page and "Exhibitioncatalogue" in title_page
    assert "4chosenobjects" in title_page
    assert "Contents" in pages[3]


def test_the_cover_picture_is_chosen_by_number_by_name_or_else_the_first_sections(archive, tmp_path):
    out = tmp_path / "c.pdf"
    first_section = services.list_records(archive, "section")[0]
    section_picture = media_records.primary_media(archive, "section", first_section.id)
    map_picture = services.list_records(archive, "media", "original_name = ?", ["map-hengyang.png"])[0]
    sizes = {}
    for spec in (str(map_picture.id), f"#{section_picture.id}", "map-hengyang.png"):
        print_catalogue(archive, FEW, CatalogueJob(cover_image=spec), out)
        (picture,) = images_on(PdfReader(out).pages[0])
        sizes[spec] = round(picture.w / picture.h, 2)
    assert sizes[str(map_picture.id)] == sizes["map-hengyang.png"] == round(map_picture.width / map_picture.height, 2)
    assert sizes[f"#{section_picture.id}"] == round(section_picture.width / section_picture.height, 2)

    with pytest.raises(ExhibitError, match="cover image 'nope.png'"):
        print_catalogue(archive, FEW, CatalogueJob(cover_image="nope.png"), out)
    # A setting that names no picture: a warning, and the first section's picture instead.
    institution.set_value(archive, "exhibition.cover_image", "gone.png")
    report = print_catalogue(archive, FEW, CatalogueJob(), out)
    assert any("gone.png" in str(w) for w in report.warnings)
    (picture,) = images_on(PdfReader(out).pages[0])
    assert round(picture.w / picture.h, 2) == round(section_picture.width / section_picture.height, 2)
    # Without pictures, a cover all the same.
    print_catalogue(archive, FEW, CatalogueJob(photos=False), out)
    assert images_on(PdfReader(out).pages[0]) == []
    assert "衡阳保卫战" in pages_text(out)[0]


def test_entries_give_object_name_makers_medium_and_measurements(archive, tmp_path):
    out = tmp_path / "e.pdf"
    print_catalogue(archive, Selection(accessions=("HY1944.0001",)), CatalogueJob(), out)
    entry = "".join(p for p in pages_text(out) if "HY1944.0001" in p)
    obj = services.object_by_accession(archive, "HY1944.0001")
    for text in ("物品名称Objectname", obj.object_name_zh, obj.object_name_en, "制作者Makers", "第九战区司令长官部",
                 "9thWarAreaCommand", "材质说明Medium", obj.medium_zh, "高60×宽45厘米", "H60×W45cm"):
        assert squash(text) in entry, text


def test_indexes_by_script_in_their_own_order(archive, tmp_path):
    out = tmp_path / "i.pdf"
    print_catalogue(archive, Selection(), CatalogueJob(photos=False), out)
    text = "\n".join(p.extract_text() for p in PdfReader(out).pages)
    # The Chinese index, then the English one, then the bibliography.
    zh_text = text[text.index("中文索引"):text.index("English index")]
    en_text = text[text.index("English index"):text.rindex("参考文献")]
    shown = [("object", o.id) for o in services.list_records(archive, "object")] + \
        [("panel", p.id) for p in services.list_records(archive, "panel")]
    linked = {link.to_id for rtype, rid in shown for link in services.links(archive, rtype, rid, "person")}
    people = [p for p in services.list_records(archive, "person") if p.id in linked]
    assert len(people) >= 5
    # Every person linked to a printed object or panel is in both indexes, with page numbers.
    for person in people:
        assert re.search(re.escape(person.name_en) + r"\s*Person\s*\d+", en_text), person.name_en
        assert re.search(re.escape(person.name_zh) + r"\s*人物\s*\d+", zh_text), person.name_zh
    # Names in each index come in that script's order: where each person's row is, top to bottom.
    def row(text: str, name: str, kind: str) -> int:
        return re.search(rf"(?m)^{re.escape(name)}\s*{kind}", text).start()

    zh_names = sorted((p.name_zh for p in people), key=lambda n: row(zh_text, n, "人物"))
    assert zh_names == sorted(zh_names, key=pinyin_key)
    en_names = sorted((p.name_en for p in people), key=lambda n: row(en_text, n, "Person"))
    assert en_names == sorted(en_names, key=english_key)


def test_index_order_rules():
    # English A–Z ignores case, accents and leading punctuation.
    names = ["“Taishan” armband", "'Ten days' order", "apple", "Zhang", "Émile", "10th Army"]
    assert sorted(names, key=english_key) == ["10th Army", "apple", "Émile", "“Taishan” armband",
                                              "'Ten days' order", "Zhang"]
    assert [english_letter(n) for n in ("'Ten days' order", "10th Army", "Émile")] == ["T", "#", "E"]
    # Chinese by pinyin, syllable by syllable, then tone; leading marks ignored.
    names = ["马", "妈", "陈", "白崇禧", "“泰山”臂章", "《时代》周刊", "方先觉"]
    assert sorted(names, key=pinyin_key) == ["白崇禧", "陈", "方先觉", "妈", "马", "《时代》周刊", "“泰山”臂章"]
    assert [pinyin_letter(n) for n in ("“泰山”臂章", "1946年相册", "葛先才")] == ["T", "#", "G"]
