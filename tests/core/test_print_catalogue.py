"""The printed catalogue: contents with true page numbers, entries in both languages, index,
bibliography, embedded fonts, and bad input."""
from __future__ import annotations

import re
from dataclasses import replace

import pytest
from pypdf import PdfReader

from exhibit import services
from exhibit.cli import run
from exhibit.errors import ExhibitError
from exhibit.printing.catalogue import CatalogueJob, print_catalogue
from exhibit.printing.select import Selection


def pages_text(path) -> list[str]:
    return [re.sub(r"\s+", "", p.extract_text()) for p in PdfReader(path).pages]


def test_catalogue_in_both_languages(archive, tmp_path):
    out = tmp_path / "catalogue.pdf"
    report = print_catalogue(archive, Selection(),
                             CatalogueJob(title_zh="衡阳保卫战", title_en="The Defence of Hengyang"), out)
    reader = PdfReader(out)
    pages = pages_text(out)
    assert report.objects == 42 and report.pages == len(reader.pages)
    assert "衡阳保卫战" in pages[0] and "展览图录" in pages[0]
    everything = "".join(pages)
    obj = services.object_by_accession(archive, "HY1944.0001")
    for text in (obj.name_zh, obj.name_en, obj.description_en[:40], "目录", "Index", "Bibliography"):
        assert re.sub(r"\s+", "", text) in everything

    # The contents name each section with the page its opening page really is on.
    toc = pages[3]  # after the cover, its back (the colophon) and the title page
    for section in services.list_records(archive, "section"):
        # pypdf reads the leader dots and the number before the title of each line
        m = re.search(r"\.(\d+)" + re.escape(re.sub(r"\s+", "", section.title_zh + section.title_en)), toc)
        assert m, section.title_en
        page = int(m.group(1))
        assert re.sub(r"\s+", "", section.intro_zh)[:20] in pages[page - 1]
        # running header names the section on its pages
        assert re.sub(r"\s+", "", section.title_zh) in pages[page - 1]

    # Index: accession numbers with the page of their entry.
    index_pages = [p for p in pages if "Accessionno." in p]
    m = re.search(r"HY1944\.0001" + re.escape(re.sub(r"\s+", "", obj.name_zh + obj.name_en)) + r"(\d+)",
                  index_pages[0])
    assert m and "HY1944.0001" in pages[int(m.group(1)) - 1]

    # Every source cited by a printed record is in the bibliography.
    source = services.get(archive, "source", services.citations(archive, "object", obj.id)[0].source_id)
    assert re.sub(r"\s+", "", source.title)[:20] in everything

    from tests.core.test_print_labels import assert_fonts_embedded_subsets
    assert_fonts_embedded_subsets(reader)
    assert reader.metadata.title and reader.metadata.author == "tester"


def test_catalogue_in_one_language_for_one_section(archive, tmp_path):
    out = tmp_path / "en.pdf"
    report = print_catalogue(archive, Selection(section="s3-siege"), CatalogueJob(lang="en", title_en="Hengyang"), out)
    objs = [o for o in services.list_records(archive, "object") if o.accession]
    everything = "".join(pages_text(out))
    from exhibit.printing.select import select_objects
    chosen = select_objects(archive, Selection(section="s3-siege"))
    assert report.objects == len(chosen) < len(objs)
    assert re.sub(r"\s+", "", chosen[0].name_en) in everything
    assert re.sub(r"\s+", "", chosen[0].name_zh) not in everything
    assert "Contents" in everything and "目录" not in everything


def test_catalogue_bad_input(archive, tmp_path):
    obj = services.object_by_accession(archive, "HY1944.0002")
    long_text = "守城第四十七日。" * 250
    services.update(archive, replace(obj, description_zh=long_text, name_en="Map <img src=x> & co"))
    out = tmp_path / "cat.pdf"
    print_catalogue(archive, Selection(accessions=("HY1944.0002", "HY1944.0003")), CatalogueJob(), out)
    everything = "".join(pages_text(out))
    assert everything.count("守城第四十七日") == 250       # a 2,000-character text flows over pages, uncut
    assert "Map<imgsrc=x>&co" in everything

    services.update(archive, replace(services.object_by_accession(archive, "HY1944.0003"), name_zh="𠀀"))
    out.write_bytes(b"old")
    with pytest.raises(ExhibitError, match=r"HY1944\.0003.*U\+20000"):
        print_catalogue(archive, Selection(accessions=("HY1944.0002", "HY1944.0003")), CatalogueJob(), out)
    assert out.read_bytes() == b"old"


def test_cli_catalogue(archive, tmp_path, capsys):
    out = tmp_path / "cli.pdf"
    assert run(["--archive", str(archive.root), "catalogue", "--lang", "zh", "--section", "s5-memory",
                "--out", str(out)]) == 0
    assert "page(s) written to" in capsys.readouterr().out
    assert run(["--archive", str(archive.root), "catalogue", "--accessions", "NOPE.1", "--out", str(out)]) == 1
    assert "NOPE.1" in capsys.readouterr().err


def test_a_chinese_catalogue_names_its_selection_in_chinese(archive, tmp_path):
    """A Chinese catalogue of one section said 选印: section s3-siege; its title page names the
    section as visitors know it, and no page prints the internal code."""
    out = tmp_path / "zh.pdf"
    print_catalogue(archive, Selection(section="s3-siege"), CatalogueJob(lang="zh", photos=False), out)
    pages = pages_text(out)
    assert "选印：第三单元四十七天" in pages[2]
    assert "section" not in pages[2].lower()
    assert not any("s3-siege" in page for page in pages)
