"""Labels and exports of accession numbers listed by hand come in the order the user gave."""
from __future__ import annotations

import csv
from pathlib import Path

from lxml import etree
from pypdf import PdfReader

from exhibit.archive import Archive
from exhibit.cli import run

GIVEN = ["HY1944.0003", "HY1944.0001", "HY1944.0002"]  # not the exhibition's nor the alphabet's order


def test_labels_print_in_the_order_the_accessions_were_given(archive: Archive, tmp_path: Path) -> None:
    out = tmp_path / "labels.pdf"
    assert run(["--archive", str(archive.root), "labels", "--accessions", *GIVEN,
                "--page", "A4", "--out", str(out)]) == 0
    pages = [page.extract_text() for page in PdfReader(out).pages]
    assert len(pages) == len(GIVEN)
    for accession, text in zip(GIVEN, pages):
        assert accession in text
    # Reversed, the first label is the other one: the order is the user's, not a sort.
    again = tmp_path / "again.pdf"
    assert run(["--archive", str(archive.root), "labels", "--accessions", *reversed(GIVEN),
                "--page", "A4", "--out", str(again)]) == 0
    assert GIVEN[-1] in PdfReader(again).pages[0].extract_text()


def test_a_section_still_prints_in_exhibition_order(archive: Archive, tmp_path: Path) -> None:
    from exhibit.printing.select import Selection, object_order, select_objects

    chosen = select_objects(archive, Selection(everything=True))
    order = object_order(archive)
    placed = [order[o.saved_id] for o in chosen if o.saved_id in order]
    assert len(placed) > 1 and placed == sorted(placed)


def test_exports_keep_the_order_the_accessions_were_given(archive: Archive, tmp_path: Path) -> None:
    table = tmp_path / "objects.csv"
    assert run(["--archive", str(archive.root), "export", "--accessions", *GIVEN, GIVEN[0],
                "--out", str(table)]) == 0
    with open(table, encoding="utf-8-sig", newline="") as f:
        assert [row["accession"] for row in csv.DictReader(f)] == GIVEN  # a repeat is exported once

    lido = tmp_path / "objects.xml"
    assert run(["--archive", str(archive.root), "export", "--accessions", *GIVEN, "--out", str(lido)]) == 0
    ids = etree.parse(str(lido)).xpath("//*[local-name()='lidoRecID']/text()")
    assert ids == GIVEN
