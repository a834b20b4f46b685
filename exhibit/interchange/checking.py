"""The record rules (exhibit/rules.py), applied to many rows without a query per row.

`services.validate` asks the database for every vocabulary term and
identifier it checks (about 0.1 ms a record: 10 s for 100,000 rows). An import
runs the same rules against what it loaded once: the vocabulary codes and the
identifiers already in the archive; it reads each distinct date text once.
tests/core/test_interchange_import.py holds this to `services.validate` on
good and bad records, so the two agree.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from exhibit import rules, services
from exhibit.archive import Archive
from exhibit.dates import DateReading, read_date
from exhibit.errors import DateError
from exhibit.problems import Problem, RecordRef
from exhibit.records import RECORD_TYPES, Record, record_class


@dataclass
class RecordChecker:
    archive: Archive
    record_type: str
    vocab_codes: dict[str, set[str]] = field(default_factory=dict)
    idents: dict[str, int] = field(default_factory=dict)   # folded identifier → record id
    _dates: dict[str, DateReading | DateError] = field(default_factory=dict)
    _ids: dict[str, set[int]] = field(default_factory=dict)  # record ids by type, loaded when asked
    _keys: dict[str, set[str]] = field(default_factory=dict)  # record keys by type, loaded when asked

    @classmethod
    def load(cls, archive: Archive, record_type: str) -> "RecordChecker":
        codes: dict[str, set[str]] = {}
        for vocab_name, code in archive.db.execute("SELECT vocab, code FROM vocabularies"):
            codes.setdefault(vocab_name, set()).add(code)
        klass = record_class(record_type)
        idents: dict[str, int] = {}
        if klass.IDENT:
            for rid, ident in archive.db.execute(
                    f"SELECT id, {klass.IDENT} FROM {klass.TABLE} WHERE {klass.IDENT} IS NOT NULL"):
                idents[fold_ident(ident)] = rid
        return cls(archive, record_type, codes, idents)

    # ------------------------------------------------------------ rules.Lookups

    def term_exists(self, vocab_name: str, code: str) -> bool:
        return code in self.vocab_codes.get(vocab_name, ())

    def ident_owner(self, record: Record, value: str) -> RecordRef | None:
        other = self.idents.get(fold_ident(value))
        if other is None or other == record.id:
            return None
        return RecordRef.of(services.get(self.archive, record.TYPE, other))

    def exists(self, record_type: str, record_id: int | None) -> bool:
        if record_id is None or record_type not in RECORD_TYPES:
            return False
        if record_type not in self._ids:
            table = RECORD_TYPES[record_type].TABLE
            self._ids[record_type] = {rid for (rid,) in self.archive.db.execute(f"SELECT id FROM {table}")}
        return record_id in self._ids[record_type]

    def key_exists(self, record_type: str, key: str) -> bool:
        if record_type not in self._keys:
            cls = RECORD_TYPES[record_type]
            self._keys[record_type] = {k for (k,) in self.archive.db.execute(
                f"SELECT {cls.IDENT} FROM {cls.TABLE} WHERE {cls.IDENT} IS NOT NULL")}
        return key in self._keys[record_type]

    def read_date(self, text: str) -> DateReading:
        """read_date, remembered: a catalogue repeats the same few dates thousands of times."""
        found = self._dates.get(text)
        if found is None:
            try:
                found = read_date(text)
            except DateError as exc:
                found = exc
            self._dates[text] = found
        if isinstance(found, DateError):
            raise DateError(*found.args)  # a fresh one: re-raising one object would grow its traceback
        return found

    # ------------------------------------------------------------ checking

    def check(self, record: Record) -> tuple[Record, list[Problem]]:
        """(the record normalised with its dates filled in, every problem found: errors and warnings).

        Works on `record` in place (the importer hands over a fresh one per
        row): dataclasses.replace would cost more than all the checks together.
        """
        problems: list[Problem] = []
        rules.store_texts(record, problems)  # check_text on each text, then stored_text
        if problems:
            return record, problems
        for name, value in rules.check_record(record, self, problems).items():
            setattr(record, name, value)
        return record, problems


def fold_ident(value: str) -> str:
    """Identifiers compare like the database's COLLATE NOCASE (ASCII case only)."""
    return rules.clean_text(value).translate(_ASCII_LOWER)


_ASCII_LOWER = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}
