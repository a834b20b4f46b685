"""Opening an archive: the folder with archive.db and media/, and its connection.

Every connection runs in WAL mode with foreign keys on and a busy timeout.
Writes go through `Archive.transaction()`, one per user action.

Opening is guarded (exhibit.keeping, exhibit.schema): only a missing archive.db
becomes a new archive (made whole under another name, then linked into place);
an empty file, a folder or a symbolic link in its place is refused; a schema
with triggers, views or indexes this program did not make is refused before
anything writes; an archive on read-only storage opens read-only. For writing,
an archive on a network share is refused, a damaged one (quick_check) is
refused with the newest good backup named, and with `lock=True` (the app's
windows) a second instance opens it read-only, or waits for the first. A failed upgrade leaves the archive at
its old version, and a full disk is reported as such, with nothing half-saved.
"""
from __future__ import annotations

import getpass
import os
import sqlite3
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from sqlite_utils import Database

from exhibit import schema
from exhibit.errors import ExhibitError
from exhibit.keeping import backups, health, locations
from exhibit.keeping import lock as instance_lock

DB_NAME = "archive.db"
MEDIA_DIR = "media"
ENV_ARCHIVE = "EXHIBIT_ARCHIVE"


def default_location() -> Path:
    """The archive folder: $EXHIBIT_ARCHIVE, else the current directory."""
    return Path(os.environ.get(ENV_ARCHIVE) or ".").resolve()


def database_path(root: Path | str | None) -> Path:
    """archive.db in folder `root` (default_location() when None); a path to a .db file as it is."""
    root = Path(root) if root is not None else default_location()
    return root if root.suffix == ".db" else root / DB_NAME


def connect(db_path: Path | str, readonly: bool = False) -> Database:
    new = not readonly and _is_new(db_path)  # before connecting, which creates the file
    if readonly:
        # Also on read-only storage, where a WAL database's -shm cannot be made.
        conn, _ = backups.open_readonly(Path(db_path))
    else:
        conn = sqlite3.connect(str(db_path), isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA busy_timeout = 5000")
    conn.execute("PRAGMA foreign_keys = ON")
    # Defence in depth behind the schema check on open (schema.inspect): no function
    # that is not innocuous runs from a trigger, view or default written into the file.
    conn.execute("PRAGMA trusted_schema = OFF")
    if new:
        # Set before the first write fixes it (journal_mode = WAL writes the header).
        conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")
    if not readonly:
        conn.execute("PRAGMA journal_mode = WAL")
        # FULL: an acknowledged edit survives a power cut, not only a crash.
        conn.execute("PRAGMA synchronous = FULL")
        # A big import writes its whole transaction to the WAL first (~840 MB for
        # 100,000 rows); without a limit the file keeps that size until the last
        # connection closes. With one, the WAL shrinks back once it is reset.
        conn.execute(f"PRAGMA journal_size_limit = {WAL_SIZE_LIMIT}")
    return Database(conn)


WAL_SIZE_LIMIT = 64 * 1024 * 1024
# New archives' page size. With SQLite's default, 4 KB, a page holds one or two ~1-3 KB
# catalogue rows or index texts and wastes the rest, and a big import's ~800 MB go to the
# WAL as 200,000 frames, a write() each. With 8 KB pages a 100,000-row CSV import took
# 16.3 s against 17.7 s (same code, runs side by side; the main process's system time
# 2.0 s against 2.8 s) and the database was 12 % smaller (bench/interchange.py).
# 16 KB gained ~0.3 s more but makes every random row read copy a 16 KB page; search
# times were the same at 4 and 16 KB. Existing archives keep theirs (VACUUM would change it).
PAGE_SIZE = 8192


def _is_new(db_path: Path | str) -> bool:
    """Whether `connect` is about to make the file (so sets its page size). Archive.open never
    lets an existing empty file get this far: only a missing one becomes a new archive."""
    path = str(db_path)
    if path == ":memory:" or path.startswith("file:"):
        return False
    try:
        return os.path.getsize(path) == 0
    except OSError:
        return True  # not there yet: connect() creates it


class ReadOnlyArchiveError(ExhibitError, sqlite3.OperationalError):
    """A change was asked of an archive that is open read-only.

    Also the sqlite3.OperationalError SQLite itself raised here before, for existing callers.
    """


class StorageError(ExhibitError):
    """The disk refused a write (full, or failing); the change was rolled back."""


class MigrationError(ExhibitError, RuntimeError):
    """Upgrading the schema failed; the archive was left at its previous version.

    Also a RuntimeError, as the raw failure it replaces was for existing callers.
    """


# SQLite primary result codes that mean the storage, not the data, is at fault.
_SQLITE_IOERR, _SQLITE_FULL = 10, 13


def storage_error(exc: BaseException, db_path: Path, *, opening: bool = False) -> StorageError | None:
    """A StorageError for a disk-full or I/O failure of SQLite, else None."""
    code = getattr(exc, "sqlite_errorcode", None)
    if not isinstance(exc, sqlite3.Error) or code is None:
        return None
    if opening and code & 0xFF in (_SQLITE_FULL, _SQLITE_IOERR):
        return StorageError(f"could not open {db_path}: the disk reported an error ({exc}; it may be "
                            f"full or failing). Nothing was changed; check the disk and try again.")
    if code & 0xFF == _SQLITE_FULL:
        return StorageError(f"could not save to {db_path}: the disk is full. This change was not "
                            f"saved and everything saved before is intact; free some space and try again.")
    if code & 0xFF == _SQLITE_IOERR:
        return StorageError(f"could not save to {db_path}: the disk reported an error ({exc}; it may "
                            f"be full or failing). This change was rolled back; check the disk and try again.")
    return None


def current_user() -> str:
    try:
        return os.environ.get("EXHIBIT_USER") or getpass.getuser()
    except Exception:  # getuser() fails in some containers without a passwd entry
        return "unknown"


@dataclass
class Archive:
    root: Path
    db: Database
    db_file: Path
    user: str = field(default_factory=current_user)
    readonly: bool = False
    # Set by open(); not copied by dataclasses.replace(), so a copy never releases the lock.
    locked_by: instance_lock.Holder | None = field(default=None, init=False, compare=False)
    on_readonly_storage: bool = field(default=False, init=False, compare=False)
    # (device, inode) of archive.db when opened: see _refuse_if_moved.
    _identity: tuple[int, int] | None = field(default=None, init=False, repr=False, compare=False)
    _lock: instance_lock.InstanceLock | None = field(default=None, init=False, repr=False, compare=False)
    _checkpointer: threading.Thread | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def db_path(self) -> Path:
        return self.db_file

    @property
    def is_server(self) -> bool:
        """Whether this archive is on a PostgreSQL server (exhibit/server/archive.py)."""
        return False

    @property
    def address(self) -> str:
        """Where the archive is, as shown to people: its folder, or a server's address."""
        return str(self.root)

    @property
    def location(self) -> Path | str:
        """What Archive.open takes to open this archive again (a worker thread's own
        connection): the archive.db file, or a server archive's address."""
        return self.db_file

    @property
    def media_root(self) -> Path:
        return self.root / MEDIA_DIR

    @classmethod
    def open(cls, root: Path | str | None = None, *, create: bool = True,
             readonly: bool = False, user: str | None = None, lock: bool = False,
             wait: float = 0.0, check: bool = True, schema_gate: bool = True,
             media: Path | str | None = None) -> "Archive":
        """Open (and migrate) the archive in folder `root`; a path to a .db file works too.

        `lock=True` takes the instance lock (an app window does): if another
        process holds it after `wait` seconds, the archive opens read-only and
        `locked_by` says who has it. `check=False` skips the quick_check.
        Only a missing archive.db becomes a new archive; an empty one, a folder or a
        symbolic link in its place is refused. An archive on storage this process
        cannot write opens read-only (`on_readonly_storage`).
        `schema_gate=False` (only `check`, which reports and repairs the schema itself)
        skips the comparison of the schema with this program's (schema.inspect).
        Raises NetworkShareError, DamagedArchiveError, MigrationError, ForeignSchemaError
        (all ExhibitError).

        A server's address (postgresql://host/database) opens the shared archive there
        (exhibit/server/archive.py); `media` then names its shared media folder.
        """
        from exhibit.server.address import is_server_address

        if isinstance(root, str) and is_server_address(root):
            from exhibit.server.archive import open_address

            return open_address(root, user=user, readonly=readonly, media=media)
        root = Path(root) if root is not None else default_location()
        if root.suffix == ".db":
            db_path, root = root, root.parent
        else:
            db_path = root / DB_NAME
        _refuse_odd_file(db_path)
        if not db_path.exists() and not create:
            raise ExhibitError(f"no archive at {db_path}")
        if readonly and not db_path.exists():
            raise ExhibitError(f"no archive at {db_path}")
        on_readonly_storage = False
        if not readonly and db_path.exists() and not backups.is_writable(db_path):
            # A DVD, a write-protected share, chmod 0444: read it, and say why writes fail.
            readonly = on_readonly_storage = True
        taken: instance_lock.InstanceLock | None = None
        holder: instance_lock.Holder | None = None
        if not readonly:
            locations.ensure_local(db_path)
            try:
                root.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise ExhibitError(f"cannot use {root} as an archive folder: "
                                   f"{exc.strerror or exc}; nothing was written") from exc
            if lock:
                try:
                    taken = instance_lock.acquire(db_path, user=user, wait=wait)
                except OSError as exc:
                    raise ExhibitError(f"cannot open {db_path} for writing: the lock file "
                                       f"{instance_lock.lock_path(db_path).name} cannot be created "
                                       f"({exc.strerror or exc})") from exc
                if taken is None:
                    holder = instance_lock.holder(db_path) or instance_lock.Holder(0, "?", "another user", "?")
                    if not db_path.exists():
                        raise ExhibitError(f"{db_path} is being created by {holder.describe()}; try again")
                    readonly = True
        try:
            if not readonly and not db_path.exists():
                _create(db_path)
            db = cls._connect_checked(db_path, readonly=readonly, check=check, gate=schema_gate)
        except BaseException:
            if taken is not None:
                taken.release()
            raise
        archive = cls(root=root, db=db, db_file=db_path, readonly=readonly)
        archive.on_readonly_storage = on_readonly_storage
        archive._identity = _identity(db_path)
        archive.locked_by = holder
        archive._lock = taken
        if user:
            archive.user = user
        return archive

    @staticmethod
    def _connect_checked(db_path: Path, *, readonly: bool, check: bool, gate: bool = True) -> Database:
        if not readonly and check:
            # Before anything writes (WAL mode, migrations): a damaged file stays as it is.
            try:
                problems = health.check_on_open(db_path)
            except sqlite3.Error as exc:
                raise (storage_error(exc, db_path, opening=True)
                       or ExhibitError(f"{db_path} cannot be read now: {exc}")) from exc
            if problems:
                raise health.damaged(db_path, problems)
        # Also before anything writes: a trigger we did not make would run in our writes.
        remake_index = _check_schema(db_path, readonly=readonly) if gate else False
        try:
            db = connect(db_path, readonly=readonly)
        except sqlite3.DatabaseError as exc:
            raise ExhibitError(f"{db_path} is not a readable archive: {exc}") from exc
        try:
            if not readonly:
                if remake_index:
                    _remake_index_tables(db)
                _migrate(db, db_path)
                from exhibit import search
                search.refresh_if_stale(db)
            elif schema.version(db) != schema.LATEST:
                raise ExhibitError(f"{db_path} has schema version {schema.version(db)}, "
                                   f"expected {schema.LATEST}; open it once for writing to upgrade")
        except sqlite3.DatabaseError as exc:
            db.close()
            raise ExhibitError(f"{db_path} is not a readable archive: {exc}") from exc
        except BaseException:
            db.close()
            raise
        return db

    def close(self) -> None:
        self.wait_for_checkpoint()
        self.db.close()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> "Archive":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _refuse_if_readonly(self) -> None:
        if not self.readonly:
            return
        why = (f"it is being edited by {self.locked_by.describe()}" if self.locked_by
               else "it is on storage this program cannot write (the file or its folder is read-only)"
               if self.on_readonly_storage else "it was opened for reading only")
        raise ReadOnlyArchiveError(f"{self.db_path} cannot be changed here: {why}. Nothing was saved "
                                   f"(attempt to write a readonly database).")

    def _refuse_if_moved(self) -> None:
        """archive.db must still be the file that was opened. If its folder was deleted or
        moved away meanwhile, SQLite would go on writing into a file no one can find again,
        and every later edit would seem saved and be lost."""
        if self._identity is not None and _identity(self.db_path) != self._identity:
            raise StorageError(f"{self.db_path} is no longer the archive that was opened (its folder "
                               f"was moved or deleted, or the file replaced, meanwhile); this change "
                               f"was not saved. Open the archive again where it now is.")

    @contextmanager
    def deferred_checkpoint(self) -> Iterator[None]:
        """Commit a very large transaction without waiting for its pages to be copied into the
        database file: that copy (the WAL checkpoint) runs afterwards on a thread of its own.

        At COMMIT SQLite has already made the transaction durable in the WAL file; the
        automatic checkpoint it then runs in the committing call copies every page a
        second time (3-4 s for a 100,000-row import, ~830 MB). Readers and writers carry
        on during a passive checkpoint, so the curator has the archive back sooner.
        `close()` waits for it.
        """
        conn = self.db.conn
        if self.readonly or conn.in_transaction or not self.db_path.is_file():
            yield
            return
        before = int(conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0])
        conn.execute("PRAGMA wal_autocheckpoint = 0")
        try:
            yield
        finally:
            conn.execute(f"PRAGMA wal_autocheckpoint = {before}")
        self.checkpoint_in_background()

    def checkpoint_in_background(self) -> None:
        """Copy the WAL into the database file on a worker thread (SQLite releases the GIL)."""
        self.wait_for_checkpoint()
        path = self.db_path

        def run() -> None:
            try:
                conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
                try:
                    conn.execute("PRAGMA busy_timeout = 5000")
                    conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
                finally:
                    conn.close()
            except sqlite3.Error:
                pass  # not done now: the next commit's automatic checkpoint does it
        self._checkpointer = threading.Thread(target=run, name="exhibit-checkpoint", daemon=True)
        self._checkpointer.start()

    def wait_for_checkpoint(self) -> None:
        if self._checkpointer is not None:
            self._checkpointer.join()
            self._checkpointer = None

    @contextmanager
    def transaction(self) -> Iterator[Database]:
        """One user action: BEGIN IMMEDIATE … COMMIT, or a savepoint when nested."""
        if self.db.conn.in_transaction:
            with self.db.atomic():
                yield self.db
            return
        self._refuse_if_readonly()
        self._refuse_if_moved()
        # IMMEDIATE takes the write lock up front, so two writers queue on
        # busy_timeout instead of failing halfway through with SQLITE_BUSY.
        self.db.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException as exc:
            self._rollback()
            failure = storage_error(exc, self.db_path)
            if failure is not None:
                raise failure from exc
            raise
        try:
            self.db.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            # A failed COMMIT leaves the transaction open; rolling back keeps the
            # next action from nesting inside it and never being saved.
            self._rollback()
            raise (storage_error(exc, self.db_path) or exc) from exc

    def _rollback(self) -> None:
        if self.db.conn.in_transaction:
            try:
                self.db.conn.execute("ROLLBACK")
            except sqlite3.Error:
                pass  # SQLite already rolled back (it does on some I/O errors)

    def setting(self, key: str, default: str | None = None) -> str | None:
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str) -> None:
        with self.transaction():
            self.db.execute("INSERT INTO settings (key, value) VALUES (?, ?) "
                            "ON CONFLICT(key) DO UPDATE SET value = excluded.value", [key, value])


def _identity(db_path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(db_path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _refuse_odd_file(db_path: Path) -> None:
    """Refuse, before anything is read or written, what is in archive.db's place but is not
    an archive file of this folder: a symbolic link (its backups, media and lock would be
    here, its database elsewhere), a folder or a device, or an empty file (not a new archive:
    only a missing file is one; an empty file is what is left of one that was lost)."""
    if db_path.is_symlink():
        raise ExhibitError(f"{db_path} is a symbolic link to {os.readlink(db_path)}; it was not opened. "
                           f"Open the folder that holds the database itself, so that its backups "
                           f"and media are beside it")
    if db_path.exists() and not db_path.is_file():
        raise ExhibitError(f"{db_path} is a folder or device, not an archive database file; "
                           f"nothing was opened or written")
    if db_path.is_file() and db_path.stat().st_size == 0:
        raise health.damaged(db_path, health.file_problems(db_path))


def _create(db_path: Path) -> None:
    """Make a new, empty archive at `db_path`, which does not exist yet.

    It is made whole under a temporary name beside it and then linked into place, so
    archive.db is never seen half-made: an empty or schema-less file is refused as damaged,
    never taken for a new archive. Two processes making the same archive at once both open
    the one that was linked first.
    """
    from exhibit.media_files import fsync_path

    tmp = db_path.with_name(f".{db_path.name}.new-{os.getpid()}-{threading.get_ident()}")
    try:
        for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
            leftover.unlink(missing_ok=True)
        db = connect(tmp)
        try:
            schema.migrate(db, None)
        finally:
            db.close()   # the last connection: the WAL is copied in and removed
        fsync_path(tmp)
        try:
            os.link(tmp, db_path)   # fails if it exists: never replaces an archive
        except FileExistsError:
            pass                    # another process made it first; it is opened next
        except OSError:
            if not db_path.exists():   # a file system without hard links
                os.rename(tmp, db_path)
        fsync_path(db_path.parent, directory=True)
    except sqlite3.Error as exc:
        raise (storage_error(exc, db_path, opening=True)
               or ExhibitError(f"could not create a new archive at {db_path}: {exc}")) from exc
    except OSError as exc:
        raise ExhibitError(f"could not create a new archive at {db_path}: {exc.strerror or exc}") from exc
    finally:
        for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
            leftover.unlink(missing_ok=True)


def _check_schema(db_path: Path, *, readonly: bool) -> bool:
    """Refuse an archive whose schema is not this program's (ForeignSchemaError) before
    anything writes; nothing in the schema runs (triggers fire only on writes, and no view
    is queried). A write opening makes the search index's tables again when they are
    missing (returns True); a read-only one refuses.

    For a write opening the connection is a plain one that may only query (as quick_check's):
    closed as the last one, it removes the -wal and -shm files it made, which a `mode=ro`
    connection cannot."""
    try:
        if readonly:
            conn, _ = backups.open_readonly(db_path)
        else:
            conn = sqlite3.connect(str(db_path), isolation_level=None)
            conn.execute("PRAGMA query_only = ON")
    except sqlite3.DatabaseError as exc:
        raise ExhibitError(f"{db_path} is not a readable archive: {exc}") from exc
    try:
        version = schema.version(Database(conn))
        if version > schema.LATEST:
            raise ExhibitError(f"{db_path} has schema version {version}; this program knows up to "
                               f"{schema.LATEST}. Use a newer version of Exhibit; the archive was not changed.")
        if version == 0:
            raise ExhibitError(f"{db_path} is an SQLite database but not an Exhibit archive (it has no "
                               f"schema version); it was not opened or changed")
        return bool(schema.require_expected(conn, db_path, allow_index=not readonly))
    except sqlite3.DatabaseError as exc:
        raise ExhibitError(f"{db_path} is not a readable archive: {exc}") from exc
    finally:
        conn.close()


def _remake_index_tables(db: Database) -> None:
    """The search index's tables are gone (or not ours): made again empty, and marked so
    that refresh_if_stale fills them once the schema is current. No record is touched."""
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        schema.restore_index_tables(db.conn)
        db.conn.execute("DELETE FROM settings WHERE key = 'search_index'")
        db.conn.execute("COMMIT")
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise


def _migrate(db: Database, db_path: Path) -> None:
    """schema.migrate, with any failure reported as MigrationError stating the version left."""
    before = schema.version(db)
    if before > schema.LATEST:
        schema.migrate(db, db_path)  # raises its own "use a newer version" error
        return
    try:
        schema.migrate(db, db_path)
    except Exception as exc:
        now = schema.version(db)
        state = (f"the archive was left as it was, at version {now}" if now == before
                 else f"the archive is at version {now}")
        failure = storage_error(exc, db_path)
        reason = str(failure if failure is not None else exc) or type(exc).__name__
        raise MigrationError(f"upgrading {db_path} from schema version {before} to {schema.LATEST} "
                             f"failed ({reason}); {state}") from exc
