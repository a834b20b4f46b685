"""The curator's edits as undo steps: each is one service call, pushed only if it succeeded.

    undo.py     the command and `run` that every edit goes through
    records.py  create, update, delete records; record an object's movement
    links.py    links and the exhibition's order
    media.py    a record's images: link, unlink, reorder, set primary
"""
