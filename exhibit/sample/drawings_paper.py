"""Drawings of the sample's paper objects: notices, maps, forms, letters, newspapers, books.

Each function draws one kind of object in the 1000×560 design space of
`drawing.Pen`, recognisably that object: a public notice is a wide printed
sheet with its title column and nail holes, a telegram form has its grid of
squares, a newspaper its headline and columns. Wartime print is in the
traditional characters of the time; the 1980s manuscript and the 2010s book
use simplified ones. Words are written out only where the object's record
gives them (its inscription or title); other text is drawn as lines of
print or handwriting too small to read, never invented.
"""
from __future__ import annotations

import math
import random
from typing import Sequence

from exhibit.sample.drawing import (
    OBJ_INK,
    OLD_PAPER,
    PRINT_BLACK,
    SEAL_RED,
    Colour,
    Pen,
    Point,
    chaikin,
    darker,
    lighter,
    mix,
    ragged,
    rounded_rect_pts,
)

PAPER_LINE = (150, 132, 104)   # the edge of a sheet
PEN_INK = (38, 48, 84)         # blue-black fountain-pen ink
PENCIL = (96, 94, 92)
BRUSH = (30, 26, 24)


def sheet(p: Pen, pts: Sequence[Point], colour: Colour = OLD_PAPER, edge: Colour | None = None) -> None:
    """A sheet of paper: filled, with a thin edge a little darker than the paper."""
    p.poly(pts, colour, edge or darker(colour, 0.35), 2)


def rect_pts(x0: float, y0: float, x1: float, y1: float) -> list[Point]:
    return [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]


def fibres(p: Pen, x0: float, y0: float, x1: float, y1: float, rnd: random.Random, colour: Colour,
           n: int = 140) -> None:
    """Short fibres in coarse hand-made paper."""
    for _ in range(n):
        x, y = rnd.uniform(x0 + 6, x1 - 6), rnd.uniform(y0 + 6, y1 - 6)
        a = rnd.uniform(0, math.pi)
        r = rnd.uniform(3, 9)
        p.line([(x - r * math.cos(a), y - r * math.sin(a)), (x + r * math.cos(a), y + r * math.sin(a))], colour, 1.2)


def stain(p: Pen, cx: float, cy: float, r: float, rnd: random.Random, paper: Colour, t: float = 0.18) -> None:
    """A water or foxing stain: an irregular blot a little darker than the paper, with a tide line."""
    pts = []
    for k in range(28):
        a = 2 * math.pi * k / 28
        rr = r * (1 + 0.22 * math.sin(3 * a + rnd.uniform(0, 1)) + rnd.uniform(-0.08, 0.08))
        pts.append((cx + rr * math.cos(a), cy + rr * 0.8 * math.sin(a)))
    stained = mix(paper, (150, 110, 60), t)
    p.poly(pts, stained, mix(paper, (130, 90, 50), t * 1.8), 2)


def crease(p: Pen, a: Point, b: Point, paper: Colour) -> None:
    """A fold: a dark line with a light one beside it."""
    p.line([a, b], darker(paper, 0.16), 2.5)
    p.line([(a[0] + 3, a[1] + 3), (b[0] + 3, b[1] + 3)], lighter(paper, 0.35), 1.5)


# --------------------------------------------------------------------------
# Notices, forms and letters

def draw_notice(p: Pen, rnd: random.Random) -> None:
    """A lithographed public notice (布告): title column on the right, text, signature and seal, nail holes."""
    paper = (232, 220, 188)
    with p.turned(-2, 500, 290):
        x0, y0, x1, y1 = 120, 40, 880, 540
        outline = [(x0, y0), (x1, y0), (x1, y1)] + ragged((x1, y1), (x0 + 170, y1), rnd, 5)
        outline += ragged((x0 + 170, y1), (x0 + 60, y1 - 40), rnd, 8)  # the corner with the date, torn away
        outline += ragged((x0 + 60, y1 - 40), (x0, y1 - 120), rnd, 8)
        sheet(p, outline, paper)
        p.rect(x0 + 22, y0 + 22, x1 - 22, y1 - 22, None, PRINT_BLACK, 4)
        p.rect(x0 + 32, y0 + 32, x1 - 32, y1 - 32, None, PRINT_BLACK, 1.5)
        p.vtext(818, 70, "第九戰區", 40, PRINT_BLACK)
        p.vtext(818, 250, "司令長官部", 30, PRINT_BLACK, 1.12)
        p.vtext(735, 90, "布告", 96, PRINT_BLACK, 1.25)
        p.line([(680, 64), (680, 510)], PRINT_BLACK, 2)
        p.print_lines(330, 650, 78, 500, rnd, gap=26, colour=(70, 62, 54), width=5, vertical=True)
        p.vtext(268, 120, "司令長官", 30, PRINT_BLACK, 1.15)
        p.vtext(268, 270, "薛岳", 40, PRINT_BLACK, 1.2)
        p.seal(256, 410, 40, rnd)
        p.vtext(195, 190, "中華民國", 22, PRINT_BLACK)
        for x, y in ((x0 + 14, y0 + 14), (x1 - 14, y0 + 14), (x1 - 14, y1 - 14)):
            p.ell(x, y, 10, 10, lighter(paper, 0.5), darker(paper, 0.5), 2)
            p.ell(x, y, 4, 4, (60, 50, 40), None)
        stain(p, 600, 470, 55, rnd, paper, 0.12)


def draw_telegram_form(p: Pen, rnd: random.Random) -> None:
    """A telegram form with its grid of squares, the message written into them in ink."""
    paper = (236, 228, 204)
    red = (170, 60, 50)
    message = "希望第十軍能固守衡陽十天至兩週但守期愈久愈好"
    with p.turned(2, 500, 290):
        x0, y0, x1, y1 = 230, 30, 770, 545
        sheet(p, rect_pts(x0, y0, x1, y1), paper)
        p.text(500, 72, "電 報", 44, red)
        p.line([(x0 + 24, 104), (x1 - 24, 104)], red, 3)
        p.line([(x0 + 24, 111), (x1 - 24, 111)], red, 1.2)
        for fx0, fx1 in ((x0 + 24, 380), (392, 560), (572, x1 - 24)):
            p.rect(fx0, 124, fx1, 160, None, red, 1.5)
            p.scribble_row(fx0 + 8, fx0 + (fx1 - fx0) * rnd.uniform(0.4, 0.8), 146, rnd, 13, PEN_INK, 1.6)
        cols, rows, cell = 9, 10, 36
        gx1, gy0 = 500 + cols * cell / 2, 180
        for c in range(cols + 1):
            p.line([(gx1 - c * cell, gy0), (gx1 - c * cell, gy0 + rows * cell)], red, 1.2)
        for r in range(rows + 1):
            p.line([(gx1 - cols * cell, gy0 + r * cell), (gx1, gy0 + r * cell)], red, 1.2)
        for i, ch in enumerate(message):  # right to left, top to bottom, as the form is read
            c, r = divmod(i, rows)
            p.text(gx1 - c * cell - cell / 2, gy0 + r * cell + cell / 2, ch, 25, PEN_INK)
        p.rect(x0 + 24, 560 - 60, x1 - 24, 528, None, red, 1.2)
        p.scribble_row(x0 + 36, x0 + 200, 516, rnd, 12, PEN_INK, 1.4)


def draw_brush_copy(p: Pen, rnd: random.Random) -> None:
    """A handwritten copy in brush on coarse maobian paper: long columns of brushwork, no printed form."""
    paper = (222, 204, 160)
    with p.turned(-1.5, 500, 290):
        x0, y0, x1, y1 = 110, 70, 890, 520
        outline = [(x0, y0)] + ragged((x0, y0), (x1, y0), rnd, 4, 20) + [(x1, y0), (x1, y1)]
        outline += ragged((x1, y1), (x0, y1), rnd, 4, 20) + [(x0, y1)]
        sheet(p, outline, paper)
        fibres(p, x0, y0, x1, y1, rnd, darker(paper, 0.12), 220)
        x = x1 - 50
        for k in range(14):
            end = y1 - 40 if k < 12 else rnd.uniform(200, 360)
            p.scribble_column(x, y0 + 40, end, rnd, 30, BRUSH, 4.2, stroke=0.8)
            x -= 52
        crease(p, (500, y0 + 4), (500, y1 - 4), paper)
        stain(p, 250, 140, 40, rnd, paper, 0.1)


def draw_handwritten_order(p: Pen, rnd: random.Random) -> None:
    """An order written in brush on a printed order sheet (手令) with red column rules, folded for dropping."""
    paper = (238, 230, 208)
    red = (176, 62, 52)
    with p.turned(3, 500, 290):
        x0, y0, x1, y1 = 190, 40, 810, 530
        sheet(p, rect_pts(x0, y0, x1, y1), paper)
        p.rect(x1 - 110, y0 + 30, x1 - 30, y0 + 230, None, red, 3)
        p.vtext(x1 - 70, y0 + 50, "手令", 62, red, 1.3)
        p.rect(x0 + 30, y0 + 30, x1 - 130, y1 - 30, None, red, 2.5)
        for k in range(1, 9):
            x = x1 - 130 - k * (x1 - 160 - x0) / 9
            p.line([(x, y0 + 30), (x, y1 - 30)], red, 1.2)
        step = (x1 - 160 - x0) / 9
        for k in range(7):
            x = x1 - 130 - step * (k + 0.5)
            end = y1 - 60 if k < 5 else y0 + 200
            p.scribble_column(x, y0 + 56, end, rnd, 34, BRUSH, 4.5, stroke=0.8)
        p.seal(x0 + 80, y1 - 100, 26, rnd)
        crease(p, (500, y0 + 2), (500, y1 - 2), paper)
        crease(p, (x0 + 2, 285), (x1 - 2, 285), paper)


def draw_diary_pages(p: Pen, rnd: random.Random) -> None:
    """Two leaves from a pocket notebook: ruled columns, pen and pencil, torn from the binding."""
    paper = (236, 230, 210)
    rule = (160, 186, 206)
    for deg, cx, first in ((-5, 330, True), (4, 660, False)):
        with p.turned(deg, cx, 290):
            x0, y0, x1, y1 = cx - 150, 60, cx + 150, 520
            outline = [(x1, y0), (x1, y1), (x0, y1)] + ragged((x0, y1), (x0, y0), rnd, 7, 10)
            sheet(p, outline, paper)
            for k in range(11):
                x = x1 - 20 - k * 24
                p.line([(x, y0 + 28), (x, y1 - 16)], rule, 1.2)
            p.line([(x0 + 8, y0 + 28), (x1 - 6, y0 + 28)], (200, 120, 110), 1.5)
            for y in range(int(y0) + 60, int(y1) - 20, 48):
                p.ell(x0 + 8, y, 2.5, 2.5, darker(paper, 0.4), None)
            for k in range(10):
                x = x1 - 32 - k * 24
                ink, width = (PENCIL, 1.8) if (k % 3 == 2) else (PEN_INK, 1.7)
                if first and k == 4:  # the place name that can still be read
                    below = p.vtext(x, y0 + 50, "泉溪", 20, PENCIL)
                    p.scribble_column(x, below + 4, y1 - 30, rnd, 18, PENCIL, 1.8)
                    continue
                p.scribble_column(x, y0 + 42, y1 - 30 - rnd.uniform(0, 120 if k > 7 else 10), rnd, 18, ink, width)
            stain(p, cx + 60, y1 - 70, 28, rnd, paper, 0.14)


def draw_recollection_pages(p: Pen, rnd: random.Random) -> None:
    """Three pages of ruled letter paper in fountain pen, the first headed 衡阳记事."""
    paper = (240, 236, 224)
    red = (196, 80, 70)
    for n, (deg, cx, cy) in enumerate(((-8, 330, 300), (-2, 480, 290), (5, 640, 280))):
        with p.turned(deg, cx, cy):
            x0, y0, x1, y1 = cx - 180, cy - 250, cx + 180, cy + 250
            sheet(p, rect_pts(x0, y0, x1, y1), paper)
            p.line([(x0 + 20, y0 + 44), (x1 - 20, y0 + 44)], red, 2.5)
            for y in range(int(y0) + 80, int(y1) - 30, 30):
                p.line([(x0 + 20, y), (x1 - 20, y)], lighter(red, 0.45), 1.2)
            p.line([(x0 + 20, y1 - 30), (x1 - 20, y1 - 30)], red, 2.5)
            top = y0 + 76
            if n == 2:
                p.text((x0 + x1) / 2, y0 + 96, "衡阳记事", 34, PEN_INK)
                top = y0 + 136
            y = top
            while y < y1 - 44:
                p.scribble_row(x0 + 30 + (22 if y == top else 0), x1 - 30, y, rnd, 16, PEN_INK, 1.7)
                y += 30


def draw_evacuation_certificate(p: Pen, rnd: random.Random) -> None:
    """A printed certificate filled in by hand, with the city government's round red seal."""
    paper = (234, 226, 200)
    with p.turned(-3, 500, 290):
        x0, y0, x1, y1 = 160, 80, 840, 510
        sheet(p, rect_pts(x0, y0, x1, y1), paper)
        p.rect(x0 + 18, y0 + 18, x1 - 18, y1 - 18, None, PRINT_BLACK, 3.5)
        p.rect(x0 + 26, y0 + 26, x1 - 26, y1 - 26, None, PRINT_BLACK, 1.2)
        p.text(500, y0 + 62, "衡陽市政府", 30, PRINT_BLACK)
        p.text(500, y0 + 112, "疏 散 證 明", 50, PRINT_BLACK)
        top, row = y0 + 156, 60
        for k, label in enumerate(("戶主", "人口", "疏散地點")):
            y = top + k * row
            p.rect(x0 + 60, y, x1 - 60, y + row, None, PRINT_BLACK, 1.8)
            p.line([(x0 + 210, y), (x0 + 210, y + row)], PRINT_BLACK, 1.8)
            p.text(x0 + 135, y + row / 2, label, 26, PRINT_BLACK)
            if k == 0:  # the householder's name is withheld: a strip of blank paper
                continue
            p.scribble_row(x0 + 236, x0 + 236 + rnd.uniform(120, 300), y + row / 2 + 6, rnd, 22, BRUSH, 3)
        p.print_lines(x0 + 60, x1 - 60, y1 - 78, y1 - 50, rnd, gap=14, colour=(96, 88, 78), width=3)
        p.seal(x1 - 170, y1 - 110, 70, rnd, SEAL_RED, square=False)


def draw_death_notice(p: Pen, rnd: random.Random) -> None:
    """A printed death notice with a black mourning border, the blanks filled in by brush."""
    paper = (238, 232, 214)
    with p.turned(1.5, 500, 290):
        x0, y0, x1, y1 = 300, 10, 700, 560
        sheet(p, rect_pts(x0, y0, x1, y1), paper)
        p.rect(x0 + 16, y0 + 16, x1 - 16, y1 - 16, None, PRINT_BLACK, 12)
        p.rect(x0 + 30, y0 + 30, x1 - 30, y1 - 30, None, PRINT_BLACK, 1.5)
        p.vtext(x1 - 68, y0 + 60, "陣亡通知書", 50, PRINT_BLACK, 1.2)
        p.line([(x1 - 112, y0 + 40), (x1 - 112, y1 - 40)], PRINT_BLACK, 1.5)
        x = x1 - 140
        for k in range(8):
            if k in (1, 3):  # the blanks: name and native place, written in brush
                p.rect(x - 14, y0 + 120, x + 14, y0 + 300, None, PRINT_BLACK, 1)
                p.scribble_column(x, y0 + 130, y0 + 290, rnd, 26, BRUSH, 3.6, stroke=0.8)
                p.line([(x, y0 + 50), (x, y0 + 110)], (70, 62, 54), 5)
                p.line([(x, y0 + 310), (x, y1 - 60)], (70, 62, 54), 5)
            else:
                p.print_lines(x, x, y0 + 50, y1 - 60 - rnd.uniform(0, 160), rnd, gap=30, colour=(70, 62, 54),
                              width=5, vertical=True)
            x -= 30
        p.seal(x0 + 92, y1 - 110, 40, rnd)


def draw_surrender_pass(p: Pen, rnd: random.Random) -> None:
    """An airdropped pass (歸來證): big red title, a printed picture, text; creased and water-stained."""
    paper = (228, 218, 188)
    with p.turned(-4, 500, 290):
        x0, y0, x1, y1 = 170, 60, 830, 520
        sheet(p, rect_pts(x0, y0, x1, y1), paper)
        stain(p, 300, 400, 110, rnd, paper, 0.2)
        for k in range(0, 40):  # the printed dashed border of a cut-out pass
            t = k / 40
            p.line([(x0 + 20 + (x1 - x0 - 40) * t, y0 + 20), (x0 + 20 + (x1 - x0 - 40) * (t + 0.012), y0 + 20)],
                   PRINT_BLACK, 2)
            p.line([(x0 + 20 + (x1 - x0 - 40) * t, y1 - 20), (x0 + 20 + (x1 - x0 - 40) * (t + 0.012), y1 - 20)],
                   PRINT_BLACK, 2)
        p.text(500, y0 + 78, "歸 來 證", 72, (170, 40, 36))
        # the picture: a road home to a village house
        px0, py0, px1, py1 = x0 + 50, y0 + 140, x0 + 360, y1 - 50
        p.rect(px0, py0, px1, py1, (236, 228, 204), PRINT_BLACK, 2.5)
        p.poly([(px0, py1 - 90), (px0 + 90, py0 + 90), (px0 + 170, py1 - 110), (px1, py0 + 110), (px1, py1),
                (px0, py1)], (196, 186, 160), None, 0)
        p.poly([((px0 + px1) / 2 - 30, py1), ((px0 + px1) / 2 + 60, py1), (px1 - 70, py0 + 190),
                (px1 - 84, py0 + 190)], (226, 216, 190), PRINT_BLACK, 1.5)
        hx, hy = px1 - 80, py0 + 150
        p.rect(hx - 50, hy, hx + 30, hy + 44, (214, 202, 176), PRINT_BLACK, 2)
        p.poly([(hx - 62, hy), (hx - 10, hy - 36), (hx + 42, hy)], (120, 96, 80), PRINT_BLACK, 2)
        p.rect(hx - 20, hy + 16, hx, hy + 44, PRINT_BLACK, None, 0)
        p.print_lines(x0 + 400, x1 - 50, y0 + 150, y1 - 60, rnd, gap=32, colour=(60, 54, 48), width=5,
                      vertical=True)
        crease(p, (500, y0 + 2), (500, y1 - 2), paper)
        crease(p, (x0 + 2, 300), (x1 - 2, 300), paper)


def draw_programme(p: Pen, rnd: random.Random) -> None:
    """A printed programme, one folded sheet lying open: the title on the cover, the order of proceedings inside."""
    paper = (240, 234, 218)
    red = (160, 48, 44)
    left = [(150, 70), (500, 50), (500, 530), (150, 510)]
    right = [(500, 50), (850, 70), (850, 510), (500, 530)]
    p.poly(left, darker(paper, 0.06), darker(paper, 0.4), 2)
    p.poly(right, paper, darker(paper, 0.4), 2)
    p.poly([(850, 70), (860, 78), (860, 516), (850, 510)], darker(paper, 0.2), None, 0)
    # the inside: the order of proceedings, numbered
    for k, numeral in enumerate("一二三四五六七八"):
        x = 450 - k * 40
        p.text(x, 110, numeral, 22, PRINT_BLACK)
        p.print_lines(x, x, 136, 470 - rnd.uniform(0, 200), rnd, gap=30, colour=(70, 64, 58), width=4, vertical=True)
    # the cover
    p.poly([(530, 82), (820, 96), (820, 486), (530, 500)], None, red, 4)
    p.poly([(542, 94), (808, 106), (808, 474), (542, 488)], None, red, 1.5)
    p.vtext(760, 130, "衡陽抗戰紀念城", 36, PRINT_BLACK, 1.1)
    p.vtext(700, 130, "命名暨奠基典禮", 36, PRINT_BLACK, 1.1)
    p.vtext(630, 240, "程序", 52, red, 1.2)
    p.vtext(580, 190, "民國三十六年八月十日", 17, PRINT_BLACK)
    crease(p, (500, 52), (500, 528), paper)


def draw_rail_ticket(p: Pen, rnd: random.Random) -> None:
    """A card railway ticket: line and station printed, a serial number, a punched notch, worn corners."""
    card = (208, 190, 140)
    with p.turned(-6, 500, 290):
        x0, y0, x1, y1 = 200, 120, 800, 440
        p.poly(rounded_rect_pts(x0, y0, x1, y1, 24), card, darker(card, 0.4), 3)
        p.rect(x0 + 22, y0 + 22, x1 - 22, y1 - 22, None, PRINT_BLACK, 2)
        p.text(500, y0 + 64, "湘桂鐵路", 44, PRINT_BLACK)
        p.line([(x0 + 40, y0 + 100), (x1 - 40, y0 + 100)], PRINT_BLACK, 2)
        p.text(500, 300, "衡 陽", 88, PRINT_BLACK)
        p.text(x0 + 90, y1 - 52, "三等", 30, PRINT_BLACK)
        p.text(x1 - 110, y1 - 52, "0417", 34, (150, 50, 40))
        p.ell(x1, 330, 16, 16, (0, 0, 0, 0), None)  # the ticket collector's clipper took a bite
        for _ in range(30):
            x, y = rnd.uniform(x0 + 10, x1 - 10), rnd.uniform(y0 + 10, y1 - 10)
            p.ell(x, y, rnd.uniform(2, 6), rnd.uniform(1, 4), darker(card, 0.1), None)


def draw_banknotes(p: Pen, rnd: random.Random) -> None:
    """Central Bank of China notes fanned out: each with its frame, portrait oval and denomination."""
    notes = [((96, 118, 88), "伍圓", -14), ((150, 92, 70), "拾圓", -5), ((104, 86, 130), "壹百圓", 4),
             ((70, 102, 126), "伍百圓", 12)]
    for k, (colour, value, deg) in enumerate(notes):
        cx, cy = 380 + k * 80, 300 - k * 8
        with p.turned(deg, cx, cy):
            x0, y0, x1, y1 = cx - 250, cy - 120, cx + 250, cy + 120
            paper = mix(colour, (246, 240, 224), 0.78)
            sheet(p, rect_pts(x0, y0, x1, y1), paper, darker(colour, 0.2))
            p.rect(x0 + 12, y0 + 12, x1 - 12, y1 - 12, None, colour, 6)
            for i in range(0, 460, 10):  # the engraved guilloche band along the top
                x = x0 + 22 + i
                p.line([(x, y0 + 26 + 6 * math.sin(i / 9)), (x + 10, y0 + 26 + 6 * math.sin((i + 10) / 9))],
                       colour, 1.5)
            p.text(cx + 20, y0 + 58, "中央銀行", 38, darker(colour, 0.3))
            p.ell(x0 + 110, cy + 20, 62, 74, lighter(colour, 0.55), colour, 4)
            for k in range(-9, 10):  # the engraved ground of the portrait, in fine lines
                p.line([(x0 + 110 + k * 6, cy - 46), (x0 + 110 + k * 6, cy + 86)], lighter(colour, 0.3), 1)
            p.ell(x0 + 110, cy + 20, 62, 74, None, colour, 4)
            p.ell(x0 + 110, cy + 2, 22, 27, mix(colour, (250, 246, 236), 0.35), darker(colour, 0.2), 2)
            p.poly([(x0 + 72, cy + 86), (x0 + 82, cy + 44), (x0 + 138, cy + 44), (x0 + 148, cy + 86)],
                   darker(colour, 0.1), None, 0)
            p.text(cx + 60, cy + 30, value, 48, darker(colour, 0.25))
            p.text(cx + 60, y1 - 34, "THE CENTRAL BANK OF CHINA", 16, darker(colour, 0.2))
            for x, y in ((x1 - 40, y0 + 40), (x1 - 40, y1 - 40)):
                p.ell(x, y, 22, 22, lighter(colour, 0.4), colour, 3)
            crease(p, (cx - 6, y0 + 4), (cx + 4, y1 - 4), paper)


# --------------------------------------------------------------------------
# Maps

def draw_situation_map(p: Pen, rnd: random.Random) -> None:
    """A hand-drawn coloured situation map of Hunan: rivers, railway, towns, the fronts; torn at the folds."""
    paper = (232, 222, 192)
    x0, y0, x1, y1 = 150, 30, 850, 545
    sheet(p, rect_pts(x0, y0, x1, y1), paper)
    p.poly([(x0 + 10, y0 + 10), (x1 - 10, y0 + 10), (x1 - 10, 300), (620, 330), (x0 + 10, 280)],
           mix(paper, (150, 180, 110), 0.2), None, 0)
    p.poly([(x0 + 10, 280), (620, 330), (x1 - 10, 300), (x1 - 10, y1 - 10), (x0 + 10, y1 - 10)],
           mix(paper, (210, 170, 90), 0.22), None, 0)
    lake = [(430, 60), (520, 50), (590, 80), (570, 120), (480, 130), (420, 105)]
    p.poly(chaikin(lake + [lake[0]], 2), (150, 184, 206), (70, 110, 150), 2)
    xiang = chaikin([(470, 128), (455, 200), (480, 280), (450, 360), (470, 440), (440, 530)], 3)
    p.line(xiang, (70, 110, 150), 7)
    p.line(xiang, (150, 184, 206), 3.5)
    for branch in ([(455, 200), (380, 220), (300, 210)], [(450, 360), (560, 380), (660, 420)]):
        p.line(chaikin(branch, 2), (70, 110, 150), 3.5)
    rail = chaikin([(540, 40), (520, 150), (520, 260), (500, 370), (520, 540)], 2)
    p.line(rail, PRINT_BLACK, 5)
    p.line(rail, (240, 236, 224), 2)
    for x, y, name in ((510, 160, "長沙"), (510, 260, "湘潭"), (495, 380, "衡陽")):
        p.ell(x, y, 9, 9, (180, 40, 36), OBJ_INK, 2)
        p.text(x + 50, y, name, 24, OBJ_INK)
    # the Japanese advance (blue) from the north; the Chinese line (red)
    for start, end in (((620, 60), (560, 150)), ((700, 170), (580, 250)), ((380, 150), (470, 330))):
        mid = ((start[0] + end[0]) / 2 + 20, (start[1] + end[1]) / 2)
        curve = chaikin([start, mid, end], 3)
        p.line(curve, (40, 70, 150), 7)
        a = math.atan2(end[1] - curve[-3][1], end[0] - curve[-3][0])
        p.poly([(end[0] + 16 * math.cos(a), end[1] + 16 * math.sin(a)),
                (end[0] + 14 * math.cos(a + 2.2), end[1] + 14 * math.sin(a + 2.2)),
                (end[0] + 14 * math.cos(a - 2.2), end[1] + 14 * math.sin(a - 2.2))], (40, 70, 150), None, 0)
    front = chaikin([(300, 430), (380, 400), (440, 420), (520, 410), (600, 440), (700, 430)], 3)
    p.line(front, (180, 40, 36), 6)
    for fx, fy in front[4::8]:
        p.line([(fx, fy), (fx, fy + 14)], (180, 40, 36), 3)
    # folds, one of them torn
    for fx in (383, 617):
        crease(p, (fx, y0 + 2), (fx, y1 - 2), paper)
    crease(p, (x0 + 2, 288), (x1 - 2, 288), paper)
    tear = [(383, 288)] + ragged((383, 288), (383, 200), rnd, 6, 8) + [(383, 200)]
    p.line(tear, darker(paper, 0.5), 3)
    p.text(x0 + 90, y0 + 40, "作戰形勢圖", 24, (120, 60, 40))


def draw_military_map(p: Pen, rnd: random.Random) -> None:
    """A stencil-printed 1:25,000 map of Hengyang in violet ink, with a defence line in red and blue pencil."""
    paper = (236, 232, 220)
    violet = (92, 70, 128)
    x0, y0, x1, y1 = 160, 40, 840, 540
    sheet(p, rect_pts(x0, y0, x1, y1), paper)
    mx0, my0, mx1, my1 = x0 + 30, y0 + 60, x1 - 30, y1 - 40
    p.rect(mx0, my0, mx1, my1, None, violet, 2.5)
    for k in range(1, 8):
        x = mx0 + k * (mx1 - mx0) / 8
        p.line([(x, my0), (x, my1)], mix(paper, violet, 0.35), 1)
    for k in range(1, 6):
        y = my0 + k * (my1 - my0) / 6
        p.line([(mx0, y), (mx1, y)], mix(paper, violet, 0.35), 1)
    p.text(500, y0 + 30, "衡陽", 34, violet)
    p.text(mx1, y1 - 20, "1 : 25,000", 18, violet, anchor="rm")
    # hills: contour rings
    for cx, cy, rr in ((300, 390, 70), (400, 440, 50), (270, 250, 55)):
        for k in range(4):
            r = rr * (1 - 0.22 * k)
            pts = [(cx + r * 1.3 * math.cos(a) * (1 + 0.07 * math.sin(3 * a + cx)),
                    cy + r * 0.8 * math.sin(a)) for a in (2 * math.pi * i / 40 for i in range(41))]
            p.line(pts, mix(paper, violet, 0.7), 1.5)
    # the Xiang (double line) and the walled city on its west bank
    river_l = chaikin([(600, my0), (590, 200), (610, 330), (590, my1)], 3)
    river_r = [(x + 46, y) for x, y in river_l]
    p.line(river_l, violet, 2)
    p.line(river_r, violet, 2)
    city = [(470, 170), (560, 160), (575, 260), (560, 330), (470, 320), (455, 240)]
    p.poly(city, mix(paper, violet, 0.12), violet, 3)
    for (ax, ay), (bx, by) in zip(city, city[1:] + city[:1]):
        for t in (0.25, 0.5, 0.75):
            x, y = ax + (bx - ax) * t, ay + (by - ay) * t
            p.rect(x - 4, y - 4, x + 4, y + 4, violet, None, 0)
    rail = chaikin([(700, my0), (690, 250), (660, 380), (700, my1)], 2)
    p.line(rail, violet, 4)
    for x, y in rail[::3]:
        p.line([(x - 7, y), (x + 7, y)], violet, 2)
    for (hx, hy), name in (((270, 250), "虎形巢"), ((300, 390), "張家山"), ((400, 440), "五桂嶺")):
        p.text(hx, hy, name, 17, violet)
    p.vtext(626, 380, "湘江", 18, violet)
    # the pencil: a red defence line round the south-west, a blue line behind it
    red_line = chaikin([(440, 130), (360, 200), (330, 320), (380, 450), (520, 480), (590, 430)], 3)
    for k in range(len(red_line) - 1):
        a, b = red_line[k], red_line[k + 1]
        jitter = rnd.uniform(-1.5, 1.5)
        p.line([(a[0] + jitter, a[1]), (b[0] + jitter, b[1])], (200, 50, 44), 4)
    blue_line = chaikin([(450, 150), (400, 230), (395, 330), (430, 420), (540, 440)], 3)
    p.line(blue_line, (50, 80, 170), 3)
    for x, y in red_line[6::10]:
        p.line([(x, y), (x - 12, y - 4)], (200, 50, 44), 3)


# --------------------------------------------------------------------------
# Newspapers, magazine, cuttings, books

def draw_newspaper_jp(p: Pen, rnd: random.Random) -> None:
    """A Japanese newspaper front page, masthead torn away: the headline down the right, columns, a photograph."""
    paper = (226, 218, 196)
    with p.turned(-2, 500, 290):
        x0, x1, y1 = 190, 810, 550
        outline = [(x0, y1), (x0, 110)] + ragged((x0, 110), (560, 60), rnd, 10, 12) + \
            ragged((560, 60), (x1, 40), rnd, 10, 12) + [(x1, 40), (x1, y1)]
        sheet(p, outline, paper)
        p.vtext(x1 - 60, 80, "東條內閣", 64, PRINT_BLACK, 1.05)
        p.vtext(x1 - 140, 150, "總辭職", 64, PRINT_BLACK, 1.05)
        p.line([(x1 - 186, 80), (x1 - 186, y1 - 30)], PRINT_BLACK, 2)
        p.print_lines(x1 - 250, x1 - 200, 120, 520, rnd, gap=14, colour=(60, 56, 50), width=4, vertical=True)
        p.line([(x0 + 20, 300), (x1 - 260, 300)], PRINT_BLACK, 2)
        p.rect(x0 + 210, 140, x1 - 270, 290, (150, 146, 138), PRINT_BLACK, 2)
        for k in range(12):  # a halftone photograph: a face
            p.line([(x0 + 214, 150 + k * 12), (x1 - 274, 150 + k * 12)], (136, 132, 124), 4)
        p.ell((x0 + x1 - 60) / 2 + 40, 200, 32, 40, (110, 104, 96), None)
        p.poly([((x0 + x1 - 60) / 2 - 20, 290), ((x0 + x1 - 60) / 2 + 10, 244), ((x0 + x1 - 60) / 2 + 70, 244),
                ((x0 + x1 - 60) / 2 + 100, 290)], (90, 86, 80), None, 0)
        p.print_lines(x0 + 20, x0 + 190, 130, 290, rnd, gap=12, colour=(80, 74, 66), width=3, vertical=True)
        p.print_lines(x0 + 20, x1 - 270, 318, 530, rnd, gap=12, colour=(80, 74, 66), width=3, vertical=True)


def draw_newspaper_cn(p: Pen, rnd: random.Random) -> None:
    """The Yan'an Jiefang Ribao on coarse local paper: masthead block, headline, columns; ragged, worm-holed edges."""
    paper = (206, 196, 170)
    x0, y0, x1, y1 = 110, 40, 890, 530
    outline = [(x0, y0)] + ragged((x0, y0), (x1, y0), rnd, 8, 16) + [(x1, y0)] + \
        ragged((x1, y0), (x1, y1), rnd, 8, 16) + [(x1, y1)] + ragged((x1, y1), (x0, y1), rnd, 10, 14) + [(x0, y1)] + \
        ragged((x0, y1), (x0, y0), rnd, 8, 16)
    sheet(p, outline, paper)
    fibres(p, x0, y0, x1, y1, rnd, darker(paper, 0.1), 260)
    p.rect(x1 - 150, y0 + 30, x1 - 30, y0 + 330, None, PRINT_BLACK, 3)
    p.vtext(x1 - 90, y0 + 44, "解放日報", 60, PRINT_BLACK, 1.1)
    p.vtext(x1 - 175, y0 + 36, "一九四四年八月十二日", 17, PRINT_BLACK)
    p.line([(x1 - 196, y0 + 20), (x1 - 196, y1 - 20)], PRINT_BLACK, 2)
    p.line([(x0 + 20, 290), (x1 - 200, 290)], PRINT_BLACK, 2)
    for k in range(3):  # headline bars, bold
        x = x1 - 230 - k * 44
        p.line([(x, y0 + 40), (x, y0 + 200 - k * 30)], PRINT_BLACK, 14)
    p.print_lines(x0 + 24, x1 - 380, y0 + 34, 270, rnd, gap=13, colour=(74, 68, 58), width=3, vertical=True)
    p.print_lines(x0 + 24, x1 - 220, 308, y1 - 30, rnd, gap=13, colour=(74, 68, 58), width=3, vertical=True)
    for _ in range(9):  # insect damage: holes through the sheet
        hx, hy = rnd.uniform(x0 + 20, x0 + 300), rnd.uniform(y1 - 120, y1 - 20)
        p.ell(hx, hy, rnd.uniform(4, 10), rnd.uniform(3, 7), (0, 0, 0, 0), darker(paper, 0.4), 1.5)


def draw_magazine(p: Pen, rnd: random.Random) -> None:
    """A TIME magazine of 1944: the red border, the masthead, a painted portrait; the spine a little damaged."""
    red = (190, 30, 36)
    x0, y0, x1, y1 = 320, 10, 700, 550
    outline = [(x1, y0), (x1, y1), (x0, y1)] + ragged((x0, y1), (x0, y0), rnd, 5, 12)
    p.poly([(x + 10, y + 8) for x, y in outline], (200, 196, 186), None, 0)
    p.poly(outline, red, OBJ_INK, 2)
    ix0, iy0, ix1, iy1 = x0 + 34, y0 + 34, x1 - 30, y1 - 40
    p.rect(ix0, iy0, ix1, iy1, (226, 214, 186), None, 0)
    p.rect(ix0, iy0 + 96, ix1, iy1, (118, 134, 150), None, 0)  # the painted ground of the portrait
    p.text((ix0 + ix1) / 2, iy0 + 56, "TIME", 84, (20, 18, 18))
    p.text((ix0 + ix1) / 2, y0 + 18, "THE WEEKLY NEWSMAGAZINE", 13, (246, 238, 226))
    cx = (ix0 + ix1) / 2
    p.poly([(ix0 + 30, iy1), (ix0 + 60, 400), (cx - 50, 370), (cx + 50, 370), (ix1 - 60, 400), (ix1 - 30, iy1)],
           (62, 70, 62), None, 0)
    p.poly([(cx - 40, 372), (cx, 430), (cx + 40, 372)], (214, 206, 190), None, 0)
    p.rect(cx - 22, 330, cx + 22, 380, (196, 160, 126), None, 0)
    p.ell(cx, 280, 64, 80, (206, 170, 134), None)
    p.poly([(cx - 66, 270), (cx - 60, 220), (cx - 20, 196), (cx + 30, 198), (cx + 62, 224), (cx + 66, 262),
            (cx + 50, 236), (cx - 50, 236)], (52, 44, 40), None, 0)
    for ex in (cx - 24, cx + 24):
        p.ell(ex, 282, 7, 4, (60, 50, 44), None)
    p.line([(cx - 18, 330), (cx + 18, 330)], (140, 90, 80), 3)
    p.rect(ix0, iy1 - 30, ix1, iy1, (236, 226, 204), None, 0)
    p.text(cx, iy1 - 15, "AUGUST 21, 1944", 15, (40, 36, 34))


def draw_press_cutting(p: Pen, rnd: random.Random) -> None:
    """A newspaper cutting, scissor-cut: a bold headline, columns of type, a pencilled date in the margin."""
    paper = (228, 216, 186)
    with p.turned(3, 500, 290):
        cut: list[Point] = [(300, 60), (712, 52), (716, 300), (640, 302), (646, 530), (296, 536)]
        outline = [(x + rnd.uniform(-3, 3), y + rnd.uniform(-3, 3)) for x, y in cut]
        sheet(p, outline, paper)
        for k in range(2):
            x = 680 - k * 54
            p.line([(x, 84), (x, 270 - k * 50)], PRINT_BLACK, 22)
        p.line([(590, 80), (590, 280)], PRINT_BLACK, 2)
        p.print_lines(360, 572, 84, 280, rnd, gap=14, colour=(70, 64, 56), width=3.5, vertical=True)
        p.print_lines(360, 620, 320, 510, rnd, gap=14, colour=(70, 64, 56), width=3.5, vertical=True)
        p.line([(350, 300), (630, 300)], PRINT_BLACK, 2)
        p.vtext(324, 150, "卅三年十一月", 22, PENCIL)  # the date, pencilled in the margin by whoever kept it


def draw_scrapbook(p: Pen, rnd: random.Random) -> None:
    """An open scrapbook of kraft pages with yellowed press cuttings pasted in."""
    cover = (96, 40, 36)
    page = (196, 176, 136)
    p.rect(110, 40, 890, 530, cover, OBJ_INK, 3, r=10)
    p.poly([(130, 56), (496, 70), (496, 516), (130, 514)], page, darker(page, 0.4), 2)
    p.poly([(504, 70), (870, 56), (870, 514), (504, 516)], lighter(page, 0.05), darker(page, 0.4), 2)
    p.line([(500, 64), (500, 520)], darker(page, 0.45), 5)
    cuttings = [(150, 84, 320, 300, -2), (340, 96, 480, 250, 3), (170, 330, 470, 490, -1),
                (530, 90, 700, 270, 2), (720, 80, 850, 330, -3), (540, 300, 840, 490, 1)]
    for cx0, cy0, cx1, cy1, deg in cuttings:
        with p.turned(deg, (cx0 + cx1) / 2, (cy0 + cy1) / 2):
            clip = (232, 222, 196)
            sheet(p, rect_pts(cx0, cy0, cx1, cy1), clip)
            p.line([(cx1 - 20, cy0 + 16), (cx1 - 20, cy0 + (cy1 - cy0) * 0.55)], PRINT_BLACK, 12)
            p.print_lines(cx0 + 14, cx1 - 40, cy0 + 16, cy1 - 16, rnd, gap=11, colour=(84, 78, 68), width=3,
                          vertical=True)
    for x, y in ((250, 312), (610, 284)):
        p.scribble_row(x - 60, x + 60, y, rnd, 10, PEN_INK, 1.3)


def draw_memoir_book(p: Pen, rnd: random.Random) -> None:
    """A modern paperback memoir standing at an angle: title and author on the cover, the spine beside it."""
    cover = (54, 40, 36)
    spine = [(300, 60), (360, 40), (360, 540), (300, 520)]
    front = [(360, 40), (720, 70), (720, 510), (360, 540)]
    p.poly([(720, 70), (740, 80), (740, 500), (720, 510)], (236, 230, 216), OBJ_INK, 2)  # the page edges
    for y in range(90, 500, 10):
        p.line([(724, y), (736, y + 3)], (200, 194, 180), 1)
    p.poly(spine, darker(cover, 0.2))
    p.poly(front, cover)
    # a sepia band across the cover, standing for a wartime photograph
    p.poly([(380, 290), (700, 306), (700, 440), (380, 436)], (150, 124, 90), None, 0)
    p.poly([(380, 396), (460, 356), (540, 390), (620, 348), (700, 384), (700, 440), (380, 436)],
           (110, 88, 64), None, 0)
    p.vtext(660, 96, "长沙常德衡阳", 25, (236, 226, 200), 1.02)
    p.vtext(624, 108, "血战亲历记", 25, (236, 226, 200), 1.02)
    p.text(460, 488, "葛先才 著", 22, (220, 200, 160))
    p.vtext(330, 110, "葛先才", 20, (220, 200, 160), 1.1)
    p.line([(360, 40), (360, 540)], OBJ_INK, 2)


def draw_photo_album(p: Pen, rnd: random.Random) -> None:
    """An album open at two black pages of small black-and-white photographs, captioned in white ink."""
    p.rect(150, 60, 850, 520, (88, 64, 46), OBJ_INK, 3, r=8)
    p.rect(166, 74, 496, 506, (40, 38, 36), None, 0)
    p.rect(504, 74, 834, 506, (46, 44, 42), None, 0)
    p.line([(500, 74), (500, 506)], (24, 22, 20), 4)
    frames = ((190, 96, 470, 270, -2), (212, 310, 410, 470, 3), (528, 100, 806, 280, 1.5), (552, 318, 770, 476, -3))
    for (x0, y0, x1, y1, deg) in frames:
        with p.turned(deg, (x0 + x1) / 2, (y0 + y1) / 2):
            _photo(p, x0, y0, x1, y1, rnd)
    for x, y in ((330, 290), (310, 490), (667, 300), (660, 492)):
        p.scribble_row(x - 60, x + 60, y, rnd, 9, (214, 210, 200), 1.3)


def _photo(p: Pen, x0: float, y0: float, x1: float, y1: float, rnd: random.Random) -> None:
    """A small black-and-white photograph in its mounting corners: hills, people, a tomb mound."""
    p.rect(x0, y0, x1, y1, (236, 234, 226), None, 0)
    ix0, iy0, ix1, iy1 = x0 + 9, y0 + 9, x1 - 9, y1 - 9
    p.rect(ix0, iy0, ix1, iy1, (196, 196, 190), None, 0)
    h = iy1 - iy0
    hills = [(ix0, iy0 + h * 0.6)]
    for k in range(1, 7):
        hills.append((ix0 + (ix1 - ix0) * k / 6, iy0 + h * rnd.uniform(0.3, 0.6)))
    p.poly(hills + [(ix1, iy1), (ix0, iy1)], (126, 126, 120), None, 0)
    p.rect(ix0, iy0 + h * 0.78, ix1, iy1, (92, 92, 88), None, 0)
    mx = ix0 + (ix1 - ix0) * rnd.uniform(0.3, 0.7)
    p.ell(mx, iy0 + h * 0.78, (ix1 - ix0) * 0.16, h * 0.14, (160, 160, 154), None)
    for k in range(rnd.randint(3, 6)):  # people at work
        fx = ix0 + (ix1 - ix0) * rnd.uniform(0.1, 0.9)
        fy = iy0 + h * rnd.uniform(0.8, 0.9)
        p.ell(fx, fy - h * 0.13, h * 0.025, h * 0.025, (40, 40, 40), None)
        p.rect(fx - h * 0.025, fy - h * 0.11, fx + h * 0.025, fy, (40, 40, 40), None, 0)
    for cx, cy, sx, sy in ((x0, y0, 1, 1), (x1, y0, -1, 1), (x1, y1, -1, -1), (x0, y1, 1, -1)):
        p.poly([(cx - 4 * sx, cy - 4 * sy), (cx + 22 * sx, cy - 4 * sy), (cx - 4 * sx, cy + 22 * sy)],
               (20, 20, 20), None, 0)

