"""Controlled vocabularies: the Chinese movable-relics survey terms, with English labels.

The terms ship in `exhibit/data/vocabularies.json` (the one place that decides
them); an archive gets them on creation and may add its own later.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from sqlite_utils import Database

from exhibit.records import Term

DATA_FILE = Path(__file__).parent / "data" / "vocabularies.json"


@lru_cache(maxsize=1)
def default_vocabularies() -> dict:
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


def install_defaults(db: Database) -> None:
    """Add the shipped terms that the archive lacks; never changes or removes its own."""
    for vocab_name, spec in default_vocabularies().items():
        for position, term in enumerate(spec["terms"]):
            db.conn.execute(
                "INSERT OR IGNORE INTO vocabularies (vocab, code, label_zh, label_en, position) "
                "VALUES (?, ?, ?, ?, ?)",
                (vocab_name, term["code"], term["label_zh"], term["label_en"], position))


def terms(db: Database, vocab_name: str) -> list[Term]:
    rows = db.execute(
        "SELECT vocab, code, label_zh, label_en, position FROM vocabularies "
        "WHERE vocab = ? ORDER BY position, code", [vocab_name]).fetchall()
    return [Term(*row) for row in rows]


def term_exists(db: Database, vocab_name: str, code: str) -> bool:
    return db.execute("SELECT 1 FROM vocabularies WHERE vocab = ? AND code = ?",
                      [vocab_name, code]).fetchone() is not None


def add_term(db: Database, vocab_name: str, code: str, label_zh: str, label_en: str) -> bool:
    """Add a term of the archive's own after the vocabulary's last one; False (and nothing
    changed) when the code is there already. Call it inside the caller's transaction."""
    position = db.execute("SELECT coalesce(max(position), -1) + 1 FROM vocabularies WHERE vocab = ?",
                          [vocab_name]).fetchone()[0]
    cursor = db.execute("INSERT INTO vocabularies (vocab, code, label_zh, label_en, position) VALUES "
                        "(?, ?, ?, ?, ?) ON CONFLICT (vocab, code) DO NOTHING",   # SQLite's and PostgreSQL's
                        [vocab_name, code, label_zh, label_en, position])
    return cursor.rowcount == 1


def label(db: Database, vocab_name: str, code: str, lang: str = "zh") -> str:
    row = db.execute("SELECT label_zh, label_en FROM vocabularies WHERE vocab = ? AND code = ?",
                     [vocab_name, code]).fetchone()
    if row is None:
        return code
    return (row[0] or row[1]) if lang == "zh" else (row[1] or row[0])


def vocab_names() -> list[str]:
    return list(default_vocabularies())
