"""Opening, connection settings and migrations."""
from __future__ import annotations

import json
import sqlite3

import pytest

import exhibit.archive as archive_module
from exhibit import schema, search, services, vocab
from exhibit.archive import Archive, connect
from exhibit.errors import ExhibitError
from exhibit.records import ArchiveObject


def test_connection_settings(blank_archive):
    db = blank_archive.db
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
    assert schema.version(db) == schema.LATEST
    assert db.execute("PRAGMA page_size").fetchone()[0] == archive_module.PAGE_SIZE  # a new archive


def test_an_existing_archive_keeps_its_page_size(tmp_path):
    """Archives made with SQLite's 4 KB pages open, change and verify as they were."""
    path = tmp_path / "old" / "archive.db"
    path.parent.mkdir()
    old = sqlite3.connect(path)
    old.execute("PRAGMA page_size = 4096")
    old.execute("CREATE TABLE early (x)")
    old.close()
    db = connect(path)
    schema.migrate(db, path)
    db.execute("INSERT INTO objects (accession, name_zh, category) VALUES ('HY1', '城砖', 'stone_carving')")
    assert db.execute("PRAGMA page_size").fetchone()[0] == 4096
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()


def test_the_wal_file_shrinks_back_after_a_big_transaction(blank_archive, monkeypatch):
    limit = 256 * 1024
    monkeypatch.setattr(archive_module, "WAL_SIZE_LIMIT", limit)
    db = connect(blank_archive.db_path)  # a curator's connection, with the limit
    wal = blank_archive.db_path.with_name(blank_archive.db_path.name + "-wal")
    try:
        db.execute("CREATE TABLE bulk (text TEXT)")
        db.execute("BEGIN")  # one big transaction, as an import is
        # ~12 MB: more than the 1,000 pages after which SQLite checkpoints at COMMIT
        db.conn.executemany("INSERT INTO bulk VALUES (?)", [("衡阳" * 2000,) for _ in range(1000)])
        db.execute("COMMIT")  # SQLite's automatic checkpoint runs here; the file keeps its size
        assert wal.stat().st_size > 4 * limit
        db.execute("INSERT INTO bulk VALUES ('x')")  # the next write starts the WAL again
        assert wal.stat().st_size <= limit
    finally:
        db.close()


def test_a_big_transaction_is_saved_before_its_checkpoint(blank_archive, monkeypatch):
    """deferred_checkpoint: COMMIT returns with the rows safe in the WAL; copying them into
    the database file is left to a thread, and the automatic checkpoint is back on."""
    path = blank_archive.db_path
    blank_archive.db.execute("CREATE TABLE bulk (text TEXT)")
    size = path.stat().st_size
    queued = []
    monkeypatch.setattr(Archive, "checkpoint_in_background", lambda self: queued.append(self))
    with blank_archive.deferred_checkpoint(), blank_archive.transaction() as db:
        db.conn.executemany("INSERT INTO bulk VALUES (?)", [("衡阳" * 2000,) for _ in range(400)])
    assert queued == [blank_archive]
    assert path.stat().st_size == size  # not copied during the commit
    assert blank_archive.db.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 1000
    other = sqlite3.connect(path)
    try:
        assert other.execute("SELECT count(*) FROM bulk").fetchone()[0] == 400  # committed
    finally:
        other.close()
    monkeypatch.undo()
    blank_archive.checkpoint_in_background()
    blank_archive.wait_for_checkpoint()
    assert path.stat().st_size > size + 400 * 6000


def test_a_failed_big_transaction_restores_the_automatic_checkpoint(blank_archive):
    with pytest.raises(ZeroDivisionError):
        with blank_archive.deferred_checkpoint(), blank_archive.transaction():
            1 / 0
    assert blank_archive.db.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 1000


def test_vocabularies_ship_with_survey_terms(blank_archive):
    from exhibit import vocab

    categories = {t.code: t for t in vocab.terms(blank_archive.db, "category")}
    assert categories["weapon"].label_zh == "武器" and categories["weapon"].label_en == "Weapons"
    for name in ("category", "material", "condition", "grade", "acquisition"):
        terms = vocab.terms(blank_archive.db, name)
        assert terms and all(t.label_zh and t.label_en for t in terms)
    assert [t.label_zh for t in vocab.terms(blank_archive.db, "grade")][:4] == [
        "一级文物", "二级文物", "三级文物", "一般文物"]


def make_v1_archive(tmp_path):
    """An archive as version 1 of the schema left it: records but no search index."""
    root = tmp_path / "old"
    root.mkdir()
    db = connect(root / "archive.db")
    schema.migrate(db, root / "archive.db", target=1)
    db.execute("INSERT INTO objects (accession, name_zh, name_en, category) "
               "VALUES ('HY1944.0100', '衡阳城砖', 'City wall brick', 'stone_carving')")
    db.execute("INSERT INTO people (key, name_zh, name_en) VALUES ('fang-xianjue', '方先觉', 'Fang Xianjue')")
    assert schema.version(db) == 1
    db.close()
    return root


def test_migration_from_version_1(tmp_path):
    root = make_v1_archive(tmp_path)
    archive = Archive.open(root)
    assert schema.version(archive.db) == schema.LATEST
    # The records survived and the new index covers them.
    assert services.object_by_accession(archive, "HY1944.0100").name_zh == "衡阳城砖"
    assert search.search(archive.db, "城砖").hits[0].ident == "HY1944.0100"
    assert search.search(archive.db, "fang xianjue").hits[0].title_zh == "方先觉"
    # A backup of the version-1 database was made first, with the backup API.
    backups = list((root / "backups").glob("archive-v1-*.db"))
    assert len(backups) == 1
    old = sqlite3.connect(backups[0])
    assert old.execute("PRAGMA user_version").fetchone()[0] == 1
    assert old.execute("SELECT name_zh FROM objects").fetchall() == [("衡阳城砖",)]
    old.close()
    archive.close()


def test_failed_migration_leaves_database_as_it_was(tmp_path, monkeypatch):
    root = make_v1_archive(tmp_path)

    def broken(db):
        db.conn.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(schema, "MIGRATIONS", [schema.MIGRATIONS[0], broken])
    with pytest.raises(RuntimeError):
        Archive.open(root)
    db = connect(root / "archive.db")
    assert schema.version(db) == 1
    assert "half_done" not in db.table_names()
    assert db.execute("SELECT count(*) FROM objects").fetchone()[0] == 1


def test_newer_schema_refused(tmp_path):
    archive = Archive.open(tmp_path / "a")
    archive.db.execute(f"PRAGMA user_version = {schema.LATEST + 1}")
    archive.close()
    with pytest.raises(ExhibitError, match="newer version"):
        Archive.open(tmp_path / "a")


def test_not_a_database(tmp_path):
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "archive.db").write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(ExhibitError, match="not a readable archive"):
        Archive.open(tmp_path / "bad")


def test_readonly_archive_refuses_writes(blank_archive):
    from exhibit.records import Person

    services.create(blank_archive, Person(name_zh="方先觉"))
    ro = Archive.open(blank_archive.root, readonly=True)
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        services.create(ro, Person(name_zh="葛先才"))
    ro.close()


def test_migration_to_version_6_keeps_objects_on_show_and_reads_their_sizes(tmp_path):
    """Objects catalogued before there was a record status were on the kiosk and the labels:
    they stay published. Their dimension texts are read into measurements at once, and the
    new cataloguing fields start empty (and a backup of version 5 is made first)."""
    root = tmp_path / "v5"
    root.mkdir()
    db = connect(root / "archive.db")
    schema.migrate(db, root / "archive.db", target=5)
    db.execute("INSERT INTO objects (accession, name_zh, dimensions, weight) "
               "VALUES ('HY1944.0200', '钢盔', '高28厘米', '1.2 kg')")
    db.execute("INSERT INTO objects (accession, name_zh, dimensions) VALUES ('HY1944.0201', '布告', 'various')")
    db.close()
    archive = Archive.open(root)
    helmet = services.object_by_accession(archive, "HY1944.0200")
    assert helmet.record_status == "published"
    assert [(m["dimension"], m["value"], m["unit"]) for m in json.loads(helmet.measurements)] == [
        ("height", 28.0, "cm"), ("weight", 1.2, "kg")]
    notice = services.object_by_accession(archive, "HY1944.0201")
    assert notice.record_status == "published" and notice.dimensions == "various"
    assert helmet.makers == helmet.object_name_zh == helmet.label_en == ""
    assert [t.code for t in vocab.terms(archive.db, "record_status")] == ["draft", "reviewed", "published"]
    assert list((root / "backups").glob("archive-v5-*.db"))
    archive.close()


def test_a_new_object_starts_as_a_draft(blank_archive):
    obj = services.create(blank_archive, ArchiveObject(accession="X1", name_en="Canteen"))
    assert obj.record_status == "draft"
