"""Type sizes by template and reading distance, line lengths and word budgets: the one table.

Following accessible exhibition practice (Smithsonian Guidelines for
Accessible Exhibition Design; the V&A's and the Getty's label guides): text
read from further away is set larger, lines hold about 45–55 characters of
English, sentences are short and each kind of label has a word budget.
Chinese is budgeted in characters (about two characters carry an English
word's meaning).

Each `TemplateType` is one row of the table: a template at a reading
distance. The body text aims at `target_pt` and may shrink as a whole (every
role keeping its ratio to the body) down to `min_pt`; each role also has an
absolute floor (`floors`), for example a title is never below 28 pt on an
object card. Text that would need a size below its floor is a checker error
(exhibit/printing/checker.py) and the label is not printed: never a silent
shrink, never a silent cut.

Which row a label takes (`template_type`):

- object labels one to a page (A6, 100×150 mm, A5 and larger) hang or stand
  beside the object and are read at 0.5–1 m: title 28 pt bold, tombstone and
  credit 14 pt, body 22 pt at least;
- object and caption labels cut from a sheet sit in a case or on a mount and
  are read at 30–50 cm: body 12 pt at least;
- panels are read at 1–1.5 m, at sizes that grow with the sheet (A3, A2, A1).

Arithmetic worth knowing when choosing a size: an A5 card (148 × 210 mm, 7.4 mm
margins) holds about eleven lines of body text at 22 pt under a title and a
tombstone of two to three lines each. A Chinese line holds 17 characters
(punctuation included), an English one about 41 characters, six or seven words:
both languages fit when the label copy is about 60–75 characters and 35–40
words (issue 17 measured the sample's); the issue's upper budget, 150
characters and 75 words, needs A4.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from exhibit.errors import ExhibitError

# Roles: what each block of a label is. Bold roles are set in the bold faces.
ROLES = ("title", "subtitle", "meta", "body", "small")
BOLD_ROLES = frozenset({"title", "subtitle"})
# Size of each role relative to the body text (before the role's floor is applied).
ROLE_SCALE: dict[str, float] = {
    "title": 1.27,      # the object's name (both languages), 28 pt over a 22 pt body; a panel's title
    "subtitle": 1.1,    # a panel's subtitle
    "meta": 0.62,       # object name and tombstone: date · medium · dimensions · accession
    "body": 1.0,        # the label text
    "small": 0.62,      # credit line, rights, a caption's creator and date
}
# Tombstone and credit lines are set in a dark grey, so the title and the body lead the eye.
ROLE_COLOR: dict[str, str] = {"meta": "#3d3d3d", "small": "#3d3d3d"}
LEADING = {"zh": 1.5, "mixed": 1.35, "en": 1.3}   # line height / size; Chinese lines need more air
TITLE_LEADING = 1.2
# An object card's lines are short (17 Han characters or about 41 Latin ones at 22 pt on A5),
# and a short line needs less air for the eye to find the next one: reading type at 1.4
# (Chinese) and 1.2 (English), the one- or two-line tombstone and credit at 1.2, a two-line
# title at 1.1, as a designer sets a large label. Longer lines (panels, sheets) keep the
# table above.
CARD_LEADING = {"zh": 1.4, "mixed": 1.2, "en": 1.2, "title": 1.1}


@dataclass(frozen=True)
class Budget:
    words_en: int        # words of English text in the whole label
    chars_zh: int        # Han characters (and other CJK) in the whole label
    sentence_words_en: int
    sentence_chars_zh: int


@dataclass(frozen=True)
class TemplateType:
    name: str                 # the template: "object", "caption" or "panel"
    setting: str              # where it is read: "card", "sheet", "A3", "A2", "A1"
    distance: str             # reading distance, for people reading the table
    target_pt: float          # body size to aim for
    min_pt: float             # the body's floor: below this the text does not fit
    max_pt: float             # never larger, however big the label
    budget: Budget
    floors: dict[str, float] = field(default_factory=dict)   # absolute floor of each role, in pt
    line_chars_en: tuple[int, int] = (45, 55)   # good range of characters per English line
    line_chars_max_en: int = 70                 # warn above this
    # Line height / size by language ("zh", "mixed", "en") and for titles ("title");
    # what is not named here takes LEADING and TITLE_LEADING.
    leading: dict[str, float] = field(default_factory=dict)

    def floor(self, role: str) -> float:
        return self.floors.get(role, self.min_pt if role == "body" else 0.0)

    def leading_ratio(self, role: str, lang: str) -> float:
        """Line height / size of `role` in `lang` for this row."""
        if role in ("title", "subtitle"):
            return self.leading.get("title", TITLE_LEADING)
        return self.leading.get(lang, LEADING.get(lang, LEADING["en"]))


_OBJECT_BUDGET = Budget(words_en=75, chars_zh=150, sentence_words_en=25, sentence_chars_zh=50)
_CAPTION_BUDGET = Budget(words_en=40, chars_zh=80, sentence_words_en=25, sentence_chars_zh=50)
_PANEL_BUDGET = Budget(words_en=250, chars_zh=500, sentence_words_en=25, sentence_chars_zh=60)

# The table. Keys: (template, setting).
TYPES: dict[tuple[str, str], TemplateType] = {(t.name, t.setting): t for t in (
    TemplateType("object", "card", "0.5–1 m", target_pt=24, min_pt=22, max_pt=30, budget=_OBJECT_BUDGET,
                 floors={"title": 28, "meta": 14, "small": 14, "body": 22}, leading=CARD_LEADING),
    TemplateType("object", "sheet", "30–50 cm", target_pt=16, min_pt=12, max_pt=22, budget=_OBJECT_BUDGET,
                 floors={"title": 16, "meta": 9, "small": 9, "body": 12}),
    TemplateType("caption", "sheet", "30–50 cm", target_pt=16, min_pt=12, max_pt=24, budget=_CAPTION_BUDGET,
                 floors={"title": 16, "meta": 9, "small": 9, "body": 12}),
    TemplateType("caption", "card", "0.5–1 m", target_pt=22, min_pt=16, max_pt=28, budget=_CAPTION_BUDGET,
                 floors={"title": 22, "meta": 11, "small": 11, "body": 16}),
    # Panels at 1–1.5 m: the body grows with the sheet, titles at least twice the body.
    TemplateType("panel", "A3", "1–1.5 m", target_pt=28, min_pt=24, max_pt=32, budget=_PANEL_BUDGET,
                 floors={"title": 48, "subtitle": 30, "meta": 16, "small": 14, "body": 24}),
    # A2: 24 pt is legible at 1.5 m (Smithsonian); a full panel text (~250 words and ~450
    # characters) with two pictures fits an A2 at 24–28 pt, not at 30 (panels.py measured it).
    TemplateType("panel", "A2", "1–1.5 m", target_pt=28, min_pt=24, max_pt=36, budget=_PANEL_BUDGET,
                 floors={"title": 64, "subtitle": 38, "meta": 20, "small": 18, "body": 24}),
    TemplateType("panel", "A1", "1–1.5 m", target_pt=42, min_pt=36, max_pt=48, budget=_PANEL_BUDGET,
                 floors={"title": 80, "subtitle": 46, "meta": 24, "small": 22, "body": 36}),
)}
TEMPLATE_NAMES = ("object", "caption", "panel")
_MM = 72 / 25.4


def template_type(template: str, label_w: float, label_h: float, *, on_sheet: bool) -> TemplateType:
    """The row of the table for `template` on a label of label_w × label_h points."""
    if template == "panel":
        short = min(label_w, label_h) / _MM
        setting = "A1" if short >= 560 else "A2" if short >= 400 else "A3"
    elif template in ("object", "caption"):
        setting = "sheet" if on_sheet else "card"
    else:
        raise ExhibitError(f"unknown template '{template}'; choose {', '.join(TEMPLATE_NAMES)}")
    return TYPES[(template, setting)]


def role_size(kind: TemplateType, role: str, body_pt: float) -> float:
    """The size of `role` when the body is set at `body_pt`: its ratio, never below its floor."""
    return max(ROLE_SCALE[role] * body_pt, kind.floor(role))


def leading(role: str, size: float, lang: str = "en", kind: TemplateType | None = None) -> float:
    """Line height of `role` at `size`: the row's own leading when `kind` is given."""
    if kind is not None:
        return size * kind.leading_ratio(role, lang)
    return size * (TITLE_LEADING if role in ("title", "subtitle") else LEADING.get(lang, LEADING["en"]))


# ---- Panels (exhibit/printing/panels.py): the roles a wall panel adds, relative to its body size.
# The lead paragraph is set a size up from the body; a pull quote larger still (never below the
# row's subtitle floor); the section's name in the colour band a little under the body.
# Captions and credits are the "meta" and "small" roles above.
PANEL_SCALE: dict[str, float] = {"lead": 1.2, "quote": 1.4, "band": 0.85}
