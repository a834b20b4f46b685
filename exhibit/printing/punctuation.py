"""Half-width punctuation inside Chinese text: found by the label checker, fixed on request.

Chinese takes full-width punctuation (GB/T 15834; W3C clreq): "衡阳,湖南" is a
typing slip for "衡阳，湖南", and it prints badly (a narrow Latin comma with
no room after it, and a place the line breaker cannot treat as Chinese). A
mark counts when the characters on both sides of it (spaces aside) are
Chinese: Han characters or full-width punctuation. Brackets count as a pair:
"(" and ")" become "（" and "）" when the text inside is Chinese (no Latin
letters) and a Chinese character stands outside one of them, as in
"日军第11军(横山勇)于六月抵达".

`fix_archive` rewrites every Chinese text field of objects, panels, sections and
media in one transaction through the services, so each changed record leaves
a history row (before and after) and the change is undone like any edit.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from typing import Any

from exhibit import services
from exhibit.archive import Archive
from exhibit.records import ArchiveObject, Media, Panel, Record, Section

FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", ".": "。"}
_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_SIDE = rf"[{_HAN}\u3000-\u303f\uff01-\uff60]"
# A half-width mark between Chinese characters, with the spaces around it.
_BETWEEN = re.compile(rf"(?<={_CJK_SIDE})[ \t]*([,;:?!.])[ \t]*(?={_CJK_SIDE})")
# A bracketed run without Latin letters that holds Chinese.
_PAREN = re.compile(r"\(([^()A-Za-z]*)\)")
_HAN_RE = re.compile(rf"[{_HAN}]")


def _paren_pairs(text: str) -> list[re.Match[str]]:
    out = []
    for m in _PAREN.finditer(text):
        if not _HAN_RE.search(m.group(1)):
            continue
        before = text[m.start() - 1] if m.start() else ""
        after = text[m.end()] if m.end() < len(text) else ""
        if re.match(_CJK_SIDE, before) or re.match(_CJK_SIDE, after):
            out.append(m)
    return out


def halfwidth_marks(text: str) -> list[str]:
    """Each half-width mark that should be full-width, with a character of context: "阳,湖"."""
    found = [text[max(m.start() - 1, 0):m.end() + 1] for m in _BETWEEN.finditer(text)]
    found += [text[max(m.start() - 1, 0):m.start() + 2] for m in _paren_pairs(text)]
    return found


def normalise(text: str) -> str:
    """`text` with those marks full-width (and the spaces around a mark between Chinese characters gone)."""
    pairs = _paren_pairs(text)
    if pairs:
        parts, last = [], 0
        for m in pairs:
            parts += [text[last:m.start()], "（", m.group(1), "）"]
            last = m.end()
        text = "".join(parts) + text[last:]
    return _BETWEEN.sub(lambda m: FULL[m.group(1)], text)


@dataclass(frozen=True)
class FieldChange:
    record: str          # how messages name the record
    field: str
    before: str
    after: str


# The record types whose Chinese text is printed or shown to visitors.
_TYPES: tuple[type[Record], ...] = (ArchiveObject, Panel, Section, Media)


def _chinese_fields(cls: type[Record]) -> list[str]:
    return [f.name for f in fields(cls) if f.name.endswith("_zh") and f.type in (str, "str")]


def plan_fixes(archive: Archive) -> list[tuple[Record, list[FieldChange]]]:
    """Every record with Chinese text to fix, and its changes; changes nothing."""
    out = []
    for cls in _TYPES:
        names = _chinese_fields(cls)
        for record in services.list_records(archive, cls):
            changes = []
            for name in names:
                before = getattr(record, name) or ""
                after = normalise(before)
                if after != before:
                    changes.append(FieldChange(record.label(), name, before, after))
            if changes:
                out.append((record, changes))
    return out


def fix_archive(archive: Archive, *, apply: bool) -> list[FieldChange]:
    """Normalise the punctuation of every Chinese text field; with `apply`, in one transaction
    (each record through services.update: validated, indexed, a history row). Returns the changes."""
    planned = plan_fixes(archive)
    if apply and planned:
        with archive.transaction():
            for record, changes in planned:
                changed: dict[str, Any] = {c.field: c.after for c in changes}
                services.update(archive, replace(record, **changed))
    return [c for _, changes in planned for c in changes]
