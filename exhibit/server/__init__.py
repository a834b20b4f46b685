"""The shared archive on a PostgreSQL server, for museums where several curators catalogue at once.

SQLite stays the embedded default; a museum that outgrows one workstation puts its archive
on one PostgreSQL server (as digiKam and Kodi offer MySQL beside SQLite). This package is
the server's side of that, with no Qt: its address and connection (`address`), its schema
and migrations, numbered as the SQLite ones (`schema`), and moving an archive between the
two (`transfer`: `server upload` copies a local archive onto an empty server archive,
`server backup` writes a verified local SQLite archive from the server, on which every
existing command works). `search` says how search gives the same hits on both.
`records` edits records on the server (the same rules, history and index as SQLite's
services, with optimistic locking: a `Conflict` field by field instead of an overwrite),
and `listen` hears every committed edit through LISTEN/NOTIFY.
"""
