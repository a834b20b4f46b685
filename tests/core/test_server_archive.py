"""A shared archive opened by its address (exhibit/server/archive.py): the same commands as
on a local archive, its media in the shared folder, a viewer's login reading only, the
readers' SQL as the server takes it, and every edit heard by the other windows, links
included. Needs the throwaway PostgreSQL of tests/pg.py."""
from __future__ import annotations

import queue
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from exhibit import cli, media_records, services
from exhibit.archive import Archive, ReadOnlyArchiveError
from exhibit.integrity import check_archive
from exhibit.server import schema as server_schema
from exhibit.server.address import ServerError, connect
from exhibit.server.archive import server_sql
from exhibit.server.listen import CONNECTED, Listener
from exhibit.server.transfer import upload
from tests.pg import PgServer

WAIT = 10.0


@pytest.fixture
def shared(archive: Archive, pg_url: str, tmp_path: Path) -> tuple[str, Path]:
    """The sample uploaded to a server archive, its media copied into a shared folder."""
    server_schema.init(pg_url)
    media = tmp_path / "shared-media"
    report = upload(archive.root, pg_url, media_to=media)
    assert report.media_copied == services.count(archive, "media") and not report.media_missing
    return pg_url, media


def test_the_placeholders_of_sqlite_become_psycopg_s_outside_quotes():
    assert server_sql("SELECT id FROM t WHERE a = ? AND b = '?' AND c LIKE '%x'") == \
        "SELECT id FROM t WHERE a = %s AND b = '?' AND c LIKE '%%x'"
    assert server_sql('SELECT "odd?name" FROM t WHERE n % 2 = ?') == 'SELECT "odd?name" FROM t WHERE n %% 2 = %s'


def test_a_shared_archive_opens_by_its_address_with_its_media_folder(shared):
    url, media = shared
    with Archive.open(url, user="alice") as opened:
        assert opened.is_server and not opened.readonly
        assert opened.media_root == media.resolve()   # the archive's media_folder setting
        first = services.list_records(opened, "media", limit=1)[0]
        assert media_records.file_path(opened, first).is_file()
        assert check_archive(opened) == []
        obj = services.find(opened, "object", "hy1944.0001")   # case-blind, as on SQLite
        assert obj is not None and obj.accession == "HY1944.0001"


def test_check_names_index_entries_missing_the_vectors_phrases_are_tested_on(shared):
    url, _ = shared
    with connect(url) as conn:
        conn.execute("DELETE FROM search_parts WHERE doc_id IN (SELECT doc_id FROM search_parts LIMIT 2)")
        conn.commit()
    with Archive.open(url, user="alice") as opened:
        assert check_archive(opened) == ["search index: 2 entries have no title and pair vectors"]


def test_the_commands_work_on_a_shared_archive(shared, tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    url, _ = shared
    assert cli.run(["--archive", url, "search", "衡阳", "--type", "object", "--limit", "3"]) == 0
    assert "HY1944." in capsys.readouterr().out
    assert cli.run(["--archive", url, "check"]) == 0
    assert "passed every check" in capsys.readouterr().out
    out = tmp_path / "from-server"
    assert cli.run(["--archive", url, "backup", str(out)]) == 0
    assert "media file(s) copied" in capsys.readouterr().out
    # The backup is a local archive every other command takes, its media files included.
    with Archive.open(out) as local:
        assert check_archive(local) == []
        assert services.count(local, "object") == 42


def test_an_empty_shared_archive_is_not_given_the_sample(pg_url: str, capsys: pytest.CaptureFixture[str]):
    server_schema.init(pg_url)
    assert cli.run(["--archive", pg_url, "stats"]) == 0
    capsys.readouterr()
    with Archive.open(pg_url) as opened:
        assert services.count(opened, "object") == 0


def test_a_viewer_s_login_reads_and_cannot_save(shared, pg_server: PgServer):
    url, _ = shared
    pg_server.execute("DROP ROLE IF EXISTS visitor_desk")
    pg_server.execute("CREATE ROLE visitor_desk LOGIN")
    pg_server.execute(f"GRANT {server_schema.VIEWER_ROLE} TO visitor_desk")
    viewer_url = url.replace("postgresql://postgres@", "postgresql://visitor_desk@")
    try:
        with Archive.open(viewer_url) as opened:
            assert opened.readonly
            obj = services.find(opened, "object", "HY1944.0001")
            assert obj is not None
            with pytest.raises(ReadOnlyArchiveError, match="may only read"):
                services.update(opened, obj)
    finally:
        pg_server.execute("DROP OWNED BY visitor_desk", dbname=urlsplit(url).path.strip("/"))
        pg_server.execute("DROP ROLE visitor_desk")


def test_a_link_is_heard_at_both_ends_and_a_rolled_back_one_not_at_all(shared):
    url, _ = shared
    heard: queue.Queue = queue.Queue()
    states: queue.Queue = queue.Queue()
    listener = Listener(url, heard.put, states.put)
    listener.start()
    try:
        assert states.get(timeout=WAIT) == CONNECTED
        with Archive.open(url, user="alice") as opened:
            panel = services.list_records(opened, "panel", limit=1)[0]
            obj = services.find(opened, "object", "HY1944.0042")
            assert obj is not None
            with pytest.raises(RuntimeError):
                with opened.transaction():
                    services.link(opened, "panel", panel.saved_id, "object", obj.saved_id)
                    raise RuntimeError("the curator's action failed halfway")
            link = services.link(opened, "panel", panel.saved_id, "object", obj.saved_id)
            ends = {(c.type, c.id, c.action, c.who) for c in (heard.get(timeout=WAIT), heard.get(timeout=WAIT))}
            assert ends == {("panel", panel.saved_id, "link", "alice"), ("object", obj.saved_id, "link", "alice")}
            services.unlink(opened, link.id)
            assert heard.get(timeout=WAIT).action == "unlink"
            with connect(url) as conn:   # the rolled-back link left no row and no history
                assert conn.execute("SELECT count(*) FROM history WHERE action = 'link' AND who = 'alice'"
                                    ).fetchone()[0] == 1
    finally:
        listener.stop()


def test_after_the_server_restarts_the_next_edit_works_and_none_is_doubled(shared, pg_server: PgServer):
    url, _ = shared
    with Archive.open(url, user="alice") as opened:
        made: list = []
        opened.reconnected.append(made.append)
        obj = services.find(opened, "object", "HY1944.0005")
        assert obj is not None
        first_pid = opened.conn.info.backend_pid
        pg_server.down()
        pg_server.up()
        # The edit that meets the lost connection is refused in one line, and not made.
        with pytest.raises(ServerError, match="lost"):
            services.update(opened, replace(obj, location="展柜 5"), base=obj)
        # The next action connects again; the same edit, made again, is made once.
        again = services.get(opened, "object", obj.saved_id)
        assert again.location == obj.location
        services.update(opened, replace(again, location="展柜 5"), base=again)
        assert len(made) == 1 and opened.conn.info.backend_pid != first_pid
        updates = [h for h in services.history(opened, "object", obj.saved_id) if h.action == "update"]
        assert [h.after["location"] for h in updates[:1]] == ["展柜 5"] and len(updates) == 1
