"""Where an archive lives: a local disk, or a network share where it must not be written.

SQLite relies on the file system's locks. Over SMB/CIFS and NFS those locks
are often broken or emulated, and two computers writing the same database can
corrupt it (https://www.sqlite.org/useovernet.html). So an archive on a
network share opens read-only, and opening it for writing is refused with an
explanation. How a share is recognised: /proc/mounts on Linux, statfs()'s
MNT_LOCAL flag and type name on macOS/BSD, GetDriveTypeW (and UNC paths) on
Windows. EXHIBIT_ALLOW_NETWORK_SHARE=1 overrides the refusal for a user who
knows only one computer ever opens the share.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from exhibit.errors import ExhibitError

ENV_ALLOW = "EXHIBIT_ALLOW_NETWORK_SHARE"

# Linux file-system types that are network or cluster file systems.
NETWORK_TYPES = frozenset({
    "nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "ncpfs", "ncp", "afs", "coda",
    "9p", "ceph", "glusterfs", "lustre", "gpfs", "beegfs", "davfs", "webdav", "afpfs",
    "sshfs", "fuse.sshfs", "fuse.glusterfs", "fuse.rclone", "fuse.s3fs", "fuse.cephfs",
    "fuse.davfs2", "fuse.smbnetfs", "fuse.gvfsd-fuse", "fuse.nfs", "ocfs2", "gfs2",
})


class NetworkShareError(ExhibitError):
    """The archive is on a network share and was not opened for writing."""


@dataclass(frozen=True)
class Location:
    path: Path
    fstype: str        # 'ext4', 'nfs4', 'smbfs', 'remote drive' …; '' when unknown
    mount_point: str   # where that file system is mounted ('' when unknown)
    network: bool

    def explanation(self) -> str:
        where = f"{self.fstype} at {self.mount_point}" if self.mount_point else self.fstype
        return (f"{self.path} is on a network share ({where}). SQLite cannot lock files reliably "
                f"over SMB/NFS, so editing an archive there can corrupt it when two computers use it. "
                f"Copy the archive folder to a local disk and open it there; on the share it can "
                f"only be opened read-only (as the kiosk does).")


# ---------------------------------------------------------------- Linux

def _unescape(field: str) -> str:
    """/proc/mounts writes space, tab, newline and backslash as octal escapes (\\040 …)."""
    out, i = [], 0
    while i < len(field):
        if field[i] == "\\" and i + 4 <= len(field) and field[i + 1:i + 4].isdigit():
            out.append(chr(int(field[i + 1:i + 4], 8)))
            i += 4
        else:
            out.append(field[i])
            i += 1
    return "".join(out)


def parse_mounts(text: str) -> list[tuple[str, str, str]]:
    """(mount point, file-system type, source) for each line of /proc/mounts."""
    mounts = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 3:
            mounts.append((_unescape(parts[1]), parts[2], _unescape(parts[0])))
    return mounts


def mount_of(path: str, mounts: list[tuple[str, str, str]]) -> tuple[str, str, str] | None:
    """The mount containing `path`: the longest mount point above it (a later mount on the same point wins)."""
    best, best_len = None, -1
    for entry in mounts:
        point = entry[0].rstrip("/")   # '/' becomes '', which every absolute path starts with
        if (path == point or path.startswith(point + "/")) and len(point) >= best_len:
            best, best_len = entry, len(point)
    return best


def is_network_type(fstype: str, source: str = "") -> bool:
    fstype = fstype.lower()
    if fstype in NETWORK_TYPES or fstype.startswith(("nfs", "smb", "cifs")):
        return True
    # A FUSE mount whose source is host:path or //host/share is a network one.
    return fstype.startswith("fuse") and (source.startswith("//") or ":" in source.split("/")[0])


def _mount_table() -> str:
    for name in ("/proc/self/mounts", "/proc/mounts"):
        try:
            return Path(name).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
    return ""


def _linux(path: Path) -> Location:
    found = mount_of(str(path), parse_mounts(_mount_table()))
    if found is None:
        return Location(path, "", "", False)
    point, fstype, source = found
    return Location(path, fstype, point, is_network_type(fstype, source))


# ---------------------------------------------------------------- macOS / BSD

_MNT_LOCAL = 0x00001000
_MFSTYPENAMELEN = 16
_MAXPATHLEN = 1024


class _StatFS64(ctypes.Structure):
    """struct statfs with 64-bit inodes (macOS 10.6+, the only layout on arm64)."""
    _fields_ = [("f_bsize", ctypes.c_uint32), ("f_iosize", ctypes.c_int32),
                ("f_blocks", ctypes.c_uint64), ("f_bfree", ctypes.c_uint64),
                ("f_bavail", ctypes.c_uint64), ("f_files", ctypes.c_uint64),
                ("f_ffree", ctypes.c_uint64), ("f_fsid", ctypes.c_int32 * 2),
                ("f_owner", ctypes.c_uint32), ("f_type", ctypes.c_uint32),
                ("f_flags", ctypes.c_uint32), ("f_fssubtype", ctypes.c_uint32),
                ("f_fstypename", ctypes.c_char * _MFSTYPENAMELEN),
                ("f_mntonname", ctypes.c_char * _MAXPATHLEN),
                ("f_mntfromname", ctypes.c_char * _MAXPATHLEN),
                ("f_flags_ext", ctypes.c_uint32), ("f_reserved", ctypes.c_uint32 * 7)]


def _macos(path: Path) -> Location:
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    func = getattr(libc, "statfs$INODE64", None) or libc.statfs
    buf = _StatFS64()
    if func(os.fsencode(str(path)), ctypes.byref(buf)) != 0:
        return Location(path, "", "", False)
    fstype = buf.f_fstypename.decode(errors="replace")
    network = not (buf.f_flags & _MNT_LOCAL) or fstype in {"smbfs", "nfs", "afpfs", "webdav", "cifs"}
    return Location(path, fstype, buf.f_mntonname.decode(errors="replace"), network)


# ---------------------------------------------------------------- Windows

_DRIVE_REMOTE = 4


def _windows(path: Path) -> Location:
    text = str(path)
    if text.startswith("\\\\") and not text.startswith("\\\\?\\"):   # \\server\share\…
        share = "\\".join(text.split("\\")[:4])
        return Location(path, "SMB share", share, True)
    drive = os.path.splitdrive(text)[0]
    if not drive:
        return Location(path, "", "", False)
    root = drive + "\\"
    kind = ctypes.windll.kernel32.GetDriveTypeW(ctypes.c_wchar_p(root))  # type: ignore[attr-defined]  # windll: Windows only
    return Location(path, "remote drive" if kind == _DRIVE_REMOTE else "local drive", root,
                    kind == _DRIVE_REMOTE)


# ---------------------------------------------------------------- the checks

def _existing(path: Path) -> Path:
    """The nearest existing folder (the archive may not exist yet)."""
    path = Path(os.path.realpath(path))
    while not path.exists() and path.parent != path:
        path = path.parent
    return path


def locate(path: Path | str) -> Location:
    """Which kind of file system holds `path` (a file or folder, existing or about to be)."""
    real = _existing(Path(path))
    try:
        if sys.platform.startswith("win"):
            return _windows(real)
        if sys.platform == "darwin" or "bsd" in sys.platform:
            return _macos(real)
        return _linux(real)
    except (OSError, AttributeError, ValueError):
        # Unknown is treated as local: refusing every archive on an odd system would be worse.
        return Location(real, "", "", False)


def ensure_local(path: Path | str) -> Location:
    """Raise NetworkShareError if `path` is on a network share (unless the user allowed it)."""
    where = locate(path)
    if where.network and os.environ.get(ENV_ALLOW, "") not in ("1", "yes", "true"):
        raise NetworkShareError(where.explanation())
    return where
