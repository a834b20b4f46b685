"""Safe keeping: backups, recovery, health checks and the guards around opening an archive.

    backups.py      verified backups (SQLite backup API), rotation, the idle and pre-import triggers
    health.py       quick_check on open, the full check, the damaged-archive path
    recovery.py     restore a backup, after backing up (or keeping aside) the current state
    media_check.py  media files present and matching their hash, orphans, repair by hash
    locations.py    refuse to write on a network share (SMB/NFS/…)
    lock.py         one app instance writes an archive at a time; the next opens read-only or waits
    cli.py          `backups`, `restore`, `verify`, `media-check`

This package never imports exhibit.archive at module level: archive.py calls
locations, lock and health while it opens an archive.
"""
