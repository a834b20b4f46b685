"""Shared fixtures: a blank archive and a sample archive, each in tmp_path.

The sample archive is built once per test session (it renders illustrations)
and copied for each test with SQLite's backup API, so tests stay independent.
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
from tests.pg import pg_server, pg_url  # noqa: E402,F401  (a throwaway PostgreSQL: tests/pg.py)


@pytest.fixture
def blank_archive(tmp_path: Path) -> Archive:
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
def archive(sample_template: Path, tmp_path: Path) -> Archive:
    """A private copy of the sample Hengyang archive."""
    root = tmp_path / "archive"
    shutil.copytree(sample_template, root)
    archive = Archive.open(root, user="tester")
    yield archive
    archive.close()
