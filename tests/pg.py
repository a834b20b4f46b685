"""A throwaway PostgreSQL server for the tests: initdb and pg_ctl into a temporary folder.

The server listens on a Unix socket in that folder and on no TCP port, so test runs of
several people (or helpers) on one machine never meet, and nothing outside the folder is
touched. It starts once per session, on the first test that asks for it, and is stopped
(`pg_ctl stop -m immediate`) and removed at the end. Each test gets a database of its own,
made by CREATE DATABASE from a template and dropped afterwards.

Where the server binaries are not installed the tests that use it are skipped with one
line saying so; with EXHIBIT_REQUIRE_PG=1 (CI sets it) they fail instead, so a machine
that should run them cannot pass by skipping them.

initdb refuses to run as root. As root (CI, containers) the server runs as an ordinary
user (`postgres` if the system has one, else `nobody`) through `runuser`; the folder is
given to that user. Registered from tests/conftest.py by importing its fixtures.
"""
from __future__ import annotations

import glob
import itertools
import os
import pwd
import re
import shutil
import subprocess
import tempfile
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pytest

SUPERUSER = "postgres"
TEMPLATE = "exhibit_template"
REQUIRE_ENV = "EXHIBIT_REQUIRE_PG"
BIN_ENV = "EXHIBIT_PG_BIN"
_TOOLS = ("initdb", "pg_ctl", "postgres")
# Durability is not what these tests are about: a server that never fsyncs starts and
# creates databases several times faster.
_SERVER_OPTIONS = ("-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
                   "-c max_connections=40 -c shared_buffers=32MB")


def _version_key(path: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", path)) or (0,)


def find_bin_dir() -> Path | None:
    """The folder holding initdb, pg_ctl and postgres: $EXHIBIT_PG_BIN, the PATH, then the
    places distributions install them (the newest version first)."""
    candidates: list[str] = []
    if os.environ.get(BIN_ENV):
        candidates.append(os.environ[BIN_ENV])
    found = shutil.which("pg_ctl")
    if found:
        candidates.append(str(Path(found).resolve().parent))
        candidates.append(str(Path(found).parent))
    for pattern in ("/usr/lib/postgresql/*/bin", "/usr/pgsql-*/bin", "/usr/local/pgsql/bin",
                    "/opt/homebrew/opt/postgresql*/bin", "/usr/local/opt/postgresql*/bin"):
        candidates.extend(sorted(glob.glob(pattern), key=_version_key, reverse=True))
    for folder in candidates:
        if all(os.access(Path(folder) / tool, os.X_OK) for tool in _TOOLS):
            return Path(folder)
    return None


def _unprivileged_user() -> str | None:
    """As root: the user the server runs as (initdb refuses root); None if there is none."""
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
        except KeyError:
            continue
        return name
    return None


@dataclass
class PgServer:
    """A running throwaway server: its folder, socket and superuser."""
    bin_dir: Path
    base: Path           # data/, the socket and the log live here
    run_as: str | None   # the user the server runs as, when the tests run as root
    options: str = _SERVER_OPTIONS   # postgres -c settings

    @property
    def data(self) -> Path:
        return self.base / "data"

    @property
    def log(self) -> Path:
        return self.base / "server.log"

    def url(self, dbname: str = "postgres") -> str:
        """A libpq URL for `dbname` over the socket (no password: trust on a private socket)."""
        return f"postgresql://{SUPERUSER}@/{dbname}?host={self.base}"

    def command(self, tool: str, *args: str) -> list[str]:
        argv = [str(self.bin_dir / tool), *args]
        if self.run_as is None:
            return argv
        if shutil.which("runuser"):
            return ["runuser", "-u", self.run_as, "--", *argv]
        # su, where util-linux's runuser is missing: one shell line, every argument quoted.
        import shlex
        return ["su", "-s", "/bin/sh", self.run_as, "-c", shlex.join(argv)]

    def run(self, tool: str, *args: str) -> None:
        done = subprocess.run(self.command(tool, *args), capture_output=True, text=True, timeout=120,
                              cwd=self.base)
        if done.returncode != 0:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise RuntimeError(f"{tool} failed ({done.returncode}): {done.stderr.strip() or done.stdout.strip()}"
                               + (f"\n{log}" if log else ""))

    def start(self) -> None:
        self.run("initdb", "-D", str(self.data), "-U", SUPERUSER, "--auth=trust", "--encoding=UTF8",
                 "--no-locale", "--no-sync")
        self.up()

    def up(self) -> None:
        """Start the server on its data folder (after initdb, or after down())."""
        self.run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60", "-o",
                 f"-c listen_addresses='' -k {self.base} {self.options}", "start")

    def down(self) -> None:
        """Shut the server down as an administrator restarting it would ('fast': every
        connection is ended); up() starts it again with the same databases."""
        self.run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "-t", "60", "stop")

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            try:
                self.run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
            except (RuntimeError, subprocess.TimeoutExpired):
                pass  # the folder goes anyway; a left-over server dies with its socket folder

    def execute(self, sql: str, dbname: str = "postgres") -> None:
        """One statement outside a transaction (CREATE/DROP DATABASE need that)."""
        import psycopg

        with psycopg.connect(self.url(dbname), autocommit=True) as conn:
            conn.execute(sql)


def _skip_or_fail(reason: str) -> None:
    if os.environ.get(REQUIRE_ENV):
        pytest.fail(f"{reason} ({REQUIRE_ENV} is set, so this is a failure, not a skip)", pytrace=False)
    pytest.skip(reason)


class NoServer(RuntimeError):
    """No throwaway server can be started here (the message says why)."""


@contextmanager
def throwaway_server(options: str = _SERVER_OPTIONS) -> Iterator[PgServer]:
    """A started server in a new folder under /tmp, stopped and removed on leaving; NoServer
    when the binaries or a user to run it as are missing. Also bench/server.py's server."""
    bin_dir = find_bin_dir()
    if bin_dir is None:
        raise NoServer("PostgreSQL server binaries (initdb, pg_ctl) not found; "
                       "install the postgresql package to run the server tests")
    run_as = None
    if os.geteuid() == 0:
        run_as = _unprivileged_user()
        if run_as is None or not (shutil.which("runuser") or shutil.which("su")):
            raise NoServer("running as root with no other user to run PostgreSQL as (initdb refuses root)")
    # Under /tmp, not pytest's tmp_path: that is private to the user running the tests,
    # and the server may run as another one.
    base = Path(tempfile.mkdtemp(prefix="exhibit-pg-"))
    server = PgServer(bin_dir, base, run_as, options)
    if run_as is not None:
        entry = pwd.getpwnam(run_as)
        os.chown(base, entry.pw_uid, entry.pw_gid)
    try:
        server.start()
        yield server
    finally:
        server.stop()
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """A PostgreSQL server of the session's own, on a Unix socket in a temporary folder."""
    with ExitStack() as stack:
        try:
            server = stack.enter_context(throwaway_server())
        except NoServer as exc:
            _skip_or_fail(str(exc))
            raise
        server.execute(f"CREATE DATABASE {TEMPLATE} TEMPLATE template0 ENCODING 'UTF8'")
        server.execute(f"ALTER DATABASE {TEMPLATE} WITH IS_TEMPLATE true")
        yield server


_numbers = itertools.count(1)


@pytest.fixture
def pg_url(pg_server: PgServer) -> Iterator[str]:
    """The URL of a new, empty database of this test's own (dropped afterwards)."""
    name = f"exhibit_test_{os.getpid()}_{next(_numbers)}"
    pg_server.execute(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}")
    try:
        yield pg_server.url(name)
    finally:
        pg_server.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
