"""Server archive addresses: which texts are one, and that no message ever shows a password."""
from __future__ import annotations

import pytest

from exhibit.server.address import ServerError, brief, check_address, display, is_server_address


def test_a_server_address_is_a_postgresql_url_and_a_folder_is_not():
    assert is_server_address("postgresql://db.museum.local/hengyang")
    assert is_server_address("postgres://db/hengyang")
    assert not is_server_address("/srv/archives/hengyang")
    assert not is_server_address("C:\\archives\\hengyang")
    assert not is_server_address(None)


@pytest.mark.parametrize("url, shown", [
    ("postgresql://alice:s3cret@db/hengyang", "postgresql://alice:***@db/hengyang"),
    ("postgresql://alice@db/hengyang?password=s3cret&sslmode=require",
     "postgresql://alice@db/hengyang?password=***&sslmode=require"),
    ("postgresql://db/hengyang?service=museum", "postgresql://db/hengyang?service=museum"),
])
def test_display_masks_every_password(url, shown):
    assert display(url) == shown
    assert "s3cret" not in display(url)


def test_an_address_without_a_database_is_refused():
    with pytest.raises(ServerError, match="names no database"):
        check_address("postgresql://db.museum.local")
    assert check_address("postgresql://db/hengyang") == "postgresql://db/hengyang"


@pytest.mark.parametrize("url, named", [
    ("postgresql://alice:s3cret@db.museum.local/hengyang", ("hengyang", "db.museum.local")),
    ("postgresql://db.museum.local:5433/collection?sslmode=require", ("collection", "db.museum.local:5433")),
    ("postgresql://postgres@/bench?host=/tmp/exhibit-pg-x1", ("bench", "")),
    ("postgresql:///hengyang", ("hengyang", "")),
])
def test_a_window_names_a_shared_archive_by_its_database_and_host(url, named):
    assert brief(url) == named
