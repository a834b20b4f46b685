"""A server archive opened by its address: what `Archive.open("postgresql://…")` returns.

The rest of the program holds an `Archive` and does not ask which kind. This one keeps a
psycopg connection where the SQLite archive keeps its sqlite-utils Database, and gives
the core's readers the same small interface they use there (`archive.db.execute(sql,
params)` with `?` placeholders, rows as tuples, `cursor.description`), as Kodi's and
digiKam's database layers do over SQLite and MySQL: the plain SQL the readers write
(SELECT … WHERE id = ?, joins, counts, ORDER BY) means the same on both, and what does
not (the search index, a write with its version and notification, SQLite's pragmas) is
done by the server modules where the services ask `archive.is_server`.

Writes: `transaction()` is one PostgreSQL transaction (a savepoint when nested), the
services' `add_history` also sends the change to every other window (NOTIFY, delivered at
COMMIT, so a rolled-back edit sends nothing), and create/update/delete go through
exhibit/server/records.py, with the record's version for optimistic locking. The versions
this archive read are remembered by content (`remember`/`base_for`), so a save says which
version the curator started from without the UI carrying it.

Media: a shared folder (content-addressed: files are written once under their hash and
never rewritten, so a network share is safe for them), from `--media`, the environment
($EXHIBIT_MEDIA) or the archive's `media_folder` setting, else a folder of this user's.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from collections import OrderedDict
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator, Sequence, cast

from exhibit.archive import Archive, current_user
from exhibit.records import Record
from exhibit.server.address import ServerError, check_address, connect, display, first_line

if TYPE_CHECKING:
    import psycopg
    from sqlite_utils import Database

    from exhibit.conflicts import Stored

MEDIA_ENV = "EXHIBIT_MEDIA"
MEDIA_SETTING = "media_folder"
# How many read versions are remembered: far more records than a curator has open.
_REMEMBERED = 20_000

# A `?` placeholder outside quotes, or a `%` anywhere outside quotes (psycopg reads it as
# the start of a placeholder): SQL literals and quoted names are passed over whole.
_SQL_PARTS = re.compile(r"""('(?:[^']|'')*'|"(?:[^"]|"")*")|(\?)|(%)""")


def server_sql(sql: str) -> str:
    """SQLite's `?` placeholders as psycopg's `%s`, and a literal `%` as `%%`."""
    def part(match: re.Match[str]) -> str:
        quoted, mark, percent = match.groups()
        if quoted is not None:
            return quoted.replace("%", "%%")
        return "%s" if mark else "%%"
    return _SQL_PARTS.sub(part, sql)


class ServerCursor:
    """A psycopg cursor as the readers use sqlite3's: rows, `description`, and `lastrowid`
    (the id the INSERT just run was given: PostgreSQL's lastval(), the session's last
    value of an identity column's sequence)."""

    def __init__(self, cursor: "psycopg.Cursor[Any]"):
        self._cursor = cursor

    @property
    def description(self) -> Any:
        return self._cursor.description

    @property
    def rowcount(self) -> int:
        return self._cursor.rowcount

    @property
    def lastrowid(self) -> int | None:
        row = self._cursor.connection.execute("SELECT lastval()").fetchone()
        return int(row[0]) if row else None

    def fetchone(self) -> Any:
        return self._cursor.fetchone() if self._cursor.description is not None else None

    def fetchall(self) -> list[Any]:
        return self._cursor.fetchall() if self._cursor.description is not None else []

    def __iter__(self) -> Iterator[Any]:
        return iter(self.fetchall())


class ServerDatabase:
    """The part of sqlite-utils' Database that the core's readers use, on a psycopg connection."""

    is_server = True   # what search and listing ask to take the server's way

    def __init__(self, archive: "ServerArchive"):
        self._archive = archive

    @property
    def conn(self) -> "psycopg.Connection":
        return self._archive.conn   # the live one: connected again after the server was away

    def execute(self, sql: str, params: Sequence[Any] | None = None) -> "ServerCursor":
        import psycopg

        args = [int(a) if isinstance(a, bool) else a for a in params or ()]   # flags are 0/1 there
        try:
            # Without parameters psycopg reads no placeholders: the SQL goes as written.
            cursor = self.conn.execute(server_sql(sql) if args else sql, args or None, prepare=False)
        except psycopg.OperationalError as exc:
            raise ServerError(f"the connection to {self._archive.address} was lost ({first_line(exc)}); "
                              f"it is made again at the next action") from None
        return ServerCursor(cursor)

    def close(self) -> None:
        self._archive.close()


def _content_key(record: Record) -> bytes:
    """A digest of everything the record holds: two reads of the same content, same key."""
    text = json.dumps(record.as_row(), sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()


@dataclass
class ServerArchive(Archive):
    """An archive on a PostgreSQL server; see the module's docstring."""
    url: str = ""
    media_folder: Path = field(default_factory=Path)
    _connection: Any = None   # psycopg.Connection; `conn` gives the live one
    _versions: OrderedDict = field(default_factory=OrderedDict, repr=False, compare=False)
    _closed: bool = field(default=False, repr=False, compare=False)
    # Called with the new connection when the old one was lost and another made (a window
    # adds its server process id to the ones whose notifications are its own).
    reconnected: list = field(default_factory=list, repr=False, compare=False)

    @property
    def conn(self) -> "psycopg.Connection":
        """The connection, made again when the server dropped the last one (a restart, a
        network outage): the edit that met the outage failed and said so; the next works.
        Not inside a transaction: a transaction does not survive its connection."""
        current = self._connection
        if self._closed or not (current.broken or current.closed):
            return current
        fresh = connect(self.url)
        self._connection = fresh
        for call in self.reconnected:
            call(fresh)
        return fresh

    @property
    def is_server(self) -> bool:
        return True

    @property
    def media_root(self) -> Path:
        return self.media_folder

    @property
    def address(self) -> str:
        """The address as shown to people: the password, if one was written in it, masked."""
        return display(self.url)

    @property
    def location(self) -> str:
        return self.url

    @classmethod
    def open_server(cls, url: str, *, user: str | None = None, readonly: bool = False,
                    media: Path | str | None = None) -> "ServerArchive":
        """Connect to the server archive at `url` (checked for its schema version)."""
        from exhibit.server import schema as server_schema

        url = check_address(url)
        conn = connect(url)
        try:
            server_schema.require_current(conn, url)
            if not readonly:
                readonly = not _may_edit(conn)
            folder = _media_folder(conn, url, media)
        except BaseException:
            conn.close()
            raise
        archive = cls(root=folder.parent, db=cast("Database", None), db_file=Path(display(url)),
                      readonly=readonly, url=url, media_folder=folder, _connection=conn)
        archive.db = cast("Database", ServerDatabase(archive))
        archive.user = user or current_user()
        return archive

    def close(self) -> None:
        self._closed = True
        if not self._connection.closed:
            self._connection.close()

    @contextmanager
    def transaction(self) -> Iterator["Database"]:
        """One user action: a PostgreSQL transaction, or a savepoint when nested."""
        import psycopg

        self._refuse_if_readonly()
        try:
            with self.conn.transaction():
                yield self.db
        except psycopg.OperationalError as exc:
            raise ServerError(f"could not save to {self.address}: {first_line(exc)}. This change "
                              f"was not saved; it will be possible again once the server answers.") from None

    def require_writable(self) -> None:
        """ReadOnlyArchiveError unless this login may edit (services check before a save
        that the server module writes in a transaction of its own)."""
        self._refuse_if_readonly()

    def _refuse_if_readonly(self) -> None:
        if self.readonly:
            from exhibit.archive import ReadOnlyArchiveError

            raise ReadOnlyArchiveError(f"{self.address} cannot be changed here: your server role may "
                                       f"only read it. Nothing was saved.")

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Every read inside sees the archive as it was on entry, whatever curators save
        meanwhile (an export: all of an import or none of it); inside a transaction already
        open, that one."""
        from psycopg.pq import TransactionStatus

        conn = self.conn
        if conn.info.transaction_status != TransactionStatus.IDLE:
            yield
            return
        with conn.transaction():
            conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield

    @contextmanager
    def deferred_checkpoint(self) -> Iterator[None]:
        yield   # the server writes its own log; nothing to defer

    def checkpoint_in_background(self) -> None:
        pass

    def wait_for_checkpoint(self) -> None:
        pass

    def setting(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM settings WHERE key = %s", [key]).fetchone()
        return row[0] if row else default

    # ------------------------------------------------------------ versions read

    def remember(self, stored: "Stored[Any]") -> None:
        """Note the version a record had when this archive read or wrote it."""
        record = stored.record
        key = (record.TYPE, record.id, _content_key(record))
        self._versions[key] = stored.version
        self._versions.move_to_end(key)
        while len(self._versions) > _REMEMBERED:
            self._versions.popitem(last=False)

    def base_for(self, record: Record) -> "Stored[Any] | None":
        """`record` (as read) with the version it was read at; None if it was not read here."""
        from exhibit.conflicts import Stored

        version = self._versions.get((record.TYPE, record.id, _content_key(record)))
        return None if version is None else Stored(record, version)


def _may_edit(conn: "psycopg.Connection") -> bool:
    """Whether this login may write the records (a viewer's role may only read them)."""
    row = conn.execute("SELECT has_table_privilege(current_user, 'objects', 'UPDATE')").fetchone()
    return bool(row and row[0])


def _media_folder(conn: "psycopg.Connection", url: str, given: Path | str | None) -> Path:
    if given:
        return Path(given).expanduser().resolve()
    if os.environ.get(MEDIA_ENV):
        return Path(os.environ[MEDIA_ENV]).expanduser().resolve()
    row = conn.execute("SELECT value FROM settings WHERE key = %s", [MEDIA_SETTING]).fetchone()
    if row and row[0]:
        return Path(row[0]).expanduser()
    # No shared folder configured: this user's own, one per server archive.
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", display(url).split("://", 1)[-1]).strip("_") or "server"
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "exhibit" / "server-media" / name / "media"


def open_address(url: str, **options: Any) -> ServerArchive:
    """Archive.open's way to a server archive: the options a folder takes that mean nothing
    for a server (lock, check, create …) are accepted and ignored."""
    return ServerArchive.open_server(url, user=options.get("user"), readonly=bool(options.get("readonly")),
                                     media=options.get("media"))
