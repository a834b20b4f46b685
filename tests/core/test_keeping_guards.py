"""The guards around opening for writing: network shares and a second app instance."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from exhibit import services
from exhibit.archive import Archive, ReadOnlyArchiveError
from exhibit.keeping import locations
from exhibit.keeping import lock as instance_lock
from exhibit.records import Person

ROOT = Path(__file__).resolve().parents[2]

MOUNTS = """\
/dev/vda / ext4 rw,relatime 0 0
proc /proc proc rw 0 0
server:/export/museum /mnt/museum nfs4 rw,relatime,vers=4.2 0 0
//nas/藏品 /mnt/nas\\040share cifs rw,relatime 0 0
tmpfs /mnt/museum/local tmpfs rw 0 0
sshfs#me@host:/x /mnt/ssh fuse.sshfs rw 0 0
"""


def test_mount_table_is_read_like_the_kernel_writes_it():
    mounts = locations.parse_mounts(MOUNTS)
    assert ("/mnt/nas share", "cifs", "//nas/藏品") in mounts
    assert locations.mount_of("/mnt/museum/archive/archive.db", mounts)[1] == "nfs4"
    assert locations.mount_of("/mnt/museum/local/archive.db", mounts)[1] == "tmpfs"   # longest wins
    assert locations.mount_of("/mnt/museumextra/a.db", mounts)[1] == "ext4"           # not a prefix
    assert locations.mount_of("/mnt/nas share/a.db", mounts)[1] == "cifs"
    for fstype in ("nfs", "nfs4", "cifs", "smb3", "smbfs", "fuse.sshfs", "9p"):
        assert locations.is_network_type(fstype)
    for fstype in ("ext4", "xfs", "btrfs", "apfs", "tmpfs", "fuse.encfs"):
        assert not locations.is_network_type(fstype)


def test_unc_paths_are_network_shares_on_windows():
    where = locations._windows(Path(r"\\nas\museum\exhibit\archive.db"))
    assert where.network and where.mount_point == r"\\nas\museum"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/mounts")
def test_archive_on_a_network_share_is_refused_for_writing(blank_archive, monkeypatch):
    root = blank_archive.root
    services.create(blank_archive, Person(name_zh="方先觉"))
    blank_archive.close()
    real = str(root.resolve())
    monkeypatch.setattr(locations, "_mount_table",
                        lambda: f"/dev/vda / ext4 rw 0 0\nnas:/museum {real} nfs4 rw 0 0\n")
    with pytest.raises(locations.NetworkShareError) as caught:
        Archive.open(root)
    text = str(caught.value)
    assert str(root.resolve()) in text and "nfs4" in text and "local disk" in text
    # Reading from the share is fine (the kiosk does), and the user may override the refusal.
    with Archive.open(root, readonly=True) as ro:
        assert services.count(ro, "person") == 1
    monkeypatch.setenv(locations.ENV_ALLOW, "1")
    Archive.open(root).close()


def test_local_disk_is_not_a_network_share(tmp_path):
    assert not locations.locate(tmp_path / "new" / "archive.db").network


def _hold(root: Path, user: str = "葛先才") -> subprocess.Popen:
    child = subprocess.Popen(
        [sys.executable, "-c", "import sys; from exhibit.archive import Archive; "
         f"a = Archive.open({str(root)!r}, lock=True, user={user!r}); print('held', flush=True); "
         "sys.stdin.readline(); a.close(); print('released', flush=True); sys.stdin.read()"],
        cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8")
    assert child.stdout.readline().strip() == "held"
    return child


def test_second_instance_opens_read_only_and_says_who_has_it(blank_archive):
    root = blank_archive.root
    services.create(blank_archive, Person(name_zh="方先觉"))
    blank_archive.close()
    child = _hold(root)
    try:
        second = Archive.open(root, lock=True, user="tester")
        assert second.readonly and second.locked_by.user == "葛先才"
        assert services.count(second, "person") == 1                    # reading works
        with pytest.raises(ReadOnlyArchiveError, match="葛先才"):
            services.create(second, Person(name_zh="周庆祥"))
        second.close()
        # Headless commands are not app instances: SQLite keeps their transactions apart.
        plain = Archive.open(root, user="script")
        services.create(plain, Person(name_zh="周庆祥"))
        plain.close()
    finally:
        child.stdin.close()
        child.wait(timeout=60)
    third = Archive.open(root, lock=True)
    assert not third.readonly and third.locked_by is None
    third.close()


def test_second_instance_can_wait_for_the_first(blank_archive):
    root = blank_archive.root
    blank_archive.close()
    child = _hold(root)
    try:
        child.stdin.write("\n")          # the first instance closes …
        child.stdin.flush()
        waited = Archive.open(root, lock=True, wait=60)   # … and the second gets it
        assert not waited.readonly
        assert child.stdout.readline().strip() == "released"
        waited.close()
    finally:
        child.stdin.close()
        child.wait(timeout=60)


def test_killed_instance_frees_the_archive(blank_archive):
    root = blank_archive.root
    blank_archive.close()
    child = _hold(root)
    child.kill()
    child.wait(timeout=60)
    archive = Archive.open(root, lock=True)
    assert not archive.readonly
    archive.close()


def test_one_process_shares_its_lock(blank_archive):
    root = blank_archive.root
    blank_archive.close()
    window = Archive.open(root, lock=True)
    worker = Archive.open(root, lock=True)       # a worker thread of the same app
    assert not worker.readonly
    worker.close()
    assert instance_lock.holder(window.db_path) is not None   # the window still holds it
    window.close()
    assert instance_lock.holder(window.db_path) is None
