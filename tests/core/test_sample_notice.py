"""The sample's objects are invented: the catalogue's colophon and the kiosk's snapshot say so,
and a real collection's do not (issue 19, "Presentation")."""
from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from exhibit import services
from exhibit.printing.catalogue import CatalogueJob, print_catalogue
from exhibit.printing.select import Selection
from exhibit.publish import kiosk_data
from exhibit.publish.snapshot import open_snapshot, publish
from exhibit.records import ArchiveObject

OBJECTS_ZH = "本图录为示例展览：所收藏品均为虚构，并非真实馆藏。"
PICTURES_ZH = "本图录的图片为生成的示意图，并非历史照片。"
OBJECTS_EN = "This catalogue shows a sample exhibition: its objects are invented, not real holdings."
PICTURES_EN = "The illustrations in this catalogue are generated drawings, not historical photographs."


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pages_text(path) -> list[str]:
    return [squeeze(p.extract_text()) for p in PdfReader(path).pages]


def a_real_object(blank_archive) -> ArchiveObject:
    return services.create(blank_archive, ArchiveObject(accession="REAL.1", name_zh="水壶", name_en="Canteen",
                                                        record_status="published"))


@pytest.mark.parametrize("lang, present, absent", [
    ("zh", (OBJECTS_ZH, PICTURES_ZH), (OBJECTS_EN, PICTURES_EN)),
    ("en", (OBJECTS_EN, PICTURES_EN), (OBJECTS_ZH, PICTURES_ZH)),
    ("both", (OBJECTS_ZH, PICTURES_ZH, OBJECTS_EN, PICTURES_EN), ()),
])
def test_the_sample_catalogue_says_on_the_covers_back_that_its_objects_are_invented(
        archive, tmp_path, lang, present, absent):
    archive.set_setting("museum.name_zh", "衡阳抗战纪念馆（示例）")
    archive.set_setting("museum.name_en", "Hengyang Memorial (sample)")
    out = tmp_path / f"{lang}.pdf"
    print_catalogue(archive, Selection(accessions=("HY1944.0001", "HY1944.0002")), CatalogueJob(lang=lang), out)
    colophon = pages_text(out)[1]   # the cover's back, before the contents and any entry
    for sentence in present:
        assert squeeze(sentence) in colophon
    for sentence in absent:
        assert squeeze(sentence) not in colophon
    assert ("衡阳抗战纪念馆（示例）" in colophon) == (lang != "en")
    assert ("HengyangMemorial(sample)" in colophon) == (lang != "zh")
    everything = "".join(pages_text(out))
    # The entries' own notes use full-width punctuation in Chinese.
    if lang != "en":
        assert "图为生成的示意图，非历史照片" in everything and "示意图,非" not in everything


def test_without_pictures_the_colophon_does_not_speak_of_illustrations(archive, tmp_path):
    out = tmp_path / "text-only.pdf"
    print_catalogue(archive, Selection(accessions=("HY1944.0001",)), CatalogueJob(lang="en", photos=False), out)
    colophon = pages_text(out)[1]
    assert squeeze(OBJECTS_EN) in colophon and squeeze(PICTURES_EN) not in colophon


def test_a_real_collections_catalogue_has_no_sample_notice(blank_archive, tmp_path):
    a_real_object(blank_archive)
    out = tmp_path / "real.pdf"
    print_catalogue(blank_archive, Selection(), CatalogueJob(), out)
    everything = "".join(pages_text(out))
    assert "REAL.1" in everything
    for sentence in (OBJECTS_ZH, PICTURES_ZH, OBJECTS_EN, PICTURES_EN):
        assert squeeze(sentence) not in everything
    assert "Printed" in pages_text(out)[1]  # the colophon is there all the same


def test_the_kiosk_snapshot_knows_it_holds_sample_content(archive, blank_archive, tmp_path):
    publish(archive, tmp_path / "sample")
    snapshot = open_snapshot(tmp_path / "sample")
    try:
        assert kiosk_data.has_sample_content(snapshot)
    finally:
        snapshot.close()
    a_real_object(blank_archive)
    publish(blank_archive, tmp_path / "real")
    snapshot = open_snapshot(tmp_path / "real")
    try:
        assert not kiosk_data.has_sample_content(snapshot)
    finally:
        snapshot.close()
