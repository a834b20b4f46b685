"""Shared fixtures: a blank archive and a sample archive, each in tmp_path.

The sample archive is built once per test session (it renders illustrations)
and copied for each test with SQLite's backup API, so tests stay independent.

Tests marked `both_backends` run twice: on a SQLite archive and on a server archive
(PostgreSQL, tests/pg.py), where `archive` is the sample uploaded to a database of the
test's own (made from a template database the sample is uploaded to once per session)
and `blank_archive` an empty server archive, each with a media folder in tmp_path.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("EXHIBIT_USER", "tester")
# The kiosk's on-screen keyboard is an input method Qt picks only when the
# application starts, and pytest-qt makes one application for the session.
os.environ.setdefault("QT_IM_MODULE", "qtvirtualkeyboard")
os.environ.setdefault("QT_VIRTUALKEYBOARD_DESKTOP_DISABLE", "1")
# Window settings (QSettings) and caches of the test run stay out of the user's home.
_scratch = tempfile.mkdtemp(prefix="exhibit-tests-")
os.environ["XDG_CONFIG_HOME"] = os.path.join(_scratch, "config")
os.environ["XDG_CACHE_HOME"] = os.path.join(_scratch, "cache")
# The printed fonts, cut once from the bundled variable fonts (about 30 s), are shared by
# test runs on this machine rather than cut again in every run's fresh cache.
os.environ.setdefault("EXHIBIT_FONT_CACHE", os.path.join(tempfile.gettempdir(), "exhibit-test-fonts"))

from exhibit.archive import Archive  # noqa: E402
from exhibit.keeping.backups import backup_to  # noqa: E402
from tests.pg import PgServer, pg_server, pg_url  # noqa: E402,F401  (a throwaway PostgreSQL: tests/pg.py)

BACKENDS = ("sqlite", "server")
_SERVER_SAMPLE = "exhibit_sample_template"
_SERVER_BLANK = "exhibit_blank_template"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "both_backends: run on a SQLite archive and on a server archive")
    config.addinivalue_line("markers", "sqlite_only(why): in a both_backends module, a test of "
                                       "SQLite's own machinery (its query plans, FTS5's tables)")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if (metafunc.definition.get_closest_marker("both_backends")
            and {"archive", "blank_archive"} & set(metafunc.fixturenames)):
        only = metafunc.definition.get_closest_marker("sqlite_only")
        metafunc.parametrize("backend", BACKENDS[:1] if only else BACKENDS, indirect=True)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """Which kind of archive `archive` and `blank_archive` are: "sqlite" unless parametrized."""
    return getattr(request, "param", "sqlite")


@pytest.fixture(scope="session")
def server_templates(pg_server: PgServer, sample_template: Path) -> dict[str, str]:  # noqa: F811
    """Template databases on the session's server: a blank archive and the uploaded sample."""
    from exhibit.server import schema as server_schema
    from exhibit.server import transfer
    from tests.pg import TEMPLATE

    for name in (_SERVER_BLANK, _SERVER_SAMPLE):
        pg_server.execute(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}")
        server_schema.init(pg_server.url(name))
    transfer.upload(sample_template, pg_server.url(_SERVER_SAMPLE))
    for name in (_SERVER_BLANK, _SERVER_SAMPLE):
        pg_server.execute(f"ALTER DATABASE {name} WITH IS_TEMPLATE true")
    return {"blank": _SERVER_BLANK, "sample": _SERVER_SAMPLE}


_databases = iter(range(1, 1 << 30))


def _server_archive(request: pytest.FixtureRequest, which: str, media: Path):
    """A server archive in a new database copied from the `which` template; dropped after."""
    server: PgServer = request.getfixturevalue("pg_server")
    template = request.getfixturevalue("server_templates")[which]
    name = f"exhibit_{which}_{os.getpid()}_{next(_databases)}"
    server.execute(f"CREATE DATABASE {name} TEMPLATE {template}")
    request.addfinalizer(lambda: server.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    return Archive.open(server.url(name), user="tester", media=media)


@pytest.fixture
def blank_archive(tmp_path: Path, backend: str, request: pytest.FixtureRequest) -> Archive:
    if backend == "server":
        archive = _server_archive(request, "blank", tmp_path / "blank-media")
    else:
        archive = Archive.open(tmp_path / "blank", user="tester")
    yield archive
    archive.close()


@pytest.fixture(scope="session")
def sample_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from exhibit.sample.loader import load_sample

    root = tmp_path_factory.mktemp("sample-template")
    archive = Archive.open(root / "archive", user="tester")
    load_sample(archive)
    out = tmp_path_factory.mktemp("sample-copy") / "archive"
    backup_to(archive, out)
    archive.close()
    return out


@pytest.fixture
def archive(sample_template: Path, tmp_path: Path, backend: str, request: pytest.FixtureRequest) -> Archive:
    """A private copy of the sample Hengyang archive."""
    root = tmp_path / "archive"
    shutil.copytree(sample_template, root)
    if backend == "server":
        archive = _server_archive(request, "sample", root / "media")
    else:
        archive = Archive.open(root, user="tester")
    yield archive
    archive.close()
