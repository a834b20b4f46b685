"""`server upload` and `server backup`: a local archive onto the server and back, row for row,
and the refusals (a server archive that is not empty, another schema version, a bad
address, a value the server cannot hold), each one readable line with nothing written.
Needs the throwaway PostgreSQL of tests/pg.py (skipped without it)."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from exhibit import cli, schema, search
from exhibit.archive import Archive
from exhibit.errors import ExhibitError
from exhibit.integrity import check_archive
from exhibit.keeping.backups import open_readonly
from exhibit.server import schema as server_schema
from exhibit.server.address import ServerError, connect
from exhibit.server.transfer import backup, upload


def _local_rows(db_path: Path, table: str) -> list[tuple]:
    columns = ", ".join(server_schema.table_columns(table))
    conn, _ = open_readonly(db_path)
    try:
        order = "id" if "id" in server_schema.table_columns(table) else "key"
        return conn.execute(f"SELECT {columns} FROM {table} ORDER BY {order}").fetchall()
    finally:
        conn.close()


def _server_rows(url: str, table: str) -> list[tuple]:
    columns = ", ".join(server_schema.table_columns(table))
    order = "id" if "id" in server_schema.table_columns(table) else "key"
    with connect(url) as conn:
        return conn.execute(f"SELECT {columns} FROM {table} ORDER BY {order}").fetchall()


@pytest.fixture
def server_url(pg_url: str) -> str:
    server_schema.init(pg_url)
    return pg_url


def test_upload_copies_every_row_of_every_table(archive: Archive, server_url: str):
    report = upload(archive.root, server_url)
    assert report.counts["objects"] > 0 and report.counts["history"] > 0
    for table in server_schema.COPY_ORDER:
        local = _local_rows(archive.db_path, table)
        assert report.counts[table] == len(local), table
        assert _server_rows(server_url, table) == local, table
    # New records made on the server get new ids, after the uploaded ones.
    with connect(server_url) as conn:
        made = conn.execute("INSERT INTO objects (accession) VALUES ('HY-NEW-1') RETURNING id").fetchone()[0]
    assert made == max(row[0] for row in _local_rows(archive.db_path, "objects")) + 1


def test_backup_from_the_server_is_an_archive_equal_to_the_original(archive: Archive, server_url: str,
                                                                   tmp_path: Path):
    upload(archive.root, server_url)
    out = tmp_path / "from-server"
    report = backup(server_url, out, media_from=archive.media_root)
    assert report.media_missing == [] and report.media_copied > 0
    conn, _ = open_readonly(out / "archive.db")
    try:
        assert schema.inspect(conn) == []
        assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.LATEST
    finally:
        conn.close()
    for table in server_schema.COPY_ORDER:
        assert _local_rows(out / "archive.db", table) == _local_rows(archive.db_path, table), table
    copy = Archive.open(out, user="tester")
    try:
        # `check` passes: integrity, foreign keys, every record indexed, every media file present.
        assert check_archive(copy) == []
        for query in ("衡阳", "军", "fang xianjue", "hengyang", "HY1944.0001", "helmet"):
            here = search.search(archive.db, query, limit=50)
            there = search.search(copy.db, query, limit=50)
            assert here.total == there.total > 0, query
            assert [(h.record_type, h.record_id) for h in there.hits] == \
                   [(h.record_type, h.record_id) for h in here.hits], query
    finally:
        copy.close()


def test_upload_refuses_a_server_archive_that_is_not_empty(archive: Archive, server_url: str):
    upload(archive.root, server_url)
    before = _server_rows(server_url, "objects")
    with pytest.raises(ServerError) as refused:
        upload(archive.root, server_url)
    message = str(refused.value)
    assert "is not empty" in message and "nothing was uploaded" in message and "\n" not in message
    assert _server_rows(server_url, "objects") == before


def test_upload_and_backup_refuse_another_schema_version(archive: Archive, server_url: str, tmp_path: Path):
    with connect(server_url) as conn:
        conn.execute("UPDATE schema_version SET version = %s", [schema.LATEST + 1])
    with pytest.raises(ServerError, match="Use a newer version of Exhibit"):
        upload(archive.root, server_url)
    with pytest.raises(ServerError, match="Use a newer version of Exhibit"):
        backup(server_url, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_upload_refuses_a_local_archive_of_an_older_version(tmp_path: Path, server_url: str):
    old = tmp_path / "old" / "archive.db"
    old.parent.mkdir()
    conn = sqlite3.connect(old, isolation_level=None)
    schema.migrate(Database(conn), None, target=schema.LATEST - 1)
    conn.close()
    with pytest.raises(ExhibitError, match=f"schema version {schema.LATEST - 1}, expected {schema.LATEST}"):
        upload(old.parent, server_url)


def test_upload_refuses_a_value_the_server_cannot_hold_naming_its_row(archive: Archive, server_url: str):
    media_id = archive.db.execute("SELECT min(id) FROM media").fetchone()[0]
    with archive.transaction():   # SQLite keeps a text in an INTEGER column; PostgreSQL cannot
        archive.db.execute("UPDATE media SET width = 'wide' WHERE id = ?", [media_id])
    with pytest.raises(ExhibitError) as refused:
        upload(archive.root, server_url)
    assert f"media row {media_id}: width holds 'wide'" in str(refused.value)
    assert _server_rows(server_url, "objects") == [] and _server_rows(server_url, "history") == []


def test_bad_addresses_are_refused_in_one_line_with_the_password_masked(archive: Archive, tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]):
    for url, expected in (("mysql://db.example/museum", "is not a server archive address"),
                          ("postgresql://db.example:notaport/museum", "is not a valid server archive address"),
                          ("postgresql://db.example/museum?colour=blue", "is not a valid server archive address"),
                          (f"postgresql://alice:s3cret@/museum?host={tmp_path}/nowhere", "could not connect to")):
        code = cli.run(["server", "upload", str(archive.root), url])
        err = capsys.readouterr().err
        assert code == 1
        assert err.startswith("error: ") and expected in err and err.count("\n") == 1, err
        assert "s3cret" not in err
    code = cli.run(["server", "backup", f"postgresql://alice:s3cret@/museum?host={tmp_path}/nowhere",
                    str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 1 and "alice:***@" in err and "s3cret" not in err
    assert not (tmp_path / "out").exists()
