"""What the full-text index holds, for tests that compare two ways of writing it.

The index keeps no copy of its texts (content=''), so its words are read back
through fts5vocab: every term with the record, column and position it is at.
"""
from __future__ import annotations

from typing import Any


def indexed_words(db: Any, table: str = "search_fts") -> list[tuple]:
    """(record type, record id, column, position, term) of every word in `table`, sorted."""
    db.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{table}_words USING fts5vocab(main, {table}, instance)")
    return sorted(db.execute(
        f"SELECT d.record_type, d.record_id, v.col, v.offset, v.term FROM temp.{table}_words v "
        f"JOIN search_docs d ON d.id = v.doc").fetchall())
