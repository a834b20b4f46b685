"""The server archive's schema: the same tables, columns and indexes as SQLite's at the same
version, its roles and what each may do, and `server init` (idempotent; refuses a database
holding other tables). Needs the throwaway PostgreSQL of tests/pg.py (skipped without it)."""
from __future__ import annotations

import re
import sqlite3

import psycopg
import pytest
from sqlite_utils import Database

from exhibit import cli
from exhibit import schema as sqlite_schema
from exhibit.server import schema as server_schema
from exhibit.server.address import SCHEMA, ServerError, connect


def _sqlite_reference() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    sqlite_schema.migrate(Database(conn), None)
    return conn


def _fts(name: str) -> bool:
    return name.startswith(("search_fts", "search_titles"))


def test_every_sqlite_table_is_copied_and_every_version_has_a_server_migration():
    """A new SQLite table or migration without its server twin fails here, not in a museum."""
    ref = sqlite_schema.reference()
    plain = {o.name for o in ref.objects.values() if o.type == "table" and not o.virtual
             and not _fts(o.name) and not o.name.startswith("sqlite_")}
    assert plain == set(server_schema.COPY_ORDER)
    assert set(server_schema.MIGRATIONS) == set(range(server_schema.FIRST, sqlite_schema.LATEST + 1))
    assert server_schema.LATEST == sqlite_schema.LATEST


def test_init_makes_the_same_tables_columns_and_indexes_as_sqlite(pg_url):
    report = server_schema.init(pg_url)
    assert report.version_before is None and report.version == sqlite_schema.LATEST
    ref = _sqlite_reference()
    with connect(pg_url) as conn:
        for table in server_schema.COPY_ORDER:
            columns = [r[0] for r in conn.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = %s "
                "AND table_name = %s ORDER BY ordinal_position", [SCHEMA, table])]
            extra = ["version"] if table in server_schema.RECORD_TABLES else []
            assert columns == [*sqlite_schema.reference().columns[table], *extra], table

            indexes = {name: definition for name, definition in conn.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = %s AND tablename = %s",
                [SCHEMA, table])}
            for name, unique, origin in [r[1:4] for r in ref.execute(f"PRAGMA index_list('{table}')")]:
                cols = [r[2] for r in ref.execute(f"PRAGMA index_info('{name}')")]
                if origin == "c":   # CREATE INDEX: the same name, on the same columns
                    assert name in indexes, f"{table}: index {name} is missing on the server"
                    # … then id, which SQLite's index holds anyway (the rowid), so that a list
                    # ordered by the column and id is read from the index there too.
                    assert _columns_of(indexes[name]) in (cols, [*cols, "id"]), name
                elif origin == "u":   # UNIQUE (…): a unique index on the same columns
                    assert any(_columns_of(d) == cols and "UNIQUE" in d for d in indexes.values()), (table, cols)
        # The accession number is unique whatever its ASCII case, as SQLite's COLLATE NOCASE.
        assert "nocase(accession)" in conn.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'objects_accession'").fetchone()[0]


def _columns_of(indexdef: str) -> list[str]:
    """The columns of an index, from its definition (nocase(x) read as x)."""
    keys = indexdef.split(" INCLUDE ", 1)[0]   # the key columns, not the ones carried along
    inside = re.sub(r"(?:\w+\.)?nocase\((\w+)\)", r"\1", keys.split(" USING ", 1)[1])
    inside = inside[inside.index("(") + 1:inside.rindex(")")]
    return [part.strip().split()[0].strip('"') for part in inside.split(",")]


def test_init_makes_the_roles_and_is_idempotent(pg_url, capsys):
    first = server_schema.init(pg_url)
    second = server_schema.init(pg_url)
    assert cli.run(["server", "init", pg_url]) == 0   # and once more from the command line
    assert "already holds the Exhibit archive at schema version" in capsys.readouterr().out
    assert second.version_before == second.version == sqlite_schema.LATEST
    assert second.roles_made == []
    assert "already holds the Exhibit archive" in second.summary()
    assert "made the Exhibit archive" in first.summary()
    with connect(pg_url) as conn:
        roles = {r[0] for r in conn.execute("SELECT rolname FROM pg_roles WHERE rolname LIKE 'exhibit_%'")}
        assert {server_schema.CURATOR_ROLE, server_schema.VIEWER_ROLE} <= roles
        assert conn.execute("SELECT version FROM schema_version").fetchall() == [(sqlite_schema.LATEST,)]
        # The shipped vocabularies once, as a new SQLite archive has them, however often init ran.
        ref = _sqlite_reference()
        local = ref.execute("SELECT vocab, code, label_zh, label_en, position FROM vocabularies "
                            "ORDER BY vocab, code").fetchall()
        server = conn.execute("SELECT vocab, code, label_zh, label_en, position FROM vocabularies "
                              "ORDER BY vocab, code").fetchall()
        assert server == local and server


def _as_role(pg_url: str, role: str, sql: str) -> None:
    with connect(pg_url) as conn, conn.transaction():
        conn.execute(f"SET LOCAL ROLE {role}")
        conn.execute(sql)


def test_the_viewer_reads_and_the_curator_edits_but_never_rewrites_history(pg_url):
    server_schema.init(pg_url)
    insert = "INSERT INTO objects (accession, name_zh) VALUES ('HY1.1', '步枪')"
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        _as_role(pg_url, server_schema.VIEWER_ROLE, insert)
    _as_role(pg_url, server_schema.VIEWER_ROLE, "SELECT count(*) FROM objects")
    _as_role(pg_url, server_schema.CURATOR_ROLE, insert)
    _as_role(pg_url, server_schema.CURATOR_ROLE,
             "INSERT INTO history (at, who, action, record_type) VALUES ('2026', 'a', 'create', 'object')")
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        _as_role(pg_url, server_schema.CURATOR_ROLE, "UPDATE history SET who = 'b'")
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        _as_role(pg_url, server_schema.CURATOR_ROLE, "UPDATE schema_version SET version = 1")
    # Not even the owner rewrites history: the triggers refuse, as SQLite's do.
    with pytest.raises(psycopg.errors.RaiseException, match="append-only"):
        with connect(pg_url) as conn:
            conn.execute("DELETE FROM history")


def test_every_update_of_a_record_raises_its_version(pg_url):
    """Optimistic locking: a save that names the version it edited finds out it was overtaken."""
    server_schema.init(pg_url)
    with connect(pg_url) as conn:
        object_id = conn.execute("INSERT INTO objects (accession) VALUES ('HY1.1') RETURNING id").fetchone()[0]
        conn.execute("UPDATE objects SET name_zh = '步枪' WHERE id = %s", [object_id])
        assert conn.execute("SELECT version FROM objects WHERE id = %s", [object_id]).fetchone()[0] == 2
        stale = conn.execute("UPDATE objects SET name_zh = '刺刀' WHERE id = %s AND version = 1", [object_id])
        assert stale.rowcount == 0
        # The same accession number in another case is the same number, as on SQLite.
        with pytest.raises(psycopg.errors.UniqueViolation):
            conn.execute("INSERT INTO objects (accession) VALUES ('hy1.1')")


def test_init_refuses_a_database_with_tables_of_its_own_and_changes_nothing(pg_url):
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("CREATE TABLE public.invoices (id integer)")
    with pytest.raises(ServerError) as refused:
        server_schema.init(pg_url)
    message = str(refused.value)
    assert "public.invoices" in message and "nothing was changed" in message and "\n" not in message
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", [SCHEMA]).fetchone() is None


def test_init_refuses_an_archive_newer_than_this_program(pg_url):
    server_schema.init(pg_url)
    with connect(pg_url) as conn:
        conn.execute("UPDATE schema_version SET version = %s", [sqlite_schema.LATEST + 1])
    with pytest.raises(ServerError, match=f"schema version {sqlite_schema.LATEST + 1}; this program knows up to"):
        server_schema.init(pg_url)
