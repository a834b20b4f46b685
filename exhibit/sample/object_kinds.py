"""The kinds of object the sample draws, and which kind each object gets.

objects.json names a kind in each object's `drawing` field. Each kind also
says which objects it depicts, as a pattern on the object's Chinese name: a
Chinese noun phrase ends with what the thing is (中正式步枪 is a rifle,
中正式步枪刺刀 a bayonet, 日式步枪弹壳 cartridge cases), so the pattern looks
at that head noun, after any bracketed note such as （展陈复原件）. The sample's
test checks every object's kind against its name; an object with no kind, or
one this module does not know, gets the kind its name matches, and failing
that a generic archive box, so a curator's own data never stops the drawing.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass
from typing import Callable

from exhibit.sample import drawings_paper as paper
from exhibit.sample import drawings_things as things
from exhibit.sample.drawing import Pen


@dataclass(frozen=True)
class DrawingKind:
    name: str
    subject_zh: str      # regular expression on the object's Chinese name, without bracketed notes
    draw: Callable[[Pen, random.Random], None]
    flat: bool = True    # lies on a surface, seen from above (drop shadow); else stands (floor shadow)

    def depicts(self, name_zh: str) -> bool:
        return bool(self.subject_zh) and re.search(self.subject_zh, head_name(name_zh)) is not None


_KINDS = (
    # paper: notices, forms, letters
    DrawingKind("notice", r"布告$", paper.draw_notice),
    DrawingKind("telegram_form", r"电文$", paper.draw_telegram_form),
    DrawingKind("telegram_copy", r"手抄件$", paper.draw_brush_copy),
    DrawingKind("handwritten_order", r"手令$", paper.draw_handwritten_order),
    DrawingKind("diary_pages", r"日记", paper.draw_diary_pages),
    DrawingKind("recollection_pages", r"回忆手稿$", paper.draw_recollection_pages),
    DrawingKind("evacuation_certificate", r"疏散证明$", paper.draw_evacuation_certificate),
    DrawingKind("death_notice", r"阵亡通知书$", paper.draw_death_notice),
    DrawingKind("surrender_pass", r"归来证", paper.draw_surrender_pass),
    DrawingKind("programme", r"程序单$", paper.draw_programme),
    DrawingKind("rail_ticket", r"车票$", paper.draw_rail_ticket),
    DrawingKind("banknotes", r"纸币", paper.draw_banknotes),
    # paper: maps, the press, books
    DrawingKind("situation_map", r"形势图$", paper.draw_situation_map),
    DrawingKind("military_map", r"军用地图$", paper.draw_military_map),
    DrawingKind("newspaper_jp", r"日本报纸$", paper.draw_newspaper_jp),
    DrawingKind("newspaper_cn", r"《[^》]*日报》", paper.draw_newspaper_cn),
    DrawingKind("magazine", r"周刊", paper.draw_magazine),
    DrawingKind("press_cutting", r"剪报$", paper.draw_press_cutting),
    DrawingKind("scrapbook", r"剪报册$", paper.draw_scrapbook),
    DrawingKind("memoir_book", r"《[^》]+》$", paper.draw_memoir_book, flat=False),
    DrawingKind("photo_album", r"相册$", paper.draw_photo_album),
    # arms and what was found in the ground
    DrawingKind("rifle", r"步枪$", things.draw_rifle, flat=False),
    DrawingKind("bayonet", r"刺刀$", things.draw_bayonet, flat=False),
    DrawingKind("helmet_type90", r"九〇式钢盔$", things.draw_helmet_type90, flat=False),
    DrawingKind("helmet_m35", r"M35钢盔$", things.draw_helmet_m35, flat=False),
    DrawingKind("shell_fragments", r"炮弹破片$", things.draw_shell_fragments),
    DrawingKind("cartridges_bullets", r"弹壳弹头$", things.draw_cartridges_bullets),
    DrawingKind("cartridge_tray", r"弹壳$", things.draw_cartridge_tray, flat=False),
    DrawingKind("mortar_tail", r"尾翼$", things.draw_mortar_tail, flat=False),
    DrawingKind("wall_brick", r"城墙砖$", things.draw_wall_brick, flat=False),
    DrawingKind("monument_brick", r"碑.*砖$", things.draw_monument_brick, flat=False),
    # daily life, equipment
    DrawingKind("water_bottle", r"水壶$", things.draw_water_bottle, flat=False),
    DrawingKind("rice_bowl", r"饭碗$", things.draw_rice_bowl, flat=False),
    DrawingKind("radio_parts", r"无线电", things.draw_radio_parts, flat=False),
    DrawingKind("drop_bag", r"空投袋$", things.draw_drop_bag),
    # badges, decorations, textiles
    DrawingKind("order_star", r"勋章", things.draw_order_star),
    DrawingKind("railway_badge", r"铁路.*证章$", things.draw_railway_badge),
    DrawingKind("chest_badge", r"胸章$", things.draw_chest_badge),
    DrawingKind("armband_taishan", r"泰山.*臂章$", things.draw_armband_taishan),
    DrawingKind("labour_armband", r"民工.*臂章$", things.draw_labour_armband, flat=False),
    DrawingKind("senninbari", r"千人针", things.draw_senninbari),
    DrawingKind("blood_chit", r"血幅$", things.draw_blood_chit),
)

KINDS: dict[str, DrawingKind] = {kind.name: kind for kind in _KINDS}
GENERIC = DrawingKind("generic", "", things.draw_generic, flat=False)

_NOTE = re.compile(r"\s*[（(][^（）()]*[）)]\s*$")


def head_name(name_zh: str) -> str:
    """The name without trailing bracketed notes: 衡阳城区军用地图（1944年） → 衡阳城区军用地图."""
    name = (name_zh or "").strip()
    while True:
        shorter = _NOTE.sub("", name)
        if shorter == name:
            return name
        name = shorter


def normalise(drawing: str) -> str:
    """A `drawing` value as written by hand: 'Helmet-M35 ' → 'helmet_m35'."""
    return (drawing or "").strip().lower().replace("-", "_").replace(" ", "_")


def kinds_depicting(name_zh: str) -> list[DrawingKind]:
    return [kind for kind in _KINDS if kind.depicts(name_zh)]


def kind_for(drawing: str, name_zh: str = "") -> DrawingKind:
    """The kind named by `drawing`; else the one kind the name matches; else the generic box."""
    named = KINDS.get(normalise(drawing))
    if named is not None:
        return named
    matches = kinds_depicting(name_zh)
    return matches[0] if len(matches) == 1 else GENERIC
