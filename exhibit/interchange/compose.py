"""Fields an import writes from several columns of a row.

A museum's export spreads over columns what the object record keeps in one
field, and the importer puts it back together before the row is checked:

- makers and their role in a column of its own (Tate's `artist` and
  `artistRole`): each maker gets the role (`object_fields.role_code`: "artist",
  "Painter", 印刷 …). A word that is no role but an attribution ("after",
  "circle of", "attributed to") is kept in front of the name ("after Turner,
  Joseph Mallord William", with the role "maker"), so it is not lost;
- other numbers from several columns (`id`, `旧编号`): each plain number gets
  the column's kind (guessing.number_kind: "source id" for a system's id
  column, else the header as written), and JSON as exported is kept;
- external links from several columns (`url`, `thumbnailUrl`);
- dimensions from one column per measurement (height, width, depth, length,
  diameter) and a unit column: a row with no dimensions text gets one written
  from them ("394 × 419 mm", or "高28 × 宽23厘米" under Chinese headers), which
  the record's save then reads into measurements like any other. A filled
  dimensions text wins.

A cell that cannot be read as its list is passed on as written, so the record's
rules reject the row naming the field, as they would for one column.
"""
from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Callable

from exhibit import object_fields
from exhibit.interchange import cells
from exhibit.interchange.guessing import number_kind
from exhibit.interchange.mapping import DIMENSION_PARTS, DIMENSION_UNIT, MAKER_ROLE
from exhibit.interchange.tables import TableRow
from exhibit.object_fields import FieldFormatError, Maker

_HAN = re.compile(r"[\u3400-\u9fff]")
_LABELS = {"en": {"height": "H", "width": "W", "depth": "D", "length": "L", "diameter": "Diam."},
           "zh": {"height": "高", "width": "宽", "depth": "深", "length": "长", "diameter": "直径"}}
_POSITIONAL = ("height", "width", "depth")  # unlabelled numbers, in the museum convention's order


@dataclass
class Composer:
    """Where the composed fields' cells are in a row (made once per import, used per row)."""
    numbers: list[tuple[int, str]] = field(default_factory=list)   # (column, kind of a plain number)
    links: list[int] = field(default_factory=list)
    makers: int | None = None
    role: int | None = None
    parts: list[tuple[int, str]] = field(default_factory=list)     # (column, dimension)
    unit: int | None = None
    lang: str = "en"   # of the dimension headers: the composed text's language

    FIELDS = frozenset({"other_numbers", "external_links", MAKER_ROLE, DIMENSION_UNIT, *DIMENSION_PARTS})

    @classmethod
    def of(cls, header: list[str], fields: list[str]) -> "Composer | None":
        """The composer for these columns, or None when every field comes from one column as it is."""
        found = cls()
        for i, (h, f) in enumerate(zip(header, fields)):
            if f == "other_numbers":
                found.numbers.append((i, number_kind(h)))
            elif f == "external_links":
                found.links.append(i)
            elif f == "makers":
                found.makers = i
            elif f == MAKER_ROLE:
                found.role = i
            elif f in DIMENSION_PARTS:
                found.parts.append((i, DIMENSION_PARTS[f]))
                if _HAN.search(h):
                    found.lang = "zh"
            elif f == DIMENSION_UNIT:
                found.unit = i
        if found.role is None and not found.parts and len(found.links) < 2 \
                and not any(kind for _, kind in found.numbers) and len(found.numbers) < 2:
            return None
        return found

    def takes(self, name: str) -> bool:
        """Whether the row's value of `name` comes from here rather than from its one column."""
        return name in self.FIELDS or (name == "makers" and self.role is not None)

    def fill(self, row: TableRow, values: dict[str, str]) -> None:
        """Write the composed fields of `row` into `values` (the row's other fields)."""
        if self.numbers:
            values["other_numbers"] = self._numbers(row)
        if self.links:
            values["external_links"] = self._joined(row, self.links, object_fields.read_links,
                                                    object_fields.links_text)
        if self.makers is not None and self.role is not None:
            values["makers"] = self._makers(_cell(row, self.makers), _cell(row, self.role))
        if self.parts and not values.get("dimensions", "").strip():
            text = self._dimensions(row)
            if text:
                values["dimensions"] = text

    def _numbers(self, row: TableRow) -> str:
        found: list[object_fields.OtherNumber] = []
        raw: list[str] = []
        for index, kind in self.numbers:
            text = _cell(row, index).strip()
            if not text:
                continue
            raw.append(text)
            try:
                items = object_fields.read_other_numbers(text)
            except FieldFormatError:
                return "; ".join(raw)   # the rules say what is wrong with it
            found += [replace(n, kind=n.kind or kind) for n in items]
        return object_fields.other_numbers_text(found) if found else ""

    @staticmethod
    def _joined(row: TableRow, columns: list[int], read: Callable[[str], list[Any]],
                write: Callable[[list[Any]], str]) -> str:
        texts = [t for t in (_cell(row, i).strip() for i in columns) if t]
        items = []
        for text in texts:
            try:
                items += read(text)
            except FieldFormatError:
                return "; ".join(texts)
        return write(items) if items else ""

    @staticmethod
    def _makers(names: str, roles: str) -> str:
        if not names.strip() or names.lstrip().startswith("["):
            return names   # empty, or JSON that says each maker's role itself
        parts = [p.strip() for p in re.split(r"[;；\n]", names) if p.strip()]
        words = [w.strip() for w in re.split(r"[;；\n]", roles)]
        makers = []
        for n, part in enumerate(parts):
            word = words[n] if len(words) == len(parts) else words[0] if words else ""
            makers.append(_maker(part, word))
        return json.dumps([{k: v for k, v in asdict(m).items() if v} for m in makers],
                          ensure_ascii=False, separators=(",", ":"))

    def _dimensions(self, row: TableRow) -> str:
        order = (*_POSITIONAL, "length", "diameter")   # H × W × D, whatever the columns' order
        given = sorted(((dim, _cell(row, i).strip()) for i, dim in self.parts), key=lambda g: order.index(g[0]))
        given = [(dim, value) for dim, value in given if value and value not in ("0", "0.0")]
        if not given:
            return ""
        unit = _cell(row, self.unit).strip() if self.unit is not None else ""
        dims = tuple(dim for dim, _ in given)
        if self.lang == "en" and dims == _POSITIONAL[:len(dims)]:
            text = " × ".join(value for _, value in given)        # "394 × 419 mm": H × W
        else:
            labels = _LABELS[self.lang]
            sep = "" if self.lang == "zh" else " "
            text = " × ".join(f"{labels[dim]}{sep}{value}" for dim, value in given)
        if not unit:
            return text
        return f"{text}{unit}" if self.lang == "zh" and _HAN.search(unit) else f"{text} {unit}"


def _cell(row: TableRow, index: int) -> str:
    return cells.restore(row.get(index))


def _maker(part: str, word: str) -> Maker:
    """One maker from the makers cell and its role word."""
    try:
        read = object_fields.read_makers(part)
    except FieldFormatError:
        read = []
    maker = read[0] if len(read) == 1 else (Maker(name_zh=part) if _HAN.search(part) else Maker(name_en=part))
    if not word or maker.role != "maker":
        return maker   # no role given, or the cell named one itself ("Name (printer)")
    code = object_fields.role_code(word)
    if code is not None:
        return replace(maker, role=code)
    # An attribution ("after", "circle of"), not a role: kept with the name, not dropped.
    if maker.name_en:
        return replace(maker, name_en=f"{word} {maker.name_en}")
    return replace(maker, name_zh=f"{word}{maker.name_zh}")
