"""Exports stream: their memory does not grow with the archive, they read in chunks without
losing or reordering a record, and a failed export leaves the previous file as it was."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from exhibit import services
from exhibit.archive import Archive
from exhibit.errors import ExhibitError
from exhibit.interchange import archive_json, bulk, checking, export, lido, streaming
from exhibit.records import ArchiveObject

# Each test runs on a SQLite archive and on a server archive (tests/conftest.py).
pytestmark = pytest.mark.both_backends
ROOT = Path(__file__).resolve().parents[2]
SMALL, BIG = 300, 6000
# Measured in a fresh interpreter: its peak (VmHWM) after exporting the small archive, then the
# big one. A streaming export's peak does not move; one that holds the records grows by tens of
# MB (the big archive's texts are ~25 MB; a LIDO tree of it or the JSON as one string, ~100 MB).
PEAKS = """
import sys
from pathlib import Path
from exhibit.archive import Archive
from exhibit.interchange import archive_json, export, lido

def peak():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024

fmt, out, peaks = sys.argv[1], Path(sys.argv[2]), []
for root in sys.argv[3:]:   # an archive folder or a server archive's address
    archive = Archive.open(root if "://" in root else Path(root), create=False, readonly=True, user="test")
    if fmt == "lido":
        lido.write_lido(archive, out)
    elif fmt == "json":
        archive_json.write_json(archive, out)
    else:
        export.write_table(archive, "object", out.with_suffix("." + fmt))
    archive.close()
    peaks.append(peak())
print(peaks)
"""


def fill(archive: Archive, count: int) -> None:
    """`count` objects with long texts and every cataloguing field, through the import's writer."""
    checker = checking.RecordChecker.load(archive, "object")
    text_zh = "衡阳保卫战第十军方先觉坚守四十七天" * 30
    records = []
    for i in range(count):
        record, problems = checker.check(ArchiveObject(
            accession=f"S{i:06d}", name_zh=f"钢盔{i}", name_en=f"Helmet {i}", description_zh=text_zh,
            description_en="The helmet of a soldier of the 10th Army, worn at Hengyang. " * 20,
            object_name_zh="钢盔", object_name_en="helmet", makers="汉阳兵工厂 / Hanyang Arsenal (manufacturer)",
            medium_zh="钢，漆", medium_en="painted steel", dimensions="28 × 23 × 15 cm", weight="约850克",
            other_numbers=f"previous number: P{i}", external_links=f"https://museum.example/o/{i}",
            rights="CC0 1.0", label_zh=text_zh[:60], label_en="Worn at Hengyang."))
        assert [p for p in problems if not p.is_warning] == []
        records.append(record)
    with archive.transaction():
        bulk.insert_new(archive, records)


@pytest.fixture(scope="module")
def archives(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    roots = []
    for count in (SMALL, BIG):
        archive = Archive.open(tmp_path_factory.mktemp("streaming") / f"a{count}", user="test")
        fill(archive, count)
        archive.close()
        roots.append(archive.root)
    return roots[0], roots[1]


@pytest.fixture(scope="module")
def server_archives(archives: tuple[Path, Path], request: pytest.FixtureRequest) -> tuple[str, str]:
    """The same two archives uploaded to server archives (databases of their own, dropped after)."""
    from exhibit.server import transfer

    server = request.getfixturevalue("pg_server")
    template = request.getfixturevalue("server_templates")["blank"]
    urls = []
    for number, root in enumerate(archives):
        name = f"exhibit_streaming_{os.getpid()}_{number}"
        server.execute(f"CREATE DATABASE {name} TEMPLATE {template}")
        request.addfinalizer(lambda name=name: server.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        transfer.upload(root, server.url(name))
        urls.append(server.url(name))
    return urls[0], urls[1]


@pytest.mark.parametrize("where", ["sqlite", "server"])
@pytest.mark.parametrize("fmt", ["lido", "json", "xlsx", "csv"])
def test_an_exports_memory_does_not_grow_with_the_archive(archives: tuple[Path, Path], tmp_path: Path,
                                                           fmt: str, where: str,
                                                           request: pytest.FixtureRequest) -> None:
    # On a server archive the rows come through a cursor on the server (streaming.query_chunks).
    sources = list(map(str, archives)) if where == "sqlite" else list(request.getfixturevalue("server_archives"))
    done = subprocess.run([sys.executable, "-c", PEAKS, fmt, str(tmp_path / "out.x"), *sources],
                          capture_output=True, text=True, cwd=ROOT, timeout=600,
                          env={**os.environ, "EXHIBIT_MEDIA": str(tmp_path / "media")})
    assert done.returncode == 0, done.stderr
    small, big = json.loads(done.stdout)
    print(f"{fmt} ({where}): peak {small:.1f} MB after {SMALL} records, {big:.1f} MB after {BIG}")
    assert big - small < 20, f"{fmt} export grew from {small:.0f} to {big:.0f} MB"


def test_records_read_in_chunks_come_out_once_each_in_order(archive: Archive, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    whole = {"lido": tmp_path / "whole.xml", "csv": tmp_path / "whole.csv", "json": tmp_path / "whole.json"}
    lido.write_lido(archive, whole["lido"])
    export.write_table(archive, "object", whole["csv"])
    archive_json.write_json(archive, whole["json"])
    monkeypatch.setattr(streaming, "CHUNK", 4)  # the sample's 42 objects in eleven chunks
    assert lido.write_lido(archive, tmp_path / "chunked.xml") == services.count(archive, "object")
    export.write_table(archive, "object", tmp_path / "chunked.csv")
    archive_json.write_json(archive, tmp_path / "chunked.json")
    assert (tmp_path / "chunked.xml").read_bytes() == whole["lido"].read_bytes()
    assert (tmp_path / "chunked.csv").read_bytes() == whole["csv"].read_bytes()
    chunked, full = (json.loads(p.read_text(encoding="utf-8")) for p in (tmp_path / "chunked.json", whole["json"]))
    assert chunked["records"] == full["records"] and chunked["disputes"] == full["disputes"]
    # A selection keeps the order it was given in, across chunk boundaries.
    ids = [o.saved_id for o in services.list_records(archive, ArchiveObject, order="accession desc")][:10]
    lido.write_lido(archive, tmp_path / "some.xml", ids)
    records = etree.parse(str(tmp_path / "some.xml")).getroot()
    accessions = [r.findtext("lido:lidoRecID", namespaces={"lido": lido.NS}) for r in records]
    assert accessions == [services.get(archive, ArchiveObject, i).accession for i in ids]


def test_a_failed_export_leaves_the_previous_file_and_no_part_file(archive: Archive, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(streaming, "CHUNK", 4)
    path = tmp_path / "out" / "objects.xml"
    path.parent.mkdir()
    path.write_text("the export of last week", encoding="utf-8")
    ids = [o.saved_id for o in services.list_records(archive, ArchiveObject)][:9] + [99_999]  # in chunk 3
    with pytest.raises(ExhibitError):
        lido.write_lido(archive, path, ids)
    assert path.read_text(encoding="utf-8") == "the export of last week"
    assert [p.name for p in path.parent.iterdir()] == ["objects.xml"]
