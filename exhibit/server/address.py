"""A server archive's address (postgresql://…) and its connections.

Credentials come from libpq's own places: ~/.pgpass, a service file (`?service=museum`),
the PG* environment variables, a client certificate; TLS is as libpq is configured
(`sslmode` in the URL or PGSSLMODE). This program stores no password anywhere. A password
written into the URL itself still works, as libpq allows it, but every message shows
the address with the password masked (`display`), because messages end up in terminals,
logs and crash reports.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from exhibit.errors import ExhibitError, printable

if TYPE_CHECKING:
    import psycopg

SCHEMES = ("postgresql", "postgres")
MASK = "***"
# The tables live in a schema of their own: the archive never mixes with anything else in
# the database, and the roles' grants name one schema.
SCHEMA = "exhibit"
CONNECT_TIMEOUT = 10   # seconds: an unreachable server is reported, not waited for forever
_PASSWORD_IN_QUERY = re.compile(r"(?i)^password$")


class ServerError(ExhibitError):
    """The server archive could not be used as asked; the message names it (password masked)."""


def is_server_address(text: str | None) -> bool:
    """Whether `text` names a server archive (postgresql://…) rather than a folder."""
    return bool(text) and urlsplit(str(text)).scheme.lower() in SCHEMES


def display(url: str) -> str:
    """The address as messages show it: any password replaced by ***, controls escaped."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return printable(url.split("@")[-1])   # unparseable: at least never show user:password
    netloc = parts.netloc
    if "@" in netloc:
        userinfo, _, hosts = netloc.rpartition("@")
        if ":" in userinfo:
            userinfo = userinfo.split(":", 1)[0] + ":" + MASK
        netloc = f"{userinfo}@{hosts}"
    query = parts.query
    if query:
        pairs = parse_qsl(query, keep_blank_values=True)
        query = urlencode([(k, MASK if _PASSWORD_IN_QUERY.match(k) else v) for k, v in pairs], safe="/:,*")
    return printable(urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment)))


def brief(url: str) -> tuple[str, str]:
    """(database, host) as a window's title names a shared archive: `collection`,
    `db.museum.local:5433`; the host empty where it is this computer (a Unix socket's
    folder, or libpq's default). Never a user or password."""
    from psycopg import conninfo

    try:
        params = conninfo.conninfo_to_dict(url)
    except Exception:   # noqa: BLE001 - an address libpq cannot read is checked elsewhere
        return display(url), ""
    database = printable(str(params.get("dbname") or params.get("service") or ""))
    host = str(params.get("host") or "")
    if not host or host.startswith("/") or host.startswith("@"):
        return database, ""
    port = str(params.get("port") or "")
    return database, printable(f"{host}:{port}" if port and port != "5432" else host)


def check_address(url: str) -> str:
    """`url` if it is a PostgreSQL URL libpq can read, else ServerError (one line)."""
    text = str(url).strip()
    if not is_server_address(text):
        raise ServerError(f"'{display(text)}' is not a server archive address; write it as "
                          f"postgresql://[user@]host[:port]/database")
    from psycopg import conninfo

    try:
        params = conninfo.conninfo_to_dict(text)
    except Exception as exc:   # psycopg.ProgrammingError, with libpq's own explanation
        raise ServerError(f"'{display(text)}' is not a valid server archive address: "
                          f"{first_line(exc)}") from None
    ports = str(params.get("port") or "")
    if ports and not all(port.strip().isdigit() for port in ports.split(",")):
        raise ServerError(f"'{display(text)}' is not a valid server archive address: its port "
                          f"'{printable(ports)}' is not a number")
    if not params.get("dbname") and not params.get("service"):
        raise ServerError(f"'{display(text)}' names no database; add it after the host, as "
                          f"postgresql://host/database")
    return text


def connect(url: str) -> "psycopg.Connection":
    """A connection to the server archive at `url`, its schema first on the search path.

    In autocommit mode: each unit of work is a `with conn.transaction():` block, which
    commits at its end or rolls back on an exception, so nothing is left half-done
    in an implicit transaction.

    Raises ServerError with libpq's reason (no route, authentication failed, no such
    database …) and the address with its password masked.
    """
    import psycopg

    url = check_address(url)
    try:
        conn = psycopg.connect(url, autocommit=True, connect_timeout=CONNECT_TIMEOUT,
                               application_name="exhibit")
    except psycopg.Error as exc:
        raise ServerError(f"could not connect to {display(url)}: {first_line(exc)}") from None
    try:
        # pg_catalog stays first implicitly; our tables are found before anything in public.
        conn.execute(f"SET search_path TO {SCHEMA}, public")
    except psycopg.Error as exc:
        conn.close()
        raise ServerError(f"{display(url)} could not be used: {first_line(exc)}") from None
    return conn


def first_line(exc: BaseException) -> str:
    """The first line of a driver or server error, for a one-line message: libpq's messages
    run over several lines (DETAIL, HINT), and the first says what happened."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    text = lines[0] if lines else type(exc).__name__
    # "connection to server at "host" (…), port 5432 failed: FATAL:  password …": keep the reason.
    text = re.sub(r"^connection to server .*? failed: (?:FATAL:\s*)?", "", text)
    return printable(text)
