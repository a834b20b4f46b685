"""The service layer's record rules, applied to many rows without a query per row.

`services.validate` asks the database for every vocabulary term and
identifier it checks (about 0.1 ms a record: 10 s for 100,000 rows). An import
checks the same rules against what it loaded once: the vocabulary codes and
the identifiers already in the archive. tests/core/test_interchange_import.py
holds this to `services.validate` on good and bad records, so the two agree.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from exhibit import services
from exhibit.archive import Archive
from exhibit.dates import DateRange, parse_date
from exhibit.errors import DateError
from exhibit.records import LONG_FIELDS, Record, record_class

_BOOKKEEPING = {"id", "created", "modified"}  # = services._BOOKKEEPING


@dataclass
class RecordChecker:
    archive: Archive
    record_type: str
    vocab_codes: dict[str, set[str]] = field(default_factory=dict)
    idents: dict[str, int] = field(default_factory=dict)   # folded identifier → record id
    _dates: dict[str, DateRange | str] = field(default_factory=dict)

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

    def parse(self, text: str) -> DateRange:
        """parse_date, remembered: a catalogue repeats the same few dates thousands of times."""
        found = self._dates.get(text)
        if found is None:
            try:
                found = parse_date(text)
            except DateError as exc:
                found = str(exc)
            self._dates[text] = found
        if isinstance(found, str):
            raise DateError(found)
        return found

    def check(self, record: Record) -> tuple[Record, list[str]]:
        """(the record normalised with its dates filled in, every problem found).

        Works on `record` in place (the importer hands over a fresh one per
        row): dataclasses.replace would cost more than all the checks together.
        """
        problems: list[str] = []
        row = record.as_row()
        # services._str_fields, without computing as_row() again.
        # (Empty text passes every check and normalises to itself, so it is skipped.)
        names = [n for n, v in row.items() if v != "" and n not in _BOOKKEEPING
                 and (isinstance(v, str) or n.endswith(("_zh", "_en")))]
        for name in names:
            services._check_text(name, row[name], problems)
        if problems:
            return record, problems
        for name in names:  # services._normalized
            value = row[name]
            if isinstance(value, str):
                setattr(record, name, services._clean(value) if name not in LONG_FIELDS
                        else unicodedata.normalize("NFC", value))
        zh, en = record.title_pair()
        if record.NEEDS_TITLE and not (zh or en):
            problems.append(f"a {record.TITLE} is needed in Chinese or English")
        for field_name, vocab_name in record.VOCAB.items():
            code = getattr(record, field_name)
            if code and code not in self.vocab_codes.get(vocab_name, ()):
                problems.append(f"{field_name} '{code}' is not a term of the {vocab_name} vocabulary")
        for text_field, (start_field, end_field) in record.DATES.items():
            try:
                parsed = self.parse(getattr(record, text_field))
            except DateError as exc:
                problems.append(f"{text_field}: {exc}")
                continue
            setattr(record, start_field, parsed.start)
            setattr(record, end_field, parsed.end)
        self._check_ident(record, problems)
        if record.TYPE == "event" and not record.date_text:
            problems.append("an event needs a date for the timeline")
        if record.TYPE == "place":
            if record.lat is not None and not -90 <= record.lat <= 90:
                problems.append(f"latitude {record.lat} is outside −90…90")
            if record.lon is not None and not -180 <= record.lon <= 180:
                problems.append(f"longitude {record.lon} is outside −180…180")
        return record, problems

    def _check_ident(self, record: Record, problems: list[str]) -> None:
        cls = type(record)
        if not cls.IDENT or cls.TYPE == "media":
            return
        value = getattr(record, cls.IDENT)
        if not value:
            if cls.TYPE in ("object", "section", "panel"):
                problems.append("an accession number is required" if cls.TYPE == "object"
                                else "a code is required")
            return
        other = self.idents.get(fold_ident(value))
        if other is not None and other != record.id:
            what = "accession number" if cls.TYPE == "object" else cls.IDENT
            label = services.get(self.archive, cls.TYPE, other).label()
            problems.append(f"{what} '{value}' is already used by {label}")


def fold_ident(value: str) -> str:
    """Identifiers compare like the database's COLLATE NOCASE (ASCII case only)."""
    return services._clean(value).translate(_ASCII_LOWER)


_ASCII_LOWER = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}
